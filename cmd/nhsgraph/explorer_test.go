package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

// hostileDoc names an HTML element with a script handler in its title and
// its sentences: the explorer must show it as text.
const hostileDoc = "<img src=x onerror=alert(1)> annual report\n\n" +
	"The <img src=x onerror=alert(1)> Trust worked with NHSX on the NHS App.\n\n" +
	"NHSX partnered with the <img src=x onerror=alert(1)> Trust in 2021.\n"

// needBrowser skips a test that needs Chromium and the explorer's bundle
// when either is missing, except in CI, where it fails.
func needBrowser(t *testing.T) {
	t.Helper()
	missing := ""
	if _, err := os.Stat(chromium); err != nil {
		missing = "Chromium is not installed at " + chromium + " (apt-get install chromium)"
	} else if _, err := os.Stat("../../web/ui/dist/manifest.json"); err != nil {
		missing = "the explorer's bundle is not built (make assets)"
	}
	if missing == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(missing)
	}
	t.Skip(missing)
}

// TestExplorerInChromium drives the explorer in a real browser against the
// real binary serving the seeds, and checks what the page shows.
func TestExplorerInChromium(t *testing.T) {
	needBrowser(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	hostile := filepath.Join(dir, "hostile.txt")
	if err := os.WriteFile(hostile, []byte(hostileDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	srv := exec.Command(bin, "serve", "--addr", addr, "--load", hostile)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	waitUp(t, addr)
	base := "http://" + addr + "/"

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// No UserDataDir under t.TempDir: Chromium's helpers may still write to
		// the profile after it exits, which fails the TempDir's removal;
		// chromedp makes and removes its own.
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTime()

	var dialogs atomic.Int32
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		}
	})
	p := openPage(t, ctx)
	start := time.Now()

	// The overview: NHSX and the organisations and programmes around it.
	p.run("open", chromedp.Navigate(base))
	p.settle(0)
	overview := p.listed()
	if len(overview) < 10 || !contains(overview, "<nhs:org/nhsx>") {
		t.Fatalf("the overview lists %d nodes: %v", len(overview), overview)
	}
	var legend string
	p.eval(`document.getElementById('legend').textContent`, &legend)
	if !strings.Contains(legend, "Organisation") || !strings.Contains(legend, "Programme") {
		t.Errorf("legend: %q", legend)
	}
	p.shot("explorer-overview.png")

	// Search, open, expand.
	n := p.ready()
	p.run("search", chromedp.SendKeys("#search", "Digital Aspirant"), chromedp.WaitVisible("#suggestions li"))
	var first string
	p.run("suggestions", chromedp.Text("#suggestions li", &first))
	if !strings.Contains(first, "Digital Aspirant programme") {
		t.Fatalf("first suggestion %q", first)
	}
	p.run("choose", chromedp.Click("#suggestions li", chromedp.NodeVisible))
	p.settle(n)
	var name string
	p.run("details", chromedp.WaitVisible("#detail-name"), chromedp.Text("#detail-name", &name))
	if name != "Digital Aspirant programme" {
		t.Errorf("details show %q", name)
	}
	// Choosing a node in view expands it at once; one not in view is added
	// and expands with the Expand button.
	var expandable bool
	p.eval(`!!document.getElementById('expand')`, &expandable)
	beforeExpand := overview
	if expandable {
		beforeExpand = p.listed()
		p.rebuild("expand", chromedp.Click("#expand", chromedp.NodeVisible))
	}
	afterExpand := p.listed()
	if len(afterExpand) <= len(overview) || !contains(afterExpand, "<nhs:programme/digital-aspirant-programme>") {
		t.Errorf("expanding added nothing: %d nodes, then %d", len(overview), len(afterExpand))
	}

	// An evidence sentence, and the document it stands in.
	var sentence, marked string
	p.run("evidence", chromedp.WaitVisible("#details blockquote"), chromedp.Text("#details blockquote", &sentence))
	if len(sentence) < 20 {
		t.Fatalf("evidence sentence %q", sentence)
	}
	p.run("open document", chromedp.Click("#details a.opendoc", chromedp.NodeVisible), chromedp.WaitVisible("#doc-mark"), chromedp.Text("#doc-mark", &marked))
	if strings.Join(strings.Fields(marked), " ") != sentence {
		t.Errorf("the document highlights %q, the evidence says %q", marked, sentence)
	}
	p.shot("explorer-document.png")
	p.run("close document", chromedp.Click("#doc-close"), chromedp.WaitNotVisible("#docview"))

	checkUndoAndCollapse(p, beforeExpand, afterExpand)
	checkYear(p, addr)

	// Paths from the programme to Matthew Gould.
	p.run("path from", chromedp.Click("#path-from", chromedp.NodeVisible))
	n = p.ready()
	p.run("search 2", chromedp.Evaluate(`document.getElementById("search").value = ""`, nil), chromedp.SendKeys("#search", "Matthew Gould"), chromedp.WaitVisible("#suggestions li"),
		chromedp.Click("#suggestions li", chromedp.NodeVisible))
	p.settle(n)
	waitText(t, ctx, "#detail-name", "Matthew Gould")
	n = p.ready()
	p.run("path to", chromedp.WaitVisible("#path-to"), chromedp.Click("#path-to"), chromedp.Click("#find-paths"))
	p.settle(n)
	var walks, highlighted int
	var walkText string
	p.eval(`document.querySelectorAll('#details .walk').length`, &walks)
	p.eval(`Number(document.getElementById('cy').dataset.highlighted)`, &highlighted)
	if walks > 0 {
		p.run("walk", chromedp.Text("#details .walk", &walkText))
	}
	if walks == 0 || highlighted == 0 || !strings.Contains(walkText, "Matthew Gould") || !strings.Contains(walkText, "Digital Aspirant") {
		t.Errorf("paths: %d listed, %d edges highlighted, first: %.300s", walks, highlighted, walkText)
	}
	p.shot("explorer-paths.png")

	// The fund -> programme -> outcome chains and their Gizmo.
	n = p.ready()
	p.run("chains", chromedp.Click("#chains"))
	p.settle(n)
	var chainGizmo string
	p.run("chain gizmo", chromedp.Text("#chain-gizmo", &chainGizmo))
	if !strings.Contains(chainGizmo, `<nhs:Fund>`) || !strings.Contains(chainGizmo, "g.V(") {
		t.Errorf("chain Gizmo: %q", chainGizmo)
	}

	// A Gizmo query: a table, and an error as the API gives it.
	gizmoRun := func(q string) {
		t.Helper()
		n := p.ready()
		p.run("focus editor", chromedp.Evaluate(`document.querySelector('.cm-content').focus(); document.execCommand('selectAll')`, nil))
		p.run("type gizmo", input.InsertText(q))
		p.run("run gizmo", chromedp.Click("#run", chromedp.ByID))
		p.settle(n)
	}
	gizmoRun(`g.V("<nhs:org/nhsx>").out("<nhs:ledBy>").tag("leader").all()`)
	var table string
	p.run("table", chromedp.WaitVisible("#gizmo-table"), chromedp.Text("#gizmo-table", &table))
	if !strings.Contains(table, "leader") || !strings.Contains(table, "Matthew Gould") {
		t.Errorf("Gizmo table: %q", table)
	}
	p.shot("explorer-gizmo.png")
	gizmoRun(`g.V(`)
	var gerr string
	p.run("gizmo error", chromedp.Text("#gizmo-error", &gerr))
	if !strings.HasPrefix(gerr, "400:") {
		t.Errorf("Gizmo error shown as %q", gerr)
	}
	n = p.ready()
	p.run("undo", chromedp.Click("#undo"))
	p.settle(n)

	// Hide a type from the legend.
	var orgs int
	p.eval(`[...document.querySelectorAll('#nodelist li')].filter(li => li.textContent.endsWith(', Organisation')).length`, &orgs)
	if orgs == 0 {
		t.Fatal("no organisation in view")
	}
	p.run("hide", chromedp.Click(`#legend button[data-type="Organisation"]`))
	var pressed string
	p.eval(`[...document.querySelectorAll('#nodelist li')].filter(li => li.textContent.endsWith(', Organisation')).length`, &orgs)
	p.run("pressed", chromedp.AttributeValue(`#legend button[data-type="Organisation"]`, "aria-pressed", &pressed, nil))
	if orgs != 0 || pressed != "false" {
		t.Errorf("after hiding organisations: %d listed, aria-pressed=%s", orgs, pressed)
	}

	// Export a PNG.
	dl := filepath.Join(dir, "downloads")
	os.MkdirAll(dl, 0o755)
	p.run("download dir", browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dl))
	p.run("png", chromedp.Click("#png"))
	png := waitFile(t, filepath.Join(dl, "nhsgraph-view.png"))
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("the PNG export is %d bytes, not a PNG", len(png))
	}
	checkJSONExport(p, addr, dl)

	// Reload the shared link: the same view.
	var link string
	p.eval(`location.href`, &link)
	want := p.listed()
	p.run("blank", chromedp.Navigate("about:blank"))
	p.run("reopen", chromedp.Navigate(link))
	p.settle(0)
	if got := p.listed(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the link reopens another view:\n got %v\nwant %v", got, want)
	}
	p.eval(`[...document.querySelectorAll('#nodelist li')].filter(li => li.textContent.endsWith(', Organisation')).length`, &orgs)
	if orgs != 0 {
		t.Errorf("the link forgot the hidden type: %d organisations listed", orgs)
	}

	// Keyboard: the node list acts like clicking.
	p.run("keyboard", chromedp.Focus("#nodelist li[tabindex='0']"), chromedp.KeyEvent("\r"))
	p.run("keyboard details", chromedp.WaitVisible("#detail-name"))

	// A hostile name is text, not HTML.
	p.run("hostile", chromedp.Navigate("about:blank"), chromedp.Navigate(base+"#sel="+"%3Cnhs:org/nhsx%3E"))
	p.settle(0)
	var hostileText string
	p.run("hostile evidence", chromedp.WaitVisible("#details blockquote"), chromedp.Text("#details", &hostileText))
	if !strings.Contains(hostileText, "<img src=x onerror=alert(1)>") {
		t.Errorf("the hostile sentence is not shown as text")
	}
	var opened bool
	p.eval(`(() => { const a = [...document.querySelectorAll('#details a.opendoc')].find(a => a.parentElement.textContent.includes('onerror')); if (a) a.click(); return !!a; })()`, &opened)
	var docTitle string
	p.run("hostile document", chromedp.WaitVisible("#doc-mark"), chromedp.Text("#doc-title", &docTitle))
	if !opened || !strings.Contains(docTitle, "<img src=x onerror=alert(1)>") {
		t.Errorf("hostile document title %q (link found: %v)", docTitle, opened)
	}
	time.Sleep(300 * time.Millisecond)
	var imgs int
	p.eval(`document.querySelectorAll('img').length`, &imgs)
	if imgs != 0 || dialogs.Load() != 0 {
		t.Errorf("a name ran as HTML: %d img elements, %d dialogs", imgs, dialogs.Load())
	}
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("the page threw %d exceptions: %q", len(ex), ex)
	}
	t.Logf("browser checks took %s", time.Since(start).Round(time.Millisecond))
}

// waitText waits until the element's text contains want.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector(`+"`"+sel+"`"+`) || {}).textContent || ""`, &got)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got, want) {
			return
		}
	}
	t.Fatalf("%s shows %q, want %q", sel, got, want)
}

func busy(t *testing.T, ctx context.Context) bool {
	var b string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById('app').getAttribute('aria-busy') || ''`, &b)); err != nil {
		t.Fatal(err)
	}
	return b == "true"
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
