package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// hostileDoc names an HTML element with a script handler in its title and
// its sentences: the explorer must show it as text.
const hostileDoc = "<img src=x onerror=alert(1)> annual report\n\n" +
	"The <img src=x onerror=alert(1)> Trust worked with NHSX on the NHS App.\n\n" +
	"NHSX partnered with the <img src=x onerror=alert(1)> Trust in 2021.\n"

// TestExplorerInChromium drives the explorer in a real browser against the
// real binary serving the seeds, as an analyst would: the page arrives
// compressed and cached with no console error; clicking a node selects it
// without expanding it, double-clicking or E expands it, along one
// relation if chosen; Undo and Collapse give back the view from before;
// evidence opens in a modal document view that keeps and returns focus;
// the timeline; pinned nodes stay put through every layout; the view
// exports as PNG, SVG and JSON; a shared link restores positions, the
// selection and the path ends; names from documents stay text.
func TestExplorerInChromium(t *testing.T) {
	needBrowser(t)
	hostile := filepath.Join(t.TempDir(), "hostile.txt")
	if err := os.WriteFile(hostile, []byte(hostileDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := serveExplorer(t, "--load", hostile)
	base := "http://" + addr + "/"
	p := openBrowser(t, desktop)
	var dialogs atomic.Int32
	chromedp.ListenTarget(p.ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
			go chromedp.Run(p.ctx, page.HandleJavaScriptDialog(false))
		}
	})
	start := time.Now()

	// The overview: NHSX and the organisations and programmes around it.
	p.open(base)
	checkDelivery(p)
	overview := p.listed()
	if len(overview) < 10 || !contains(overview, "<nhs:org/nhsx>") {
		t.Fatalf("the overview lists %d nodes: %v", len(overview), overview)
	}
	if legend := p.text("#legend"); !strings.Contains(legend, "Organisation") || !strings.Contains(legend, "Programme") {
		t.Errorf("legend: %q", legend)
	}
	p.shot("explorer-overview.png")
	if v := p.axe("the overview"); len(v) > 0 {
		t.Errorf("axe-core on the overview: %q", v)
	}
	// Nothing to undo yet: Undo is disabled, and looks it.
	var undo struct {
		Disabled       bool
		Undo, Overview string
	}
	p.eval(`(() => { const s = (id) => { const c = getComputedStyle(document.getElementById(id)); return c.backgroundColor + ' ' + c.color + ' ' + c.borderStyle; };
		return {Disabled: document.getElementById('undo').disabled, Undo: s('undo'), Overview: s('overview')}; })()`, &undo)
	if !undo.Disabled || undo.Undo == undo.Overview {
		t.Errorf("Undo with nothing to undo: disabled %v, drawn as %q like Overview's %q", undo.Disabled, undo.Undo, undo.Overview)
	}
	checkEdgeList(p)

	node := checkSelectAndExpand(p, addr, overview)
	checkExpandAlong(p, addr)
	checkEvidenceDialog(p)
	checkYear(p, addr)
	checkPinsAndLayouts(p)
	checkExports(p, addr)
	checkSharedLink(p, addr, node)

	// A hostile name is text, not HTML.
	p.open(base + "#sel=" + "%3Cnhs:org/nhsx%3E")
	p.run("hostile evidence", seen("#details blockquote"))
	if !strings.Contains(p.text("#details"), "<img src=x onerror=alert(1)>") {
		t.Errorf("the hostile sentence is not shown as text")
	}
	var opened bool
	p.eval(`(() => { const a = [...document.querySelectorAll('#details a.opendoc')].find(a => a.parentElement.textContent.includes('onerror')); if (a) a.click(); return !!a; })()`, &opened)
	p.run("hostile document", seen("#doc-mark"))
	if docTitle := p.text("#doc-title"); !opened || !strings.Contains(docTitle, "<img src=x onerror=alert(1)>") {
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
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
	t.Logf("browser checks took %s", time.Since(start).Round(time.Millisecond))
}

// checkEdgeList checks that the list of edges in view holds as many as the
// graph draws, and that choosing one from the keyboard shows its evidence.
func checkEdgeList(p *explorerPage) {
	t := p.t
	t.Helper()
	var label string
	var listed int
	p.eval(`document.getElementById('cy').getAttribute('aria-label')`, &label)
	p.eval(`document.querySelectorAll('#edgelist li').length`, &listed)
	if !strings.Contains(label, fmt.Sprintf(" and %d edges", listed)) || listed == 0 {
		t.Errorf("the edge list holds %d edges; the graph says %q", listed, label)
	}
	p.focusOn("#edgelist li")
	p.key(kb.ArrowDown)
	var id, text string
	p.eval(`document.activeElement.dataset.id || ''`, &id)
	text = p.text(`#edgelist li:nth-child(2)`)
	p.key("\r")
	p.run("edge evidence", seen("#details blockquote"))
	if parts := strings.Fields(id); len(parts) < 3 || !strings.Contains(p.text("#detail-name"), strings.Split(text, "—")[0]) {
		t.Errorf("Enter on the edge %q (%q) shows %q", id, text, p.text("#detail-name"))
	}
	if f := p.focused(); f != id {
		t.Errorf("after Enter on an edge, focus is on %q", f)
	}
}

// checkDelivery checks that the page loaded with no console error (a
// missing icon is one), that its script came compressed, and that a reload
// takes the script from the browser's cache. It logs first contentful
// paint and the time the first graph was drawn.
func checkDelivery(p *explorerPage) {
	t := p.t
	t.Helper()
	if errs := p.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors on load: %q", errs)
	}
	var icon string
	p.eval(`(document.querySelector('link[rel="icon"]') || {}).href || ''`, &icon)
	type sizes struct{ Encoded, Decoded, Transfer float64 }
	script := func() sizes {
		var s sizes
		p.eval(`(() => { const r = performance.getEntriesByType('resource').find(r => /\/assets\/explorer-\w+\.js$/.test(r.name)); return r ? {Encoded: r.encodedBodySize, Decoded: r.decodedBodySize, Transfer: r.transferSize} : {}; })()`, &s)
		return s
	}
	first := script()
	if icon == "" || first.Decoded == 0 || first.Encoded > first.Decoded/2 {
		t.Errorf("icon %q; the script was %.0f bytes on the wire for %.0f: not compressed", icon, first.Encoded, first.Decoded)
	}
	var fcp, ready float64
	p.eval(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime || 0`, &fcp)
	p.eval(`performance.getEntriesByName('graph-ready')[0]?.startTime || 0`, &ready)
	t.Logf("seeds: first contentful paint %.0f ms, graph ready %.0f ms, script %.0f KiB (%.0f KiB on the wire)", fcp, ready, first.Decoded/1024, first.Encoded/1024)

	p.run("reload", chromedp.Reload())
	p.settle(0)
	if again := script(); again.Transfer != 0 {
		t.Errorf("on reload the script was fetched again (%.0f bytes transferred), not taken from the cache", again.Transfer)
	}
}

// checkSelectAndExpand clicks a node that has hidden neighbours: it is
// selected, with its neighbours standing out, and nothing is added. A
// double-click expands it, and E on its line of the node list expands it
// again, focus staying on that line. Undo and Collapse then give back the
// views from before. It returns the node.
func checkSelectAndExpand(p *explorerPage, addr string, overview []string) string {
	t := p.t
	t.Helper()
	// The node with the most neighbours out of view: more than two pages.
	var id string
	var hidden int
	p.eval(`(() => { let best = ['', 0]; for (const li of document.querySelectorAll('#nodelist li')) { const m = /\(\+(\d+)\)/.exec(li.textContent); if (m && Number(m[1]) > best[1]) best = [li.dataset.id, Number(m[1])]; } return best[0]; })()`, &id)
	p.eval(`Number(/\(\+(\d+)\)/.exec(document.querySelector(`+jsString(item(id))+`).textContent)[1])`, &hidden)
	if hidden <= 40 {
		t.Fatalf("no node of the overview has more than two pages of neighbours out of view (best %s, %d)", id, hidden)
	}
	name := entityName(t, addr, id)

	n := p.ready()
	p.click(p.nodeAt("cy", id))
	p.waitText("#detail-name", name)
	time.Sleep(300 * time.Millisecond) // an expansion would be under way by now
	// every element outside the node's neighbourhood dims, and none in it
	var dimmed, outside, neighboursDimmed int
	p.onCanvas("cy", `cy.$('.dim').length`, &dimmed)
	p.onCanvas("cy", `cy.elements().not(cy.getElementById(`+jsString(id)+`).closedNeighborhood()).length`, &outside)
	p.onCanvas("cy", `cy.getElementById(`+jsString(id)+`).closedNeighborhood('.dim').length`, &neighboursDimmed)
	var selected string
	p.eval(`document.querySelector('#nodelist li[aria-selected="true"]')?.dataset.id || ''`, &selected)
	if got := p.listed(); p.ready() != n || p.busy() || len(got) != len(overview) || selected != id || dimmed != outside || neighboursDimmed != 0 {
		t.Errorf("clicking %s: %d nodes listed (were %d), view rebuilt %d times, list selects %q, %d elements dimmed of %d outside its neighbourhood, %d of its neighbourhood",
			id, len(got), len(overview), p.ready()-n, selected, dimmed, outside, neighboursDimmed)
	}

	// Double-click expands.
	x, y := p.nodeAt("cy", id)
	p.rebuild("double-click", chromedp.MouseClickXY(x, y), chromedp.MouseClickXY(x, y))
	afterFirst := p.listed()
	p.shot("explorer-select.png")
	nb := neighbourIDs(t, addr, id, "")
	added := missing(afterFirst, overview)
	if len(added) == 0 || len(added) > 20 || len(missing(added, nb)) > 0 {
		t.Errorf("double-clicking %s added %d nodes, %d of them not its neighbours", id, len(added), len(missing(added, nb)))
	}

	// E on the node's line in the list expands the next page.
	p.focusOn(item(id))
	p.rebuild("E", chromedp.KeyEvent("e"))
	afterSecond := p.listed()
	if len(afterSecond) <= len(afterFirst) || len(missing(missing(afterSecond, afterFirst), nb)) > 0 {
		t.Errorf("E added %d nodes to %d", len(afterSecond)-len(afterFirst), len(afterFirst))
	}
	if f := p.focused(); f != id {
		t.Errorf("after E, focus is on %q, not on the node's line", f)
	}
	checkUndoAndCollapse(p, overview, afterFirst, afterSecond)
	return id
}

// checkExpandAlong expands the selected node along one relation, then to
// one type: only neighbours over that relation, or of that type, are
// added, as many as the API has that are not in view, up to a page.
func checkExpandAlong(p *explorerPage, addr string) {
	t := p.t
	t.Helper()
	var id string
	p.eval(`document.querySelector('#nodelist li[aria-selected="true"]').dataset.id`, &id)
	counts := neighbourCounts(t, addr, id)
	before := p.listed()
	if !strings.Contains(p.text("#neighbour-count"), formatCount(counts.Total)+" neighbours") {
		t.Errorf("the details say %q; the graph has %d neighbours", p.text("#neighbour-count"), counts.Total)
	}
	// The relation with the most neighbours out of view, where other
	// relations have some too: only a filter tells them apart.
	var pick neighbourFacet
	var along []string
	for _, f := range counts.Predicates {
		ids := neighbourIDs(t, addr, id, "&predicate="+f.Predicate+"&direction="+f.Direction)
		if out := missing(ids, before); len(out) > len(missing(along, before)) && len(out) < counts.Total-len(before) {
			pick, along = f, ids
		}
	}
	if pick.Predicate == "" {
		t.Fatalf("no relation of %s has neighbours out of view: %+v", id, counts.Predicates)
	}
	p.eval(`(() => { const s = document.getElementById('expand-relation'); s.value = JSON.stringify([`+jsString(pick.Predicate)+`, `+jsString(pick.Direction)+`]); s.dispatchEvent(new Event('change')); })()`, nil)
	p.waitText("#expand", "not yet read")
	p.rebuild("expand along "+pick.Predicate, press("#expand"))
	added := missing(p.listed(), before)
	want := min(20, len(missing(along, before)))
	if len(added) != want || len(missing(added, along)) > 0 {
		t.Errorf("expanding %s along %s %s added %d nodes (want %d), %d of them not along it", id, pick.Direction, pick.Predicate, len(added), want, len(missing(added, along)))
	}
	p.rebuild("undo", press("#undo"))

	// And to one type: the type with the most neighbours out of view, where
	// other types have some too.
	var typ string
	var ofType []string
	for _, c := range counts.Types {
		if c.Type == "" {
			continue
		}
		ids := neighbourIDs(t, addr, id, "&type="+url.QueryEscape(c.Type))
		if out := missing(ids, before); len(out) > len(missing(ofType, before)) && len(out) < counts.Total-len(before) {
			typ, ofType = c.Type, ids
		}
	}
	if typ == "" {
		t.Fatalf("no type of %s's neighbours has some out of view: %+v", id, counts.Types)
	}
	p.run("type", choose("#expand-type", typ))
	p.waitText("#expand", "not yet read")
	p.rebuild("expand to "+typ, press("#expand"))
	added = missing(p.listed(), before)
	if want := min(20, len(missing(ofType, before))); len(added) != want || len(missing(added, ofType)) > 0 {
		t.Errorf("expanding %s to %s added %d nodes (want %d), %d of them of another type", id, typ, len(added), want, len(missing(added, ofType)))
	}
	p.rebuild("undo", press("#undo"))
}

// checkEvidenceDialog opens an evidence sentence in its document: the
// dialog is modal, marks the sentence, keeps Tab inside itself, closes with
// Escape and gives focus back to the link that opened it.
func checkEvidenceDialog(p *explorerPage) {
	t := p.t
	t.Helper()
	p.run("evidence", seen("#details blockquote"))
	sentence := p.text("#details blockquote")
	p.focusOn("#details a.opendoc")
	p.key("\r")
	p.run("open document", seen("#doc-mark"))
	if marked := p.text("#doc-mark"); strings.Join(strings.Fields(marked), " ") != sentence {
		t.Errorf("the document highlights %q, the evidence says %q", marked, sentence)
	}
	var modal bool
	p.eval(`document.getElementById('docview').matches(':modal')`, &modal)
	inside := func() bool {
		var in bool
		p.eval(`document.getElementById('docview').contains(document.activeElement)`, &in)
		return in
	}
	for i := 0; i < 6; i++ {
		p.key("\t")
		if !inside() {
			t.Errorf("Tab %d left the document dialog for %q", i+1, p.focused())
			break
		}
	}
	if !modal {
		t.Error("the document view is not a modal dialog")
	}
	p.shot("explorer-document.png")
	if v := p.axe("the document dialog"); len(v) > 0 {
		t.Errorf("axe-core on the document dialog: %q", v)
	}
	p.key("\x1b")
	var open, back bool
	p.eval(`document.getElementById('docview').open`, &open)
	p.eval(`document.activeElement.classList.contains('opendoc')`, &back)
	if open || !back {
		t.Errorf("after Escape: dialog open %v, focus back on the link %v (%q)", open, back, p.focused())
	}
}

// checkPinsAndLayouts pins the selected node and lays the view out again,
// by force, in layers and in rings: the pinned node stays where it was
// while the others move. A node dragged elsewhere is pinned there.
func checkPinsAndLayouts(p *explorerPage) {
	t := p.t
	t.Helper()
	var id string
	p.eval(`document.querySelector('#nodelist li[aria-selected="true"]')?.dataset.id || document.querySelector('#nodelist li').dataset.id`, &id)
	p.clickOn(item(id))
	p.run("select", seen("#pin"))
	p.run("pin", press("#pin"))
	var pinned bool
	p.onCanvas("cy", `cy.getElementById(`+jsString(id)+`).hasClass('pinned')`, &pinned)
	if !pinned || p.text("#pin") != "Unpin" {
		t.Fatalf("Pin: node pinned %v, button %q", pinned, p.text("#pin"))
	}
	relayout := func(what string, act chromedp.Action) {
		t.Helper()
		before := p.positions("cy")
		n := p.counter("layouts")
		p.run(what, act)
		p.waitFor("layouts", n)
		after := p.positions("cy")
		most := 0.0
		for other := range after {
			if other != id {
				most = max(most, moved(before, after, other))
			}
		}
		if d := moved(before, after, id); d > 0.5 || most < 5 {
			t.Errorf("%s: the pinned node moved %.1f, the others at most %.1f", what, d, most)
		}
	}
	relayout("Re-layout", press("#relayout"))
	for _, l := range []string{"layered", "concentric", "force"} {
		relayout("layout "+l, choose("#layout", l))
	}

	// Dragging a node pins it where it lands.
	var other string
	p.eval(`[...document.querySelectorAll('#nodelist li')].map(li => li.dataset.id).find(x => x !== `+jsString(id)+`)`, &other)
	x, y := p.nodeAt("cy", other)
	p.run("drag", chromedp.MouseEvent("mousePressed", x, y, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseMoved", x+30, y+20, chromedp.ButtonLeft), chromedp.MouseEvent("mouseMoved", x+60, y+40, chromedp.ButtonLeft),
		chromedp.MouseEvent("mouseReleased", x+60, y+40, chromedp.ButtonLeft))
	p.onCanvas("cy", `cy.getElementById(`+jsString(other)+`).hasClass('pinned')`, &pinned)
	if !pinned {
		t.Errorf("the dragged node %s is not pinned", other)
	}
}

// checkExports downloads the view as PNG, SVG (drawing the names listed)
// and JSON (checked against the page and the graph).
func checkExports(p *explorerPage, addr string) {
	t := p.t
	t.Helper()
	if png := p.download("#png", "nhsgraph-view.png"); !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("the PNG export is %d bytes, not a PNG", len(png))
	}
	svg := p.download("#svg", "nhsgraph-view.svg")
	var doc struct{ XMLName xml.Name }
	if err := xml.Unmarshal(svg, &doc); err != nil || doc.XMLName.Local != "svg" {
		t.Errorf("the SVG export does not parse as SVG (%v): %.200s", err, svg)
	}
	var name string
	p.eval(`[...document.querySelectorAll('#nodelist li')].map(li => li.firstChild.nextSibling.textContent).find(s => /^[A-Za-z ]{3,14}$/.test(s)) || ''`, &name)
	if name == "" || !bytes.Contains(svg, []byte(">"+name+"<")) {
		t.Errorf("the SVG export does not draw the name %q", name)
	}
	checkJSONExport(p, addr)
}

// checkSharedLink sets the ends of a path, then reopens the page's link: the
// nodes are where they were, the same node is selected, the same nodes are
// pinned, and the path ends and the layout are the same.
func checkSharedLink(p *explorerPage, addr, to string) {
	t := p.t
	t.Helper()
	var from string
	p.eval(`[...document.querySelectorAll('#nodelist li')].map(li => li.dataset.id).find(x => x !== `+jsString(to)+`)`, &from)
	p.clickOn(item(from))
	p.waitText("#detail-name", entityName(t, addr, from))
	p.run("path from", press("#path-from"))
	p.clickOn(item(to))
	p.waitText("#detail-name", entityName(t, addr, to))
	p.run("path to", press("#path-to"))
	p.waitText("#path-to-name", entityName(t, addr, to))
	n := p.counter("flows")
	p.run("find paths", press("#find-paths"))
	p.waitFor("flows", n)
	p.run("back to the graph", press("#tab-graph"))
	p.clickOn(item(to))
	p.waitText("#detail-name", entityName(t, addr, to))
	time.Sleep(400 * time.Millisecond) // the link is written 200 ms after the last move
	var link, layout string
	p.eval(`location.href`, &link)
	p.eval(`document.getElementById('layout').value`, &layout)
	want := p.positions("cy")
	ends := p.text("#pathbar")
	var pinned, pinnedNow []string
	p.onCanvas("cy", `cy.nodes('.pinned').map(n => n.id()).sort()`, &pinned)
	p.open(link)
	got := p.positions("cy")
	p.onCanvas("cy", `cy.nodes('.pinned').map(n => n.id()).sort()`, &pinnedNow)
	if len(pinned) == 0 || !slices.Equal(pinned, pinnedNow) {
		t.Errorf("the link pins %v, the page pinned %v", pinnedNow, pinned)
	}
	far := 0.0
	for id := range want {
		if _, ok := got[id]; !ok {
			t.Errorf("the link lost node %s", id)
		}
		far = max(far, moved(want, got, id))
	}
	var selected, layoutNow string
	p.eval(`document.querySelector('#nodelist li[aria-selected="true"]')?.dataset.id || ''`, &selected)
	p.eval(`document.getElementById('layout').value`, &layoutNow)
	if len(got) != len(want) || far > 1 || selected != to || p.text("#pathbar") != ends || layoutNow != layout {
		t.Errorf("the link reopens %d nodes of %d, one %.1f away from where it was; selects %q (want %q); path bar %q (want %q); layout %s (want %s)",
			len(got), len(want), far, selected, to, p.text("#pathbar"), ends, layoutNow, layout)
	}
	p.waitText("#detail-name", entityName(t, addr, to))
}
