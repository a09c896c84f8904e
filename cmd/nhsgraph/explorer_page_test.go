package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

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

// serveExplorer builds the binary, serves with args on a free address until
// the test ends, and returns the address.
func serveExplorer(t *testing.T, args ...string) string {
	t.Helper()
	bin := buildBinary(t)
	addr := freeAddr(t)
	srv := exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	waitUp(t, addr)
	return addr
}

// explorerPage is the explorer open in Chromium, with the few moves the
// browser tests make on it.
type explorerPage struct {
	t   *testing.T
	ctx context.Context
	dl  string // where downloads land

	mu     sync.Mutex
	thrown []string // uncaught exceptions in the page
	errors []string // console errors and failed loads
	axeJS  string
}

// viewport is a browser window: a desktop's or a phone's.
type viewport struct {
	width, height int64
	phone         bool
}

var desktop = viewport{1400, 900, false}

// openBrowser starts Chromium headless at the viewport's size, watching its
// page for uncaught exceptions and console errors; it closes with the test.
func openBrowser(t *testing.T, vp viewport) *explorerPage {
	t.Helper()
	// The downloads' directory is made first so that it is removed last,
	// after the browser that writes into it has closed.
	dl := filepath.Join(t.TempDir(), "downloads")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// No UserDataDir under t.TempDir: Chromium's helpers may still write to
		// the profile after it exits, which fails the TempDir's removal;
		// chromedp makes and removes its own.
		chromedp.WindowSize(int(vp.width), int(vp.height)),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	p := &explorerPage{t: t, ctx: ctx, dl: dl}
	chromedp.ListenTarget(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.thrown = append(p.thrown, e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				p.errors = append(p.errors, "console: "+strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError {
				p.errors = append(p.errors, fmt.Sprintf("%s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	os.MkdirAll(p.dl, 0o755)
	// The browser starts with the first Run on its own context: the
	// timeouts of later runs must not end it.
	if err := chromedp.Run(ctx); err != nil {
		t.Fatal(err)
	}
	p.run("start", log.Enable(),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(p.dl))
	if vp.phone {
		p.run("phone", chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)))
	} else {
		p.run("desktop", chromedp.EmulateViewport(vp.width, vp.height))
	}
	return p
}

// exceptions lists the uncaught exceptions the page has thrown so far.
func (p *explorerPage) exceptions() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.thrown)
}

// consoleErrors lists the console errors and failed loads so far.
func (p *explorerPage) consoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.errors)
}

// run performs actions and fails the test, saying what, if they fail.
func (p *explorerPage) run(what string, actions ...chromedp.Action) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates js in the page into v, waiting for a promise.
func (p *explorerPage) eval(js string, v any) {
	p.t.Helper()
	p.run(js, chromedp.Evaluate(js, v, func(ep *runtime.EvaluateParams) *runtime.EvaluateParams { return ep.WithAwaitPromise(true) }))
}

// onCanvas evaluates js with cy bound to the cytoscape instance drawing
// into the element with id canvas (cy for the graph, flow-cy for flows).
func (p *explorerPage) onCanvas(canvas, js string, v any) {
	p.t.Helper()
	p.eval(`(() => { const cy = document.getElementById('`+canvas+`')._cyreg.cy; return `+js+`; })()`, v)
}

// counter reads one of the counters the page keeps on #app: ready (views
// built), layouts (layouts run on demand), flows (flows shown).
func (p *explorerPage) counter(name string) int {
	p.t.Helper()
	var n int
	p.eval(`Number(document.getElementById('app').dataset.`+name+` || 0)`, &n)
	return n
}

// ready counts the times the view has been built.
func (p *explorerPage) ready() int { return p.counter("ready") }

// waitFor waits until the counter passes before and the page is not busy.
func (p *explorerPage) waitFor(name string, before int) {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for p.counter(name) <= before || p.busy() {
		if time.Now().After(deadline) {
			var status string
			p.eval(`document.getElementById('status').textContent`, &status)
			p.t.Fatalf("the page did not finish (%s); status %q, exceptions %q", name, status, p.exceptions())
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func (p *explorerPage) busy() bool {
	p.t.Helper()
	var b string
	p.eval(`document.getElementById('app').getAttribute('aria-busy') || ''`, &b)
	return b == "true"
}

// settle waits until the view has been rebuilt after an action.
func (p *explorerPage) settle(before int) { p.t.Helper(); p.waitFor("ready", before) }

// rebuild performs actions that change the view and waits for the new view.
func (p *explorerPage) rebuild(what string, actions ...chromedp.Action) {
	p.t.Helper()
	n := p.ready()
	p.run(what, actions...)
	p.settle(n)
}

// open loads a URL and waits for its first view.
func (p *explorerPage) open(url string) {
	p.t.Helper()
	p.run("open "+url, chromedp.Navigate("about:blank"), chromedp.Navigate(url))
	p.settle(0)
}

// listed is the IRIs in the list of visible nodes, in its order.
func (p *explorerPage) listed() []string {
	p.t.Helper()
	var ids []string
	p.eval(`[...document.querySelectorAll('#nodelist li')].map(li => li.dataset.id)`, &ids)
	return ids
}

// text is an element's text, or "" when there is none.
func (p *explorerPage) text(sel string) string {
	p.t.Helper()
	var s string
	p.eval(`(document.querySelector(`+jsString(sel)+`) || {}).textContent || ""`, &s)
	return s
}

// waitText waits until the element's text contains want.
func (p *explorerPage) waitText(sel, want string) {
	p.t.Helper()
	var got string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = p.text(sel); strings.Contains(got, want) {
			return
		}
	}
	p.t.Fatalf("%s shows %q, want %q", sel, got, want)
}

// nodeAt is where node id is drawn on the graph (or flows) canvas, in the
// page's coordinates, for the mouse.
func (p *explorerPage) nodeAt(canvas, id string) (x, y float64) {
	p.t.Helper()
	var xy []float64
	p.onCanvas(canvas, `(() => { const b = cy.container().getBoundingClientRect(); const r = cy.getElementById(`+jsString(id)+`).renderedPosition(); return [b.left + r.x, b.top + r.y]; })()`, &xy)
	return xy[0], xy[1]
}

// click clicks at x, y, as a mouse does.
func (p *explorerPage) click(x, y float64) {
	p.t.Helper()
	p.run("click", chromedp.MouseClickXY(x, y))
}

// press waits until sel names an element that is displayed and enabled,
// and clicks it (as Enter on it does). The tests find elements with the
// page's own querySelector: chromedp's copy of the DOM loses track of
// elements in the top layer (a modal dialog).
func press(sel string) chromedp.Action { return untilThen(sel, "e.click()") }

// seen waits until sel names an element that is displayed.
func seen(sel string) chromedp.Action { return untilThen(sel, "") }

func untilThen(sel, then string) chromedp.Action {
	js := `(() => { const e = document.querySelector(` + jsString(sel) + `); if (!e || e.disabled || !e.getClientRects().length) return false; ` + then + `; return true; })()`
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			var ok bool
			if err := chromedp.Evaluate(js, &ok).Do(ctx); err != nil {
				return err
			}
			if ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("%s: %w", sel, ctx.Err())
			case <-time.After(40 * time.Millisecond):
			}
		}
	})
}

// item is the line of node id in the list of nodes in view.
func item(id string) string { return `#nodelist li[data-id=` + jsString(id) + `]` }

// focusOn focuses the element sel names.
func (p *explorerPage) focusOn(sel string) { p.t.Helper(); p.call(sel, "focus") }

// clickOn clicks the element sel names, as the keyboard's Enter does.
func (p *explorerPage) clickOn(sel string) { p.t.Helper(); p.call(sel, "click") }

// call calls a method of the element sel names, which must be there.
func (p *explorerPage) call(sel, method string) {
	p.t.Helper()
	var ok bool
	p.eval(`(() => { const e = document.querySelector(`+jsString(sel)+`); if (e) e.`+method+`(); return !!e; })()`, &ok)
	if !ok {
		p.t.Fatalf("no %s to %s", sel, method)
	}
}

// key presses a key where focus is.
func (p *explorerPage) key(k string) {
	p.t.Helper()
	p.run("key "+k, chromedp.KeyEvent(k))
}

// positions is where the graph canvas draws each node, in its own
// coordinates.
func (p *explorerPage) positions(canvas string) map[string][2]float64 {
	p.t.Helper()
	var raw map[string][2]float64
	p.onCanvas(canvas, `Object.fromEntries(cy.nodes().map(n => [n.id(), [n.position('x'), n.position('y')]]))`, &raw)
	return raw
}

// moved is the largest distance a node moved between two sets of positions.
func moved(a, b map[string][2]float64, id string) float64 {
	pa, pb := a[id], b[id]
	return math.Hypot(pa[0]-pb[0], pa[1]-pb[1])
}

// axe runs axe-core (from web/ui/node_modules) on the page and returns its
// violations, each as "impact rule: elements". The issue asks for no
// critical or serious one; the page has none of any impact (the missing
// main landmark and the content outside landmarks were moderate), and the
// tests keep it so.
func (p *explorerPage) axe(what string) []string {
	p.t.Helper()
	if p.axeJS == "" {
		b, err := os.ReadFile("../../web/ui/node_modules/axe-core/axe.min.js")
		if err != nil {
			p.t.Fatalf("axe-core is not installed (npm ci in web/ui): %v", err)
		}
		p.axeJS = string(b)
	}
	var loaded bool
	p.eval(`typeof axe !== 'undefined'`, &loaded)
	if !loaded {
		p.run("load axe", chromedp.Evaluate(p.axeJS, nil))
	}
	var found []string
	p.eval(`axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations
		.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))`, &found)
	p.t.Logf("axe-core on %s: %d violations", what, len(found))
	return found
}

// shot saves a screenshot into $NHSGRAPH_SCREENSHOTS, when it is set.
func (p *explorerPage) shot(name string) {
	p.t.Helper()
	out := os.Getenv("NHSGRAPH_SCREENSHOTS")
	if out == "" {
		return
	}
	time.Sleep(500 * time.Millisecond) // let an animated layout finish
	var png []byte
	p.run("screenshot", chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
		p.t.Error(err)
	}
}

// download clicks sel and returns the file that lands as name.
func (p *explorerPage) download(sel, name string) []byte {
	p.t.Helper()
	os.Remove(filepath.Join(p.dl, name))
	p.run("download "+name, press(sel))
	return waitFile(p.t, filepath.Join(p.dl, name))
}

// typeText types s where focus is, as one insertion (the editor takes it
// as typed).
func (p *explorerPage) typeText(s string) {
	p.t.Helper()
	p.run("type", input.InsertText(s))
}

// focused is the element that has focus: its id, or its data-id.
func (p *explorerPage) focused() string {
	p.t.Helper()
	var s string
	p.eval(`(() => { const a = document.activeElement; return a ? (a.id || a.dataset.id || a.tagName) : ''; })()`, &s)
	return s
}

// waitFile waits for a download to land in full and returns its bytes.
func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		// Chromium writes to a .crdownload file and renames it when done.
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
	}
	t.Fatalf("%s was not downloaded", filepath.Base(path))
	return nil
}

// jsString quotes s for JavaScript (and, for the IRIs the tests quote, for
// CSS).
func jsString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSpace(b.String())
}

func contains(ss []string, s string) bool { return slices.Contains(ss, s) }

// traceEvent is the part of a Chromium trace event the tests read.
type traceEvent struct {
	Name string         `json:"name"`
	Cat  string         `json:"cat"`
	Pid  int            `json:"pid"`
	Tid  int            `json:"tid"`
	Dur  float64        `json:"dur"`  // wall time, µs
	Tdur float64        `json:"tdur"` // the thread's CPU time, µs
	Args map[string]any `json:"args"`
}

// mainThreadTasks runs act while Chromium traces, and returns the CPU time
// (the thread's own time, in ms) of every task of 50 ms or more that the
// page's main thread ran. Unlike a long task's wall time, it does not grow
// when other processes take the CPU.
func (p *explorerPage) mainThreadTasks(act func()) []float64 {
	p.t.Helper()
	var mu sync.Mutex
	var events []traceEvent
	done := make(chan struct{}, 1)
	chromedp.ListenTarget(p.ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				var te traceEvent
				if json.Unmarshal([]byte(v), &te) == nil {
					events = append(events, te)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			select {
			case done <- struct{}{}:
			default:
			}
		}
	})
	p.run("trace", tracing.Start().WithTransferMode(tracing.TransferModeReportEvents).
		WithTraceConfig(&tracing.TraceConfig{IncludedCategories: []string{"__metadata", "disabled-by-default-devtools.timeline"}, EnableSampling: false}))
	act()
	p.run("end trace", tracing.End())
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		p.t.Fatal("the trace did not end")
	}
	mu.Lock()
	defer mu.Unlock()
	type thread struct{ pid, tid int }
	main := map[thread]bool{}
	for _, e := range events {
		if e.Name == "thread_name" && e.Args["name"] == "CrRendererMain" {
			main[thread{e.Pid, e.Tid}] = true
		}
	}
	var cpu []float64
	for _, e := range events {
		if e.Name == "RunTask" && main[thread{e.Pid, e.Tid}] && e.Dur >= 50_000 {
			cpu = append(cpu, math.Round(e.Tdur/1000))
		}
	}
	return cpu
}
