package main

import (
	"testing"
)

// TestExplorerOnAPhone opens the explorer on a 390x844 phone: the graph
// fills the width and draws every node inside itself, the page does not
// scroll sideways, and the panels are tabs: the list, the details after
// choosing a node, the flows and Gizmo. axe-core finds no critical or
// serious violation on any of them.
func TestExplorerOnAPhone(t *testing.T) {
	needBrowser(t)
	addr := serveExplorer(t)
	p := openBrowser(t, viewport{390, 844, true})
	p.open("http://" + addr + "/")

	var g struct {
		Width, Height, Nodes           float64
		X1, Y1, X2, Y2, ScrollW, Inner float64
	}
	p.onCanvas("cy", `(() => { const b = cy.nodes().renderedBoundingBox(); return {Width: cy.width(), Height: cy.height(), Nodes: cy.nodes().length,
		X1: b.x1, Y1: b.y1, X2: b.x2, Y2: b.y2, ScrollW: document.documentElement.scrollWidth, Inner: innerWidth}; })()`, &g)
	if g.Width < 350 || g.Height < 300 || g.Nodes < 10 || g.X1 < 0 || g.Y1 < 0 || g.X2 > g.Width || g.Y2 > g.Height || g.ScrollW > g.Inner {
		t.Errorf("on a phone the graph is %.0fx%.0f px drawing %.0f nodes within (%.0f,%.0f)-(%.0f,%.0f); the page is %.0f px wide in %.0f",
			g.Width, g.Height, g.Nodes, g.X1, g.Y1, g.X2, g.Y2, g.ScrollW, g.Inner)
	}
	p.shot("explorer-phone.png")
	if v := p.axe("a phone, the graph"); len(v) > 0 {
		t.Errorf("axe-core on a phone, the graph: %q", v)
	}

	// Each tab shows its panel alone.
	shows := func(tab, panel string) {
		t.Helper()
		p.run("tab "+tab, press("#tab-"+tab))
		var visible []string
		p.eval(`['panel-nodes', 'panel-graph', 'panel-flows', 'panel-gizmo', 'details'].filter(id => document.getElementById(id).getClientRects().length)`, &visible)
		if len(visible) != 1 || visible[0] != panel {
			t.Errorf("the %s tab shows %v, want %s alone", tab, visible, panel)
		}
		if v := p.axe("a phone, " + tab); len(v) > 0 {
			t.Errorf("axe-core on a phone, %s: %q", tab, v)
		}
	}
	shows("nodes", "panel-nodes")
	var id string
	p.eval(`document.querySelector('#nodelist li').dataset.id`, &id)
	p.clickOn(item(id))
	shows("details", "details")
	p.waitText("#detail-name", entityName(t, addr, id))
	shows("gizmo", "panel-gizmo")
	n := p.counter("flows")
	p.run("chains", press("#chains"))
	p.waitFor("flows", n)
	var tab string
	p.eval(`document.querySelector('[role="tab"][aria-selected="true"]').id`, &tab)
	var flowWidth float64
	p.onCanvas("flow-cy", `cy.width()`, &flowWidth)
	if tab != "tab-flows" || flowWidth < 350 {
		t.Errorf("the chains on a phone: tab %s, flows %.0f px wide", tab, flowWidth)
	}
	shows("graph", "panel-graph")
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("the page threw %d exceptions: %q", len(ex), ex)
	}
}
