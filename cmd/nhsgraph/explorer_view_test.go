package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// checkUndoAndCollapse takes back the last of two expansions of the
// selected node with Undo, makes it again, and collapses the node: Undo
// gives back exactly the nodes from before the last expansion, expanding
// again the same nodes as the first time, and Collapse the nodes from
// before either expansion. overview, afterFirst and afterSecond are the
// lists before, between and after the expansions.
func checkUndoAndCollapse(p *explorerPage, overview, afterFirst, afterSecond []string) {
	t := p.t
	t.Helper()
	p.rebuild("undo expansion", press("#undo"))
	if got := p.listed(); !slices.Equal(got, afterFirst) {
		t.Errorf("undo after expanding: %d nodes listed, want the %d from before\n got %v\nwant %v", len(got), len(afterFirst), got, afterFirst)
	}
	p.rebuild("expand again", seen("#expand"), press("#expand"))
	if got := p.listed(); !slices.Equal(got, afterSecond) {
		t.Errorf("expanding again: %d nodes listed, want %d\n got %v\nwant %v", len(got), len(afterSecond), got, afterSecond)
	}
	p.rebuild("collapse", seen("#collapse"), press("#collapse"))
	if got := p.listed(); !slices.Equal(got, overview) {
		t.Errorf("collapsing: %d nodes listed, want the %d from before expanding\n got %v\nwant %v", len(got), len(overview), got, overview)
	}
	var collapsible bool
	p.eval(`!!document.getElementById('collapse')`, &collapsible)
	if collapsible {
		t.Error("the collapsed node still offers Collapse")
	}
}

// choose picks a value in a select, as a user does.
func choose(sel, value string) chromedp.Action {
	return chromedp.Evaluate(`(() => { const s = document.querySelector(`+jsString(sel)+`); s.value = `+jsString(value)+`; s.dispatchEvent(new Event('change')); })()`, nil)
}

// checkYear chooses the year with the most dated nodes not in view: the
// view shows that year's dated nodes, all of them and nothing else, and
// All gives back the view from before, every node where it was.
func checkYear(p *explorerPage, addr string) {
	t := p.t
	t.Helper()
	dated := datedYears(t, addr)
	before := p.listed()
	var offered []string
	p.run("timeline", seen(`#timeline button[data-year]:not([data-year="all"])`))
	p.eval(`[...document.querySelectorAll('#timeline button[data-year]')].map(b => b.dataset.year).filter(y => y !== 'all')`, &offered)
	inYear := func(y int) []string {
		var ids []string
		for id, ys := range dated {
			if ys[y] {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		return ids
	}
	var want []string
	year, years := 0, map[int]bool{}
	for _, ys := range dated {
		for y := range ys {
			years[y] = true
		}
	}
	for _, s := range offered {
		y, _ := strconv.Atoi(s)
		if !years[y] {
			t.Errorf("the timeline offers %d, in which the graph dates nothing", y)
		}
		delete(years, y)
		if ids := inYear(y); len(missing(ids, before)) > len(missing(want, before)) {
			year, want = y, ids
		}
	}
	if len(years) > 0 {
		t.Errorf("the timeline leaves out years the graph dates nodes in: %v", years)
	}
	if year == 0 || len(missing(want, before)) == 0 {
		t.Fatalf("no year has dated nodes outside the view (timeline %v)", offered)
	}

	where := p.positions("cy")
	button := fmt.Sprintf(`#timeline button[data-year="%d"]`, year)
	p.rebuild("choose "+strconv.Itoa(year), press(button))
	got := p.listed()
	for _, id := range got {
		if !dated[id][year] {
			t.Errorf("year %d shows %s, which the graph dates in %v", year, id, keys(dated[id]))
		}
	}
	if m := missing(want, got); len(m) > 0 {
		t.Errorf("year %d leaves out %d of its %d dated nodes: %v", year, len(m), len(want), m)
	}
	if len(missing(got, before)) == 0 {
		t.Errorf("year %d brought in no node that was not in view: %v", year, got)
	}
	var pressed, status string
	p.eval(`document.querySelector(`+jsString(button)+`).getAttribute('aria-pressed')`, &pressed)
	status = p.text("#status")
	if pressed != "true" || !strings.Contains(status, "dated "+strconv.Itoa(year)) {
		t.Errorf("year %d chosen: aria-pressed=%s, status %q", year, pressed, status)
	}
	t.Logf("year %d: %d dated nodes listed, %d of them not in view before", year, len(got), len(missing(got, before)))
	p.shot("explorer-timeline.png")

	p.rebuild("all years", press(`#timeline button[data-year="all"]`))
	if after := p.listed(); !slices.Equal(after, before) {
		t.Errorf("clearing the year: %d nodes listed, want the %d from before\n got %v\nwant %v", len(after), len(before), after, before)
	}
	now := p.positions("cy")
	for id := range where {
		if d := moved(where, now, id); d > 0.5 {
			t.Errorf("clearing the year: %s is %.0f px from where it was", id, d)
			break
		}
	}
}

// exportedView is the explorer's JSON export.
type exportedView struct {
	URL    string         `json:"url"`
	Paths  *walksAnswer   `json:"paths"`
	Chains *walksAnswer   `json:"chains"`
	Gizmo  *gizmoExported `json:"gizmo"`
	Nodes  []struct {
		ID, Name, Label, Type string
		TypeName              string `json:"type_name"`
	} `json:"nodes"`
	Edges []struct {
		ID, Source, Predicate, Label, Target string
		Evidence                             []evidence `json:"evidence"`
	} `json:"edges"`
}

type evidence struct {
	Sentence string `json:"sentence"`
	Text     string `json:"text"`
}

// checkJSONExport downloads the view as JSON into dl and checks it against
// the page (the list of nodes, the graph's own count of what it draws, the
// link) and against the graph (every edge among the visible nodes, each
// with the evidence the API gives for it).
func checkJSONExport(p *explorerPage, addr string) exportedView {
	t := p.t
	t.Helper()
	var view exportedView
	if err := json.Unmarshal(p.download("#json", "nhsgraph-view.json"), &view); err != nil {
		t.Fatalf("the JSON export: %v", err)
	}
	var items [][]string
	var graphLabel, href string
	p.eval(`[...document.querySelectorAll('#nodelist li')].map(li => [li.dataset.id, li.textContent])`, &items)
	p.eval(`document.getElementById('cy').getAttribute('aria-label')`, &graphLabel)
	p.eval(`location.href`, &href)
	var drawnNodes, drawnEdges int
	if _, err := fmt.Sscanf(graphLabel, "Graph of %d nodes and %d edges", &drawnNodes, &drawnEdges); err != nil {
		t.Fatalf("graph label %q: %v", graphLabel, err)
	}
	if view.URL != href {
		t.Errorf("the export's link is %q, the page's %q", view.URL, href)
	}

	shown := map[string]string{} // id -> what the list says
	for _, it := range items {
		shown[it[0]] = it[1]
	}
	if len(view.Nodes) != len(items) || len(view.Nodes) != drawnNodes {
		t.Errorf("the export holds %d nodes, the list %d, the graph draws %d", len(view.Nodes), len(items), drawnNodes)
	}
	for _, n := range view.Nodes {
		if want := n.Label + ", " + n.TypeName; shown[n.ID] != want || n.Name == "" || n.Type == "" {
			t.Errorf("exported node %s (%q, %s) is listed as %q, want %q", n.ID, n.Name, n.Type, shown[n.ID], want)
		}
	}

	// Every edge the graph holds among the visible nodes, and its evidence.
	want := map[string][]string{}
	for id := range shown {
		for _, g := range entity(t, addr, id).Out {
			for _, e := range g.Edges {
				if _, ok := shown[e.ID]; ok && !g.Bookkeeping && e.ID != id {
					want[id+" "+g.Predicate+" "+e.ID] = sentences(e.Evidence)
				}
			}
		}
	}
	if len(view.Edges) != drawnEdges || len(view.Edges) != len(want) {
		t.Errorf("the export holds %d edges, the graph draws %d, the store has %d among the visible nodes", len(view.Edges), drawnEdges, len(want))
	}
	withEvidence := 0
	for _, e := range view.Edges {
		ev, ok := want[e.ID]
		switch {
		case e.ID != e.Source+" "+e.Predicate+" "+e.Target || e.Label == "":
			t.Errorf("exported edge %q: source %s, predicate %s (%q), target %s", e.ID, e.Source, e.Predicate, e.Label, e.Target)
		case !ok:
			t.Errorf("exported edge %q is not in the store among the visible nodes", e.ID)
		case !slices.Equal(sentences(e.Evidence), ev):
			t.Errorf("exported edge %q has evidence %v, the API %v", e.ID, sentences(e.Evidence), ev)
		}
		if len(e.Evidence) > 0 && e.Evidence[0].Text != "" {
			withEvidence++
		}
	}
	if withEvidence == 0 {
		t.Errorf("no exported edge carries its evidence sentence (%d edges)", len(view.Edges))
	}
	return view
}

// walksAnswer is the part of a paths or chains answer the tests read.
type walksAnswer struct {
	Count  int    `json:"count"`
	Gizmo  string `json:"gizmo"`
	Paths  []walk `json:"paths"`
	Chains []walk `json:"chains"`
}

type walk struct {
	Nodes []struct{ ID, Name, Type string } `json:"nodes"`
	Steps []struct {
		From, To string
		Edges    []struct {
			Predicate, Direction string
			Evidence             []evidence `json:"evidence"`
		} `json:"edges"`
	} `json:"steps"`
}

type gizmoExported struct {
	Script string `json:"script"`
	Rows   []any  `json:"rows"`
}

// neighbourFacet is a predicate and direction and how many neighbours it joins.
type neighbourFacet struct {
	Predicate, Direction string
	Count                int
}

// neighbourCounts is GET /api/v1/neighbours's counts for a node.
type neighbourCountsAnswer struct {
	Total      int              `json:"total"`
	Predicates []neighbourFacet `json:"predicates"`
	Types      []struct {
		Type  string
		Count int
	} `json:"types"`
}

func neighbourCounts(t *testing.T, addr, iri string) neighbourCountsAnswer {
	t.Helper()
	var c neighbourCountsAnswer
	call(t, http.MethodGet, "http://"+addr+"/api/v1/neighbours?limit=1&iri="+url.QueryEscape(strings.Trim(iri, "<>")), "", &c)
	return c
}

// neighbourIDs lists a node's neighbours as the API orders them (first
// 1000), with extra query parameters (a filter).
func neighbourIDs(t *testing.T, addr, iri, extra string) []string {
	t.Helper()
	var page struct {
		Neighbours []struct{ ID string } `json:"neighbours"`
	}
	call(t, http.MethodGet, "http://"+addr+"/api/v1/neighbours?limit=1000&iri="+url.QueryEscape(strings.Trim(iri, "<>"))+extra, "", &page)
	var ids []string
	for _, n := range page.Neighbours {
		ids = append(ids, n.ID)
	}
	return ids
}

// entityName is a node's name, as the explorer shows it.
func entityName(t *testing.T, addr, iri string) string {
	t.Helper()
	var e struct {
		ID, Name string
	}
	call(t, http.MethodGet, "http://"+addr+"/api/v1/entity?limit=1&iri="+url.QueryEscape(strings.Trim(iri, "<>")), "", &e)
	if e.Name == "" {
		return e.ID
	}
	return e.Name
}

// formatCount writes n as the page does (en-GB: 44,956).
func formatCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// datedYears asks the graph which years each dated node is dated in: the
// dates of its nhs:date, nhs:establishedOn and nhs:announcedOn, and the
// date nodes themselves, a date's year being the first four digits of its
// IRI (nhs:date/FY2020-21 is in 2020).
func datedYears(t *testing.T, addr string) map[string]map[int]bool {
	t.Helper()
	var dates, datedBy struct {
		Result []map[string]string `json:"result"`
	}
	gizmoAll(t, addr, `g.V().has("<rdf:type>", "<nhs:Date>").all()`, &dates)
	gizmoAll(t, addr, `g.V().tag("node").out(["<nhs:date>", "<nhs:establishedOn>", "<nhs:announcedOn>"]).has("<rdf:type>", "<nhs:Date>").all()`, &datedBy)
	yearRE := regexp.MustCompile(`\d{4}`)
	out := map[string]map[int]bool{}
	add := func(node, date string) {
		y, err := strconv.Atoi(yearRE.FindString(date))
		if err != nil {
			t.Fatalf("date %s has no year", date)
		}
		if out[node] == nil {
			out[node] = map[int]bool{}
		}
		out[node][y] = true
	}
	for _, r := range dates.Result {
		add(r["id"], r["id"])
	}
	for _, r := range datedBy.Result {
		add(r["node"], r["id"])
	}
	if len(dates.Result) == 0 || len(datedBy.Result) == 0 {
		t.Fatalf("the graph has %d dates and %d dated edges", len(dates.Result), len(datedBy.Result))
	}
	return out
}

// apiEntity is the part of GET /api/v1/entity the tests read.
type apiEntity struct {
	Out []struct {
		Predicate   string `json:"predicate"`
		Bookkeeping bool   `json:"bookkeeping"`
		Edges       []struct {
			ID       string     `json:"id"`
			Evidence []evidence `json:"evidence"`
		} `json:"edges"`
	} `json:"out"`
}

// entity fetches an entity's details as the explorer does.
func entity(t *testing.T, addr, iri string) apiEntity {
	t.Helper()
	var e apiEntity
	call(t, http.MethodGet, "http://"+addr+"/api/v1/entity?limit=200&iri="+url.QueryEscape(strings.Trim(iri, "<>")), "", &e)
	return e
}

// gizmoAll runs a Gizmo query with the server's largest limit.
func gizmoAll(t *testing.T, addr, gizmo string, v any) {
	t.Helper()
	call(t, http.MethodPost, "http://"+addr+"/api/v1/query/gizmo?limit=-1", gizmo, v)
}

func call(t *testing.T, method, u, body string, v any) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, u, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
}

// missing lists the items of want that are not in have.
func missing(want, have []string) []string {
	var out []string
	for _, w := range want {
		if !slices.Contains(have, w) {
			out = append(out, w)
		}
	}
	return out
}

func sentences(evs []evidence) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.Sentence
	}
	slices.Sort(out)
	return out
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
