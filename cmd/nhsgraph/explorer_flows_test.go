package main

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestExplorerFlows checks the flows view on the seeds: the fund ->
// programme -> outcome chains are drawn in their own view, one column per
// type from left to right, without touching the graph; a link shows its
// evidence; the CSV download is the API's own; Show on the graph brings
// the chains in; paths between two of their nodes run from the first on
// the left to the last on the right; the JSON export carries what was
// found.
func TestExplorerFlows(t *testing.T) {
	needBrowser(t)
	addr := serveExplorer(t)
	base := "http://" + addr + "/"
	p := openBrowser(t, desktop)
	p.open(base)
	before := p.listed()

	n := p.counter("flows")
	p.run("chains", press("#chains"))
	p.waitFor("flows", n)
	var chains walksAnswer
	call(t, http.MethodGet, "http://"+addr+"/api/v1/chains?types=Fund,Programme,Outcome", "", &chains)
	if len(chains.Chains) == 0 {
		t.Fatal("the seeds have no fund -> programme -> outcome chain")
	}
	var tab string
	p.eval(`document.getElementById('tab-flows').getAttribute('aria-selected')`, &tab)
	if got := p.listed(); tab != "true" || !slices.Equal(got, before) {
		t.Errorf("chains: the flows tab is selected %s; the graph lists %d nodes, %d before", tab, len(got), len(before))
	}
	checkColumns(p, chains, []string{"<nhs:Fund>", "<nhs:Programme>", "<nhs:Outcome>"}, []string{"Fund", "Programme", "Outcome"})
	p.shot("explorer-flows.png")
	if v := p.axe("the chains"); len(v) > 0 {
		t.Errorf("axe-core on the chains: %q", v)
	}

	// A link of the flow shows its evidence.
	var edge struct{ ID, Source, Target string }
	p.onCanvas("flow-cy", `(() => { const e = cy.edges()[0]; return {ID: e.id(), Source: e.source().id(), Target: e.target().id()}; })()`, &edge)
	want := ""
	for _, c := range chains.Chains {
		for _, st := range c.Steps {
			for _, e := range st.Edges {
				if st.From+" "+e.Predicate+" "+st.To+" "+e.Direction == edge.ID && len(e.Evidence) > 0 {
					want = e.Evidence[0].Text
				}
			}
		}
	}
	var xy []float64
	p.onCanvas("flow-cy", `(() => { const b = cy.container().getBoundingClientRect(); const m = cy.getElementById(`+jsString(edge.ID)+`).renderedMidpoint(); return [b.left + m.x, b.top + m.y]; })()`, &xy)
	p.click(xy[0], xy[1])
	p.run("evidence", seen("#details blockquote"))
	if got := p.text("#details blockquote"); want == "" || got != want {
		t.Errorf("clicking the link %s shows %q, want %q", edge.ID, got, want)
	}

	// The CSV is the API's.
	csv := p.download("#flow-csv", "nhsgraph-chains.csv")
	if api := getCSV(t, addr, "/api/v1/chains?types="+url.QueryEscape("Fund,Programme,Outcome")); !bytes.Equal(csv, api) || len(api) < 100 {
		t.Errorf("the chains CSV (%d bytes) is not the API's (%d bytes)", len(csv), len(api))
	}
	view := checkJSONExport(p, addr)
	if view.Chains == nil || len(view.Chains.Chains) != len(chains.Chains) || view.Chains.Gizmo != chains.Gizmo {
		t.Errorf("the JSON export does not carry the %d chains shown", len(chains.Chains))
	}

	// Show on the graph, then paths from the start of one chain to the end
	// of another: the two the graph joins by the most paths.
	p.rebuild("show on the graph", press("#flow-to-graph"))
	from, to := mostJoined(t, addr, chains.Chains[:min(25, len(chains.Chains))])
	for _, id := range []string{from, to} {
		if !contains(p.listed(), id) {
			t.Fatalf("Show on the graph did not add %s", id)
		}
	}
	p.clickOn(item(from))
	p.run("path from", press("#path-from"))
	p.clickOn(item(to))
	p.waitText("#detail-name", entityName(t, addr, to))
	p.run("path to", press("#path-to"))
	n = p.counter("flows")
	p.run("find paths", press("#find-paths"))
	p.waitFor("flows", n)
	var paths walksAnswer
	call(t, http.MethodGet, "http://"+addr+"/api/v1/paths?max_hops=4&k=5&from="+url.QueryEscape(strings.Trim(from, "<>"))+"&to="+url.QueryEscape(strings.Trim(to, "<>")), "", &paths)
	pos := p.positions("flow-cy")
	left, right := math.Inf(1), math.Inf(-1)
	for _, xy := range pos {
		left, right = min(left, xy[0]), max(right, xy[0])
	}
	var walks int
	p.eval(`document.querySelectorAll('#details .walk').length`, &walks)
	if len(paths.Paths) == 0 || walks != len(paths.Paths) || pos[from][0] != left || pos[to][0] != right {
		t.Errorf("paths from %s to %s: %d listed, the API has %d; drawn from x=%.0f to x=%.0f, the ends at %.0f and %.0f",
			from, to, walks, len(paths.Paths), left, right, pos[from][0], pos[to][0])
	}
	p.shot("explorer-paths.png")
	csv = p.download("#flow-csv", "nhsgraph-paths.csv")
	if api := getCSV(t, addr, "/api/v1/paths?from="+url.QueryEscape(strings.Trim(from, "<>"))+"&to="+url.QueryEscape(strings.Trim(to, "<>"))+"&max_hops=4&k=5"); !bytes.Equal(csv, api) {
		t.Errorf("the paths CSV (%d bytes) is not the API's (%d bytes)", len(csv), len(api))
	}
	if view := checkJSONExport(p, addr); view.Paths == nil || len(view.Paths.Paths) != len(paths.Paths) || view.Chains != nil {
		t.Errorf("the JSON export does not carry the %d paths shown (chains %v)", len(paths.Paths), view.Chains != nil)
	}
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("the page threw %d exceptions: %q", len(ex), ex)
	}
}

// checkColumns checks that the flows view draws each type of the chains in
// one column, in the order of types from left to right, with the types'
// names above them, and draws exactly the chains' nodes.
func checkColumns(p *explorerPage, chains walksAnswer, types, names []string) {
	t := p.t
	t.Helper()
	var drawn []struct {
		ID, Type string
		X        float64
	}
	p.onCanvas("flow-cy", `cy.nodes().not('.head').map(n => ({ID: n.id(), Type: n.data('type'), X: n.position('x')}))`, &drawn)
	var heads []string
	p.onCanvas("flow-cy", `cy.nodes('.head').sort((a, b) => a.position('x') - b.position('x')).map(n => n.data('label'))`, &heads)
	column := map[string]float64{}
	var ids []string
	for _, d := range drawn {
		ids = append(ids, d.ID)
		x, ok := column[d.Type]
		if !ok {
			column[d.Type] = d.X
		} else if math.Abs(x-d.X) > 0.5 {
			t.Errorf("%s (%s) is at x=%.0f, its type's column at x=%.0f", d.ID, d.Type, d.X, x)
		}
	}
	for i := 1; i < len(types); i++ {
		if !(column[types[i-1]] < column[types[i]]) {
			t.Errorf("the %s column (x=%.0f) is not left of the %s column (x=%.0f)", types[i-1], column[types[i-1]], types[i], column[types[i]])
		}
	}
	var want []string
	for _, c := range chains.Chains {
		for _, n := range c.Nodes {
			if !slices.Contains(want, n.ID) {
				want = append(want, n.ID)
			}
		}
	}
	slices.Sort(ids)
	slices.Sort(want)
	if !slices.Equal(ids, want) || !slices.Equal(heads, names) {
		t.Errorf("the flows view draws %d nodes under %v; the chains have %d", len(ids), heads, len(want))
	}
}

// mostJoined picks the first node of one chain and the last of another
// that the most paths join (the longest paths breaking ties).
func mostJoined(t *testing.T, addr string, chains []walk) (from, to string) {
	t.Helper()
	best, longest := 0, 0
	for _, a := range chains {
		for _, b := range chains {
			f, e := a.Nodes[0].ID, b.Nodes[len(b.Nodes)-1].ID
			var paths walksAnswer
			call(t, http.MethodGet, "http://"+addr+"/api/v1/paths?max_hops=4&k=5&from="+url.QueryEscape(strings.Trim(f, "<>"))+"&to="+url.QueryEscape(strings.Trim(e, "<>")), "", &paths)
			steps := 0
			for _, p := range paths.Paths {
				steps += len(p.Steps)
			}
			if len(paths.Paths) > best || len(paths.Paths) == best && steps > longest {
				from, to, best, longest = f, e, len(paths.Paths), steps
			}
		}
	}
	if best == 0 {
		t.Fatal("no paths join the chains' ends")
	}
	return from, to
}

// getCSV fetches an analyst answer as CSV.
func getCSV(t *testing.T, addr, path string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
	req.Header.Set("Accept", "text/csv")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, b)
	}
	return b
}
