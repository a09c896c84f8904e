package analyst

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

func seedsEngine(t *testing.T) *Engine {
	t.Helper()
	return newEngine(testgraph.Seeds(t), gizmo.Config{CacheSize: 64})
}

func TestEntitySearch(t *testing.T) {
	e := seedsEngine(t)
	tests := []struct {
		name, q, typ string
		wantFirst    string // id of the best hit
		wantMatch    string
	}{
		{"exact name", "NHSX", "", "<nhs:org/nhsx>", MatchExact},
		{"case and spaces", "nhs digital", "", "<nhs:org/nhs-digital>", MatchExact},
		{"punctuation", "covid 19 vaccination", "", "<nhs:programme/covid-19-vaccination-programme>", MatchPrefix},
		{"alias", "NHSEI", "", "<nhs:org/nhs-england-and-nhs-improvement>", MatchExact},
		{"surname", "gould", "", "<nhs:person/matthew-gould>", MatchExact},
		{"substring", "aspirant", "", "<nhs:programme/digital-aspirant-programme>", MatchSubstring},
		{"curly apostrophe", "A Buyer’s Guide to AI in Health and Care", "", "<nhs:work/a-buyers-guide-to-ai-in-health-and-care>", MatchExact},
		{"type filter", "adoption", "Fund", "<nhs:fund/adoption-fund>", MatchPrefix},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := e.Entities(t.Context(), SearchRequest{Query: tc.q, Type: tc.typ})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Results) == 0 {
				t.Fatalf("no results for %q", tc.q)
			}
			if got := r.Results[0]; got.ID != tc.wantFirst || got.Match != tc.wantMatch {
				t.Errorf("best hit %s (%s), want %s (%s); all: %+v", got.ID, got.Match, tc.wantFirst, tc.wantMatch, r.Results)
			}
		})
	}
}

func TestEntitySearchOrderAndFilters(t *testing.T) {
	e := seedsEngine(t)
	r, err := e.Entities(t.Context(), SearchRequest{Query: "nhs", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Results) != 20 {
		t.Fatalf("%d results, want the limit of 20", len(r.Results))
	}
	tier := map[string]int{MatchExact: 0, MatchPrefix: 1, MatchSubstring: 2}
	for i := 1; i < len(r.Results); i++ {
		a, b := r.Results[i-1], r.Results[i]
		if tier[a.Match] > tier[b.Match] || a.Match == b.Match && a.Degree < b.Degree {
			t.Errorf("%s (%s, degree %d) ranks above %s (%s, degree %d)", a.ID, a.Match, a.Degree, b.ID, b.Match, b.Degree)
		}
	}
	funds, err := e.Entities(t.Context(), SearchRequest{Query: "million", Type: "nhs:Fund", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(funds.Results) == 0 {
		t.Fatal("no funds named with 'million'")
	}
	for _, h := range funds.Results {
		if h.Type != "<nhs:Fund>" {
			t.Errorf("type filter let through %s (%s)", h.ID, h.Type)
		}
	}
	bad := []SearchRequest{{Query: ""}, {Query: "–"}, {Query: "nhs", Type: "Unicorn"}, {Query: "nhs", Limit: MaxSearchLimit + 1}}
	for _, req := range bad {
		if _, err := e.Entities(t.Context(), req); !errors.Is(err, ErrBadParam) {
			t.Errorf("%+v: err %v, want ErrBadParam", req, err)
		}
	}
}

func TestEntityDetail(t *testing.T) {
	e := seedsEngine(t)
	for _, id := range []string{"nhs:org/nhsx", "<nhs:org/nhsx>", "https://w3id.org/nhsgraph/org/nhsx", "<https://w3id.org/nhsgraph/org/nhsx>"} {
		r, err := e.Entity(t.Context(), EntityRequest{ID: id})
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if r.ID != "<nhs:org/nhsx>" || r.Name != "NHSX" || r.Type != "<schema:Organization>" {
			t.Errorf("%s: got %+v", id, r.NodeRef)
		}
	}
	if _, err := e.Entity(t.Context(), EntityRequest{ID: "nhs:org/no-such-thing"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown IRI: err %v, want ErrNotFound", err)
	}

	r, err := e.Entity(t.Context(), EntityRequest{ID: "nhs:org/nhsx"})
	if err != nil {
		t.Fatal(err)
	}
	led := group(r.Out, "<nhs:ledBy>")
	if led == nil || len(led.Edges) == 0 || led.Edges[0].ID != "<nhs:person/matthew-gould>" {
		t.Fatalf("NHSX ledBy: %+v", led)
	}
	ev := led.Edges[0].Evidence
	if len(ev) == 0 || !strings.Contains(ev[0].Text, "led by Matthew Gould") || ev[0].File == "" || ev[0].Title == "" {
		t.Fatalf("evidence for NHSX ledBy Matthew Gould: %+v", ev)
	}
	checkOffsets(t, ev[0])
	if in := group(r.In, "<nhs:mentions>"); in == nil || !in.Bookkeeping || in.Count < 10 {
		t.Errorf("NHSX should be mentioned by many sentences, as bookkeeping: %+v", in)
	}
	for i := 1; i < len(r.Out); i++ {
		if r.Out[i-1].Bookkeeping && !r.Out[i].Bookkeeping {
			t.Errorf("bookkeeping group %s listed before relation %s", r.Out[i-1].Predicate, r.Out[i].Predicate)
		}
	}

	fund, err := e.Entity(t.Context(), EntityRequest{ID: "nhs:fund/adoption-fund"})
	if err != nil {
		t.Fatal(err)
	}
	var amount *Property
	for i, p := range fund.Properties {
		if p.Predicate == "<schema:amount>" {
			amount = &fund.Properties[i]
		}
	}
	if amount == nil || amount.Value != int64(6500000) || amount.EvidenceCount == 0 {
		t.Errorf("Adoption Fund amount: %+v, want 6500000 with evidence", amount)
	}

	limited, _ := e.Entity(t.Context(), EntityRequest{ID: "nhs:org/nhsx", Limit: 1})
	if g := group(limited.In, "<nhs:mentions>"); len(g.Edges) != 1 || g.Count < 10 {
		t.Errorf("limit 1: %d edges listed of %d", len(g.Edges), g.Count)
	}
}

func group(gs []EdgeGroup, pred string) *EdgeGroup {
	for i := range gs {
		if gs[i].Predicate == pred {
			return &gs[i]
		}
	}
	return nil
}

// checkOffsets checks that the evidence's byte offsets cut its sentence
// out of the seed file it names.
func checkOffsets(t *testing.T, ev Evidence) {
	t.Helper()
	for _, f := range nhsgraph.Seeds() {
		if f.Name != ev.File {
			continue
		}
		if ev.Start == nil || ev.End == nil || *ev.End > int64(len(f.Data)) || *ev.Start >= *ev.End {
			t.Fatalf("offsets %v-%v in a file of %d bytes", ev.Start, ev.End, len(f.Data))
		}
		got := strings.Join(strings.Fields(string(f.Data[*ev.Start:*ev.End])), " ")
		if got != strings.Join(strings.Fields(ev.Text), " ") {
			t.Errorf("bytes %d-%d of %s are %q, the evidence says %q", *ev.Start, *ev.End, ev.File, got, ev.Text)
		}
		return
	}
	t.Errorf("no seed file %q", ev.File)
}

func TestPaths(t *testing.T) {
	e := seedsEngine(t)
	tests := []struct {
		name, from, to string
		maxHops        int
		wantFirstHops  int // 0: no path
		wantEdge       string
		wantDirection  string
	}{
		{"Matthew Gould to the Adoption Fund", "Matthew Gould", "Adoption Fund", 4, -1, "<nhs:ledBy>", Backward},
		{"NHSX to Cheshire and Mersey ICS", "nhs:org/nhsx", "<nhs:org/cheshire-and-mersey-ics>", 4, 1, "<nhs:supports>", Forward},
		{"too far for one hop", "Matthew Gould", "Adoption Fund", 1, 0, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := e.Paths(t.Context(), PathsRequest{From: tc.from, To: tc.to, MaxHops: tc.maxHops})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantFirstHops == 0 {
				if r.Paths == nil || len(r.Paths) != 0 {
					t.Fatalf("want an empty list of paths, got %+v", r.Paths)
				}
				return
			}
			if len(r.Paths) == 0 {
				t.Fatal("no paths")
			}
			checkPaths(t, r, false)
			if tc.wantFirstHops > 0 && r.Paths[0].Hops != tc.wantFirstHops {
				t.Errorf("shortest path has %d hops, want %d", r.Paths[0].Hops, tc.wantFirstHops)
			}
			first := r.Paths[0].Steps[0].Edges
			if !slices.ContainsFunc(first, func(e StepEdge) bool { return e.Predicate == tc.wantEdge && e.Direction == tc.wantDirection }) {
				t.Errorf("first step %+v lacks %s %s", first, tc.wantEdge, tc.wantDirection)
			}
		})
	}
}

// checkPaths checks what every answer must hold: paths run from From to To,
// are simple, no longer than MaxHops, shortest first, each step joined by
// edges that carry evidence.
func checkPaths(t *testing.T, r *PathsResult, bookkeeping bool) {
	t.Helper()
	if len(r.Paths) > r.K {
		t.Errorf("%d paths, more than k=%d", len(r.Paths), r.K)
	}
	for i, p := range r.Paths {
		if p.Nodes[0].ID != r.From.ID || p.Nodes[len(p.Nodes)-1].ID != r.To.ID {
			t.Errorf("path %d runs %s to %s", i, p.Nodes[0].ID, p.Nodes[len(p.Nodes)-1].ID)
		}
		if p.Hops != len(p.Steps) || p.Hops+1 != len(p.Nodes) || p.Hops > r.MaxHops {
			t.Errorf("path %d: %d hops, %d steps, %d nodes (max %d)", i, p.Hops, len(p.Steps), len(p.Nodes), r.MaxHops)
		}
		if i > 0 && p.Hops < r.Paths[i-1].Hops {
			t.Errorf("path %d is shorter than path %d", i, i-1)
		}
		seen := map[string]bool{}
		for _, n := range p.Nodes {
			if seen[n.ID] {
				t.Errorf("path %d visits %s twice", i, n.ID)
			}
			seen[n.ID] = true
		}
		for j, st := range p.Steps {
			if st.From != p.Nodes[j].ID || st.To != p.Nodes[j+1].ID || len(st.Edges) == 0 {
				t.Errorf("path %d step %d: %+v", i, j, st)
			}
			for _, e := range st.Edges {
				if e.Bookkeeping && !bookkeeping {
					t.Errorf("path %d step %d follows bookkeeping %s", i, j, e.Predicate)
				}
				if !e.Bookkeeping && e.EvidenceCount == 0 {
					t.Errorf("path %d step %d: %s has no evidence", i, j, e.Predicate)
				}
			}
		}
	}
}

func TestPathsNames(t *testing.T) {
	e := seedsEngine(t)
	_, err := e.Paths(t.Context(), PathsRequest{From: "guidance", To: "NHSX"})
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !errors.Is(err, ErrAmbiguous) || len(amb.Candidates) < 2 {
		t.Fatalf("an alias three works share: err %v, want ErrAmbiguous with candidates", err)
	}
	for _, c := range amb.Candidates {
		if c.Match != MatchExact {
			t.Errorf("candidate %s matched %s, want only exact matches", c.ID, c.Match)
		}
	}
	if _, err := e.Paths(t.Context(), PathsRequest{From: "Unicorn Trust", To: "NHSX"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown name: %v, want ErrNotFound", err)
	}
	if _, err := e.Paths(t.Context(), PathsRequest{From: "NHSX", To: "nhs:org/nhsx"}); !errors.Is(err, ErrBadParam) {
		t.Errorf("same node: %v, want ErrBadParam", err)
	}
	for _, req := range []PathsRequest{{From: "a", To: "b", MaxHops: 7}, {From: "a", To: "b", K: -1}} {
		if _, err := e.Paths(t.Context(), req); !errors.Is(err, ErrBadParam) {
			t.Errorf("%+v: %v, want ErrBadParam", req, err)
		}
	}
}

func TestPathsBookkeeping(t *testing.T) {
	e := seedsEngine(t)
	req := PathsRequest{From: "Matthew Gould", To: "Ming Tang", MaxHops: 2}
	plain, err := e.Paths(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plain.Paths {
		for _, st := range p.Steps {
			for _, e := range st.Edges {
				if e.Predicate == "<rdf:type>" {
					t.Errorf("followed rdf:type without bookkeeping=true")
				}
			}
		}
	}
	req.Bookkeeping = true
	all, err := e.Paths(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	checkPaths(t, all, true)
	viaType := false
	for _, p := range all.Paths {
		if p.Hops == 2 && p.Nodes[1].ID == "<schema:Person>" {
			viaType = true
		}
	}
	if !viaType {
		t.Errorf("with bookkeeping, two people meet at <schema:Person>: %+v", all.Paths)
	}
}

// TestPathsAreTheKShortest compares the search with brute force: every
// simple path of at most max hops, enumerated without pruning.
func TestPathsAreTheKShortest(t *testing.T) {
	for _, g := range []struct {
		name  string
		e     *Engine
		pairs [][2]string
	}{
		{"cayley", newEngine(testgraph.Cayley(t), gizmo.Config{}), [][2]string{{"alice", "greg"}, {"emily", "charlie"}, {"alice", "<smart_graph>"}}},
		{"seeds", seedsEngine(t), [][2]string{{"Matthew Gould", "Adoption Fund"}, {"NHS Digital", "Cheshire and Mersey ICS"}, {"Amanda Pritchard", "NHS App"}}},
	} {
		x, err := g.e.graphIndex(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range g.pairs {
			for _, all := range []bool{false, true} {
				from, _ := x.resolve("from", pair[0])
				to, _ := x.resolve("to", pair[1])
				const k, hops = 7, 4
				got, truncated, err := x.shortestPaths(t.Context(), from, to, hops, k, all)
				if err != nil || truncated {
					t.Fatalf("%v %v", err, truncated)
				}
				brute := bruteForcePaths(x, from, to, hops, all)
				slices.SortStableFunc(brute, func(a, b []int32) int { return len(a) - len(b) })
				if len(got) != min(k, len(brute)) {
					t.Errorf("%s %v (all=%v): %d paths, brute force finds %d", g.name, pair, all, len(got), len(brute))
					continue
				}
				for i, p := range got {
					if len(p) != len(brute[i]) {
						t.Errorf("%s %v: path %d has %d nodes, the %dth shortest has %d", g.name, pair, i, len(p), i+1, len(brute[i]))
					}
					if !slices.ContainsFunc(brute, func(b []int32) bool { return slices.Equal(b, p) }) {
						t.Errorf("%s %v: path %v is not a simple path", g.name, pair, p)
					}
				}
			}
		}
	}
}

func bruteForcePaths(x *index, from, to int32, maxHops int, all bool) [][]int32 {
	var out [][]int32
	path := []int32{from}
	var walk func(v int32)
	walk = func(v int32) {
		if v == to {
			out = append(out, slices.Clone(path))
			return
		}
		if len(path) > maxHops {
			return
		}
		for _, w := range x.neighboursOf(v, all) {
			if slices.Contains(path, w) {
				continue
			}
			path = append(path, w)
			walk(w)
			path = path[:len(path)-1]
		}
	}
	walk(from)
	return out
}

func TestChainsMatchTheirGizmo(t *testing.T) {
	tests := []struct {
		name  string
		e     *Engine
		req   ChainsRequest
		least int // chains there must be
	}{
		{"fund programme outcome", seedsEngine(t), ChainsRequest{Types: []string{"Fund", "Programme", "Outcome"}}, 5},
		{"from one fund", seedsEngine(t), ChainsRequest{Types: []string{"Fund", "Programme"}, From: "Adoption Fund"}, 4},
		{"organisations and people", seedsEngine(t), ChainsRequest{Types: []string{"Organisation", "Person"}}, 2},
		{"repeated type", seedsEngine(t), ChainsRequest{Types: []string{"Organization", "Organization", "Programme"}}, 5},
		{"four types", seedsEngine(t), ChainsRequest{Types: []string{"nhs:Fund", "<nhs:Programme>", "Outcome", "Product"}}, 0},
		{"types never joined", seedsEngine(t), ChainsRequest{Types: []string{"Person", "Dataset"}}, 0},
		{"cayley graph has no types", newEngine(testgraph.Cayley(t), gizmo.Config{}), ChainsRequest{Types: []string{"Person", "Person"}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.e.Chains(t.Context(), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if r.Truncated || len(r.Chains) < tc.least || r.Count != len(r.Chains) {
				t.Fatalf("%d chains (truncated %v), want at least %d", len(r.Chains), r.Truncated, tc.least)
			}
			want := map[string]bool{}
			for _, c := range r.Chains {
				ids := make([]string, len(c.Nodes))
				for i, n := range c.Nodes {
					ids[i] = n.ID
					if n.Type != r.Types[i] {
						t.Errorf("chain node %s is a %s, want %s", n.ID, n.Type, r.Types[i])
					}
				}
				for _, st := range c.Steps {
					if len(st.Edges) == 0 {
						t.Errorf("step %s -> %s has no edge", st.From, st.To)
					}
				}
				want[strings.Join(ids, " ")] = true
			}
			a, err := tc.e.g.Run(t.Context(), gizmo.Request{Lang: "gizmo", Query: r.Gizmo, Limit: -1})
			if err != nil {
				t.Fatalf("the chains' Gizmo query fails: %v\n%s", err, r.Gizmo)
			}
			got := map[string]bool{}
			for _, row := range gizmoRows(t, a.Body) {
				ids := make([]string, len(r.Tags))
				for i, tag := range r.Tags {
					ids[i], _ = row[tag].(string)
				}
				got[strings.Join(ids, " ")] = true
			}
			for c := range want {
				if !got[c] {
					t.Errorf("Gizmo misses chain %s", c)
				}
			}
			for c := range got {
				if !want[c] {
					t.Errorf("Gizmo finds chain %s that the answer lacks", c)
				}
			}
		})
	}
}

func TestChainsErrors(t *testing.T) {
	e := seedsEngine(t)
	for _, req := range []ChainsRequest{
		{Types: []string{"Fund"}},
		{Types: []string{"Fund", "Unicorn"}},
		{Types: []string{"Fund", "Programme"}, From: "NHSX"},
		{Types: []string{"Fund", "Programme", "Outcome", "Fund", "Programme", "Outcome", "Fund"}},
	} {
		if _, err := e.Chains(t.Context(), req); !errors.Is(err, ErrBadParam) {
			t.Errorf("%+v: %v, want ErrBadParam", req, err)
		}
	}
	r, err := e.Chains(t.Context(), ChainsRequest{Types: []string{"Fund", "Programme", "Outcome"}, Limit: 2})
	if err != nil || !r.Truncated || len(r.Chains) != 2 {
		t.Errorf("limit 2: %d chains, truncated %v, err %v", len(r.Chains), r.Truncated, err)
	}
}

func TestAnalystAnswersAreCachedByGeneration(t *testing.T) {
	store := testgraph.Seeds(t)
	e := newEngine(store, gizmo.Config{CacheSize: 16})
	req := PathsRequest{From: "NHSX", To: "Matthew Gould"}
	first, err := e.Paths(t.Context(), req)
	if err != nil || first.Cached {
		t.Fatalf("first: cached %v err %v", first.Cached, err)
	}
	second, _ := e.Paths(t.Context(), req)
	if !second.Cached || len(second.Paths) != len(first.Paths) {
		t.Errorf("second: cached %v, %d paths (first %d)", second.Cached, len(second.Paths), len(first.Paths))
	}
	chains := ChainsRequest{Types: []string{"Person", "Organization"}}
	if c, _ := e.Chains(t.Context(), chains); c.Cached {
		t.Error("first chains answer came from the cache")
	}
	if c, _ := e.Chains(t.Context(), chains); !c.Cached {
		t.Error("second chains answer did not")
	}
	// A write: the new fact must show, and nothing old be served.
	q := []quad.Quad{quad.MakeIRI("nhs:org/nhsx", "nhs:ledBy", "nhs:person/ming-tang", "")}
	if _, err := store.Add(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	third, _ := e.Paths(t.Context(), PathsRequest{From: "NHSX", To: "Ming Tang"})
	if third.Cached || len(third.Paths) == 0 || third.Paths[0].Hops != 1 {
		t.Errorf("after the write: cached %v, paths %+v", third.Cached, third.Paths)
	}
	if st := e.g.Stats(); st.CacheHits != 2 {
		t.Errorf("cache hits %d, want 2", st.CacheHits)
	}
}

// gizmoRows decodes a Gizmo answer's rows.
func gizmoRows(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var out struct{ Result []map[string]any }
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return out.Result
}

// TestEdgesReportEverySentence: a fact several sentences state (the same
// subject, predicate and object under several evidence labels) lists each
// of them, from either end, as the store holds them.
func TestEdgesReportEverySentence(t *testing.T) {
	store := testgraph.Seeds(t)
	e := newEngine(store, gizmo.Config{})
	type spo struct{ s, p, o string }
	labels := map[spo]map[string]bool{}
	qs := store.QuadStore()
	it := qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(t.Context()) {
		q := qs.Quad(it.Result())
		if _, ok := q.Object.(quad.IRI); !ok || q.Label == nil {
			continue
		}
		k := spo{quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object)}
		if labels[k] == nil {
			labels[k] = map[string]bool{}
		}
		labels[k][quad.StringOf(q.Label)] = true
	}
	several := 0
	for k, ls := range labels {
		if len(ls) < 2 {
			continue
		}
		several++
		r, err := e.Entity(t.Context(), EntityRequest{ID: k.s, Limit: MaxEdgeLimit})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, g := range r.Out {
			for _, n := range g.Edges {
				if g.Predicate == k.p && n.ID == k.o {
					found = true
					if n.EvidenceCount != len(ls) {
						t.Errorf("%s %s %s: %d sentences reported, the store holds %d", k.s, k.p, k.o, n.EvidenceCount, len(ls))
					}
				}
			}
		}
		if !found {
			t.Errorf("%s %s %s: not among the entity's edges", k.s, k.p, k.o)
		}
	}
	if several < 5 {
		t.Fatalf("only %d facts stated by several sentences in the seeds; the test needs some", several)
	}
}

// newEngine builds an analyst as serve wires it: over a Gizmo engine on
// the same store, whose cache and limits it shares.
func newEngine(store Store, cfg gizmo.Config) *Engine {
	return New(store, gizmo.New(store, cfg))
}
