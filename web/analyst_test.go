package web

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query"
)

func seedsServer(t *testing.T) *Server {
	t.Helper()
	return New(Config{Engine: query.New(testgraph.Seeds(t), query.Config{CacheSize: 64})})
}

func get(h *Server, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("%v: %s", err, w.Body)
	}
	return v
}

func TestAnalystStatuses(t *testing.T) {
	srv := seedsServer(t)
	tests := []struct {
		name, target string
		code         int
		errPart      string
	}{
		{"search", "/api/v1/entities?q=nhsx", 200, ""},
		{"search without q", "/api/v1/entities", 400, "q must"},
		{"search unknown type", "/api/v1/entities?q=nhs&type=Unicorn", 400, "unknown type"},
		{"search bad limit", "/api/v1/entities?q=nhs&limit=many", 400, "limit"},
		{"entity", "/api/v1/entity/nhs:org/nhsx", 200, ""},
		{"entity unknown", "/api/v1/entity/nhs:org/nobody", 404, "no node"},
		{"entity without IRI", "/api/v1/entity", 400, "name the node"},
		{"neighbours", "/api/v1/neighbours?iri=nhs:org/nhsx&direction=in&offset=2&limit=5", 200, ""},
		{"neighbours without IRI", "/api/v1/neighbours", 400, "iri is required"},
		{"neighbours unknown predicate", "/api/v1/neighbours?iri=nhs:org/nhsx&predicate=nhs:likes", 404, "no predicate"},
		{"neighbours bad direction", "/api/v1/neighbours?iri=nhs:org/nhsx&direction=up", 400, "direction"},
		{"neighbours bad offset", "/api/v1/neighbours?iri=nhs:org/nhsx&offset=x", 400, "offset"},
		{"paths", "/api/v1/paths?from=NHSX&to=Matthew+Gould", 200, ""},
		{"paths without to", "/api/v1/paths?from=NHSX", 400, "required"},
		{"paths unknown name", "/api/v1/paths?from=Unicorn+Trust&to=NHSX", 404, "Unicorn Trust"},
		{"paths ambiguous name", "/api/v1/paths?from=guidance&to=NHSX", 409, "could be any of"},
		{"paths too many hops", "/api/v1/paths?from=NHSX&to=NHS&max_hops=9", 400, "max_hops"},
		{"paths bad bookkeeping", "/api/v1/paths?from=NHSX&to=NHS&bookkeeping=perhaps", 400, "bookkeeping"},
		{"chains", "/api/v1/chains?types=Fund,Programme,Outcome", 200, ""},
		{"chains one type", "/api/v1/chains?types=Fund", 400, "types"},
		{"chains unknown type", "/api/v1/chains?types=Fund,Unicorn", 400, "unknown type"},
		{"read", "/api/v2/read?sub=<nhs:org/nhsx>", 200, ""},
		{"read bad format", "/api/v2/read?format=xml", 400, "format"},
		{"read bad iri", "/api/v2/read?iri=medium", 400, "iri"},
		{"openapi", "/api/openapi.json", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(srv, tc.target)
			if w.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.code, w.Body)
			}
			if tc.errPart == "" {
				return
			}
			body := decode[struct{ Error string }](t, w)
			if !strings.Contains(body.Error, tc.errPart) {
				t.Errorf("error %q does not mention %q", body.Error, tc.errPart)
			}
		})
	}
}

func TestEntityIRIForms(t *testing.T) {
	srv := seedsServer(t)
	for _, target := range []string{
		"/api/v1/entity/nhs:org/nhsx",
		"/api/v1/entity/" + url.PathEscape("<nhs:org/nhsx>"),
		"/api/v1/entity/%3Cnhs%3Aorg%2Fnhsx%3E",
		"/api/v1/entity?iri=" + url.QueryEscape("https://w3id.org/nhsgraph/org/nhsx"),
		"/api/v1/entity?iri=" + url.QueryEscape("<nhs:org/nhsx>"),
		// full IRIs hold "//", which a cleaned path would collapse
		"/api/v1/entity/https://w3id.org/nhsgraph/org/nhsx",
		"/api/v1/entity/" + url.PathEscape("https://w3id.org/nhsgraph/org/nhsx"),
		"/api/v1/entity/" + url.PathEscape("<https://w3id.org/nhsgraph/org/nhsx>"),
		"/api/v1/entity/<https://w3id.org/nhsgraph/org/nhsx>",
	} {
		w := get(srv, target)
		if w.Code != 200 {
			t.Errorf("%s: status %d: %s", target, w.Code, w.Body)
			continue
		}
		e := decode[query.EntityResult](t, w)
		if e.ID != "<nhs:org/nhsx>" || e.Name != "NHSX" {
			t.Errorf("%s: got %s %q", target, e.ID, e.Name)
		}
		if !strings.Contains(w.Body.String(), `"<nhs:ledBy>"`) {
			t.Errorf("%s: IRIs should not be HTML-escaped: %.200s", target, w.Body)
		}
	}
}

func TestSearchFindsByAlias(t *testing.T) {
	srv := seedsServer(t)
	w := get(srv, "/api/v1/entities?q="+url.QueryEscape("Department for Health & Social Care")+"&type=Organisation")
	r := decode[query.SearchResult](t, w)
	if len(r.Results) == 0 || r.Results[0].ID != "<nhs:org/department-of-health-and-social-care>" {
		t.Fatalf("results %+v", r.Results)
	}
}

func TestPathsCacheAndCSV(t *testing.T) {
	srv := seedsServer(t)
	target := "/api/v1/paths?from=" + url.QueryEscape("Matthew Gould") + "&to=NHSX"
	first := get(srv, target)
	second := get(srv, target)
	if first.Header().Get("X-Cache") != "MISS" || second.Header().Get("X-Cache") != "HIT" {
		t.Fatalf("X-Cache %q then %q", first.Header().Get("X-Cache"), second.Header().Get("X-Cache"))
	}
	if first.Body.String() != second.Body.String() {
		t.Error("the cached answer differs")
	}
	c := get(srv, target, "Accept", "text/csv")
	if ct := c.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("Content-Type %q", ct)
	}
	if c.Header().Get("X-Cache") != "HIT" {
		t.Errorf("the CSV answer should come from the same cached paths")
	}
	rows, err := csv.NewReader(c.Body).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("CSV %v: %v", rows, err)
	}
	if !slices.Equal(rows[0][:8], []string{"path", "hop", "from", "from_name", "predicate", "direction", "to", "to_name"}) {
		t.Errorf("header %v", rows[0])
	}
	found := false
	for _, row := range rows[1:] {
		if row[4] == "<nhs:ledBy>" && row[5] == "backward" && strings.Contains(row[9], "led by Matthew Gould") {
			found = true
		}
	}
	if !found {
		t.Errorf("no row says NHSX is led by Matthew Gould, with its sentence: %v", rows)
	}

	amb := get(srv, "/api/v1/paths?from=guidance&to=NHSX")
	body := decode[struct{ Candidates []query.Hit }](t, amb)
	if len(body.Candidates) < 2 {
		t.Errorf("409 without candidates: %s", amb.Body)
	}
}

func TestChainsJSONAndCSV(t *testing.T) {
	srv := seedsServer(t)
	w := get(srv, "/api/v1/chains?types=Fund,Programme,Outcome")
	r := decode[query.ChainsResult](t, w)
	if len(r.Chains) == 0 || !strings.HasPrefix(r.Gizmo, "g.V()") || w.Header().Get("X-Cache") != "MISS" {
		t.Fatalf("chains %d, gizmo %q, X-Cache %q", len(r.Chains), r.Gizmo, w.Header().Get("X-Cache"))
	}
	// The Gizmo query in the answer runs on the same server.
	g := do(srv, "POST", "/api/v2/query?lang=gizmo&limit=-1", r.Gizmo)
	if g.Code != 200 || !strings.Contains(g.Body.String(), `"fund"`) {
		t.Errorf("the answer's Gizmo query: %d %.300s", g.Code, g.Body)
	}
	c := get(srv, "/api/v1/chains?types=Fund,Programme,Outcome&format=csv")
	rows, err := csv.NewReader(c.Body).ReadAll()
	if err != nil || len(rows) < 1+2*len(r.Chains) || rows[0][0] != "chain" {
		t.Errorf("CSV: %d rows for %d chains, err %v", len(rows), len(r.Chains), err)
	}
}

// TestReadMatchesCayley compares the export with Cayley's own GET
// /api/v2/read over Cayley's example graph, which has no prefixes to
// expand.
func TestReadMatchesCayley(t *testing.T) {
	ours, _ := newTestServer(t, query.Config{})
	theirs := cayleyV2(t)
	for _, q := range []string{
		"",
		"?sub=<alice>",
		"?pred=<follows>&obj=<bob>",
		"?label=<smart_graph>",
		"?sub=<dani>,<fred>",
		"?format=nquads&obj=cool_person",
	} {
		want := do(theirs, "GET", "/api/v2/read"+q, "")
		got := do(ours, "GET", "/api/v2/read"+q, "")
		if got.Code != 200 || want.Code != 200 {
			t.Fatalf("%s: status %d (cayley %d): %s", q, got.Code, want.Code, got.Body)
		}
		if a, b := sortedLines(got.Body.String()), sortedLines(want.Body.String()); a != b {
			t.Errorf("%s:\n got %s\nwant %s", q, a, b)
		}
		if got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
			t.Errorf("%s: Content-Type %q, cayley %q", q, got.Header().Get("Content-Type"), want.Header().Get("Content-Type"))
		}
	}
}

func sortedLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestReadExpandsAndCompresses(t *testing.T) {
	srv := seedsServer(t)
	w := get(srv, "/api/v2/read?sub=<nhs:org/nhsx>&pred=<nhs:ledBy>", "Accept-Encoding", "gzip")
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q", w.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	want := "<https://w3id.org/nhsgraph/org/nhsx> <https://w3id.org/nhsgraph/ledBy> <https://w3id.org/nhsgraph/person/matthew-gould> <https://w3id.org/nhsgraph/doc/"
	if !bytes.HasPrefix(body, []byte(want)) {
		t.Errorf("got %s", body)
	}
	ld := get(srv, "/api/v2/read?sub=<nhs:org/nhsx>", "Accept", "application/ld+json")
	if ld.Header().Get("Content-Type") != "application/ld+json" || !json.Valid(ld.Body.Bytes()) {
		t.Errorf("JSON-LD: %q %.200s", ld.Header().Get("Content-Type"), ld.Body)
	}
}

func TestAnalystCountsInMetrics(t *testing.T) {
	srv := seedsServer(t)
	get(srv, "/api/v1/paths?from=NHSX&to=NHS")
	get(srv, "/api/v1/paths?from=NHSX&to=NHS")
	get(srv, "/api/v1/entity/nhs:org/nobody")
	m := get(srv, "/metrics").Body.String()
	for _, want := range []string{`nhsgraph_queries_total{code="200"} 2`, `nhsgraph_queries_total{code="404"} 1`, "nhsgraph_cache_hits_total 1"} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q:\n%s", want, m)
		}
	}
}

// TestWritesReachAnalystAnswers checks that a write through the API is seen
// by the next search and path question, not hidden by the cache.
func TestWritesReachAnalystAnswers(t *testing.T) {
	srv, _ := writableServer(t)
	before := get(srv, "/api/v1/paths?from=alice&to=emily")
	get(srv, "/api/v1/paths?from=alice&to=emily")
	p := decode[query.PathsResult](t, before)
	if len(p.Paths) == 0 || p.Paths[0].Hops != 3 {
		t.Fatalf("alice to emily before the write: %+v", p.Paths)
	}
	if w := get(srv, "/api/v1/entities?q=zed"); len(decode[query.SearchResult](t, w).Results) != 0 {
		t.Fatalf("zed found before being written: %s", w.Body)
	}
	w := doAuth(srv, "POST", "/api/v2/write", "<alice> <follows> <emily> .\n<zed> <follows> <alice> .\n", "Bearer "+token)
	if w.Code != 200 {
		t.Fatalf("write: %d %s", w.Code, w.Body)
	}
	after := get(srv, "/api/v1/paths?from=alice&to=emily")
	p = decode[query.PathsResult](t, after)
	if after.Header().Get("X-Cache") != "MISS" || len(p.Paths) == 0 || p.Paths[0].Hops != 1 {
		t.Errorf("after the write: X-Cache %s, paths %+v", after.Header().Get("X-Cache"), p.Paths)
	}
	if r := decode[query.SearchResult](t, get(srv, "/api/v1/entities?q=zed")); len(r.Results) != 1 || r.Results[0].ID != "<zed>" {
		t.Errorf("search after the write: %+v", r.Results)
	}
}
