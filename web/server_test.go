package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/query/gizmo"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	_ "github.com/cayleygraph/cayley/writer"
	"github.com/julienschmidt/httprouter"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query"
)

// compatQueries are Gizmo queries from Cayley's documentation and tests,
// run against Cayley's example graph.
var compatQueries = []struct{ name, q string }{
	{"all vertices", `g.V().all()`},
	{"vertex out", `g.V("<alice>").out("<follows>").all()`},
	{"two hops", `g.V("<alice>").out("<follows>").out("<follows>").all()`},
	{"in", `g.V("<bob>").in("<follows>").all()`},
	{"tags", `g.V("<dani>").tag("start").out("<follows>").tag("end").all()`},
	{"literal", `g.V("<bob>").out("<status>").all()`},
	{"has", `g.V().has("<status>", "cool_person").all()`},
	{"both", `g.V("<fred>").both("<follows>").all()`},
	{"count emit", `g.emit(g.V("<bob>").in("<follows>").count())`},
	{"toArray emit", `g.emit(g.V("<bob>").in("<follows>").toArray())`},
	{"morphism", `var m = g.M().out("<follows>"); g.V("<charlie>").follow(m).all()`},
	{"intersect", `var a = g.V("<dani>").out("<follows>"); var b = g.V("<charlie>").out("<follows>"); a.and(b).all()`},
	{"labels", `g.V().labelContext("<smart_graph>").in("<status>").all()`},
	{"no results", `g.V("<nobody>").out("<follows>").all()`},
	{"final value", `g.V("<alice>").out("<follows>").all(); 42`},
	{"emit objects", `g.V("<alice>", "<bob>").forEach(function(d){ g.emit({id: d.id, n: 1}) })`},
	{"getLimit", `g.V().getLimit(3)`},
	{"regex filter", `g.V().filter(regex("cool")).all()`},
	{"save", `g.V("<dani>").save("<follows>", "target").all()`},
	{"skip limit", `g.V().skip(2).limit(3).all()`},
}

func newTestServer(t *testing.T, cfg query.Config) (*Server, *query.Engine) {
	store := testgraph.Cayley(t)
	e := query.New(store, cfg)
	return New(Config{Engine: e}), e
}

// cayleyV2 serves Cayley's own v2 query API over the same example data.
func cayleyV2(t *testing.T) http.Handler {
	store := testgraph.Cayley(t)
	h := &graph.Handle{QuadStore: store.QuadStore()}
	api := cayleyhttp.NewAPIv2(h)
	r := httprouter.New()
	api.RegisterOn(r)
	return r
}

func do(h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestGizmoMatchesCayleyByteForByte(t *testing.T) {
	ours, _ := newTestServer(t, query.Config{CacheSize: 0})
	theirs := cayleyV2(t)
	for _, tc := range compatQueries {
		t.Run(tc.name, func(t *testing.T) {
			want := do(theirs, "POST", "/api/v2/query?lang=gizmo", tc.q)
			if want.Code != 200 {
				t.Fatalf("cayley answered %d: %s", want.Code, want.Body)
			}
			got := do(ours, "POST", "/api/v2/query?lang=gizmo", tc.q)
			if got.Code != 200 {
				t.Fatalf("status %d: %s", got.Code, got.Body)
			}
			if ct := got.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
			if !sameResult(got.Body.Bytes(), want.Body.Bytes()) {
				t.Errorf("v2 body differs from cayley's\n got: %s\nwant: %s", got.Body, want.Body)
			}
			// GET with qu= gives the same answer.
			g := do(ours, "GET", "/api/v2/query?lang=gizmo&qu="+url.QueryEscape(tc.q), "")
			if !sameResult(g.Body.Bytes(), want.Body.Bytes()) {
				t.Errorf("GET body differs\n got: %s\nwant: %s", g.Body, want.Body)
			}
			// v1 is the same JSON, HTML-escaped as Cayley's v1 encoder does.
			v1 := do(ours, "POST", "/api/v1/query/gizmo", tc.q)
			var a, b any
			if err := json.Unmarshal(v1.Body.Bytes(), &a); err != nil {
				t.Fatalf("v1 body is not JSON: %v: %s", err, v1.Body)
			}
			json.Unmarshal(want.Body.Bytes(), &b)
			if !sameJSON(a, b) {
				t.Errorf("v1 result differs\n got: %s\nwant: %s", v1.Body, want.Body)
			}
			if strings.Contains(want.Body.String(), "<") && strings.Contains(v1.Body.String(), "<") {
				t.Errorf("v1 body should escape < as Cayley's v1 does: %s", v1.Body)
			}
		})
	}
}

// sameResult compares bodies byte for byte, except that results produced by
// iterating a Go map (tag order inside Cayley) may come in any order.
func sameResult(got, want []byte) bool {
	if bytes.Equal(got, want) {
		return true
	}
	var a, b struct{ Result []any }
	if json.Unmarshal(got, &a) != nil || json.Unmarshal(want, &b) != nil || len(a.Result) != len(b.Result) {
		return false
	}
	return sameJSON(a.Result, b.Result) && len(got) == len(want)
}

func sameJSON(a, b any) bool {
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(b)
	if bytes.Equal(ab, bb) {
		return true
	}
	// compare as multisets of rows
	ar, aok := a.([]any)
	br, bok := b.([]any)
	if !aok || !bok || len(ar) != len(br) {
		return false
	}
	count := map[string]int{}
	for _, r := range ar {
		k, _ := json.Marshal(r)
		count[string(k)]++
	}
	for _, r := range br {
		k, _ := json.Marshal(r)
		count[string(k)]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestErrorStatuses(t *testing.T) {
	srv, _ := newTestServer(t, query.Config{Timeout: 300 * time.Millisecond, CacheSize: 16})
	big := strings.Repeat("x", MaxBodyBytes+1)
	tests := []struct {
		name, method, target, body string
		code                       int
		errPart                    string
	}{
		{"syntax error", "POST", "/api/v1/query/gizmo", `g.V(.all(`, 400, "query error"},
		{"runtime error", "POST", "/api/v1/query/gizmo", `g.V().nosuchstep()`, 400, "query error"},
		{"thrown error", "POST", "/api/v2/query?lang=gizmo", `throw new Error("boom")`, 400, "boom"},
		{"unknown language", "POST", "/api/v1/query/sparql", `SELECT *`, 400, "unknown query language"},
		{"no language", "POST", "/api/v2/query", `g.V().all()`, 400, "language"},
		{"empty query", "POST", "/api/v2/query?lang=gizmo", ``, 400, "empty"},
		{"bad limit", "POST", "/api/v1/query/gizmo?limit=lots", `g.V().all()`, 400, "limit"},
		{"oversized body", "POST", "/api/v1/query/gizmo", big, 413, "over"},
		{"oversized body v2", "POST", "/api/v2/query?lang=gizmo", big, 413, "over"},
		{"infinite loop", "POST", "/api/v1/query/gizmo", `while(true){}`, 504, "time limit"},
		{"unknown path", "GET", "/api/v1/nothing", ``, 404, "no such endpoint"},
		{"wrong method", "GET", "/api/v1/query/gizmo", ``, 405, "not allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			w := do(srv, tc.method, tc.target, tc.body)
			if w.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.code, w.Body)
			}
			var body struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error == "" {
				t.Fatalf("want {\"error\": ...}, got %s", w.Body)
			}
			if !strings.Contains(body.Error, tc.errPart) {
				t.Errorf("error %q does not mention %q", body.Error, tc.errPart)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
		})
	}
}

func TestTimeoutInterruptsScript(t *testing.T) {
	srv, e := newTestServer(t, query.Config{Timeout: 200 * time.Millisecond, MaxConcurrent: 1})
	w := do(srv, "POST", "/api/v1/query/gizmo", `var i = 0; while(true){ i++ }`)
	if w.Code != 504 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	// With one slot, a script still spinning would hold it and the next
	// query would get 503; an interrupted one has freed it.
	w = do(srv, "POST", "/api/v1/query/gizmo", `g.V("<alice>").all()`)
	if w.Code != 200 {
		t.Fatalf("the next query got %d: %s (the loop was not interrupted)", w.Code, w.Body)
	}
	if e.Stats().Executions != 2 {
		t.Errorf("executions = %d, want 2", e.Stats().Executions)
	}
}

func TestResultCapCannotBeLifted(t *testing.T) {
	srv, _ := newTestServer(t, query.Config{MaxResults: 3})
	tests := []struct{ name, q string }{
		{"getLimit(-1)", `g.V().getLimit(-1)`},
		{"all", `g.V().all()`},
		{"repeated all", `g.V().all(); g.V().all(); g.V().all()`},
		{"emit in a loop", `for (var i = 0; i < 100; i++) { g.emit(i) }`},
		{"forEach emit", `g.V().forEach(function(d){ g.emit(d) })`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := do(srv, "POST", "/api/v1/query/gizmo?limit=-1", tc.q)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var body struct{ Result []any }
			json.Unmarshal(w.Body.Bytes(), &body)
			if len(body.Result) != 3 {
				t.Errorf("%d rows, want the cap of 3", len(body.Result))
			}
		})
	}
	// toArray materialises inside the script: past the value quota the
	// query stops with a clear error rather than filling memory.
	w := do(srv, "POST", "/api/v1/query/gizmo", `var a = []; for (var i = 0; i < 2000; i++) { a = a.concat(g.V().toArray()) }; g.emit(a.length)`)
	if w.Code != 400 || !strings.Contains(w.Body.String(), "materialised") {
		t.Errorf("toArray flood: status %d: %s", w.Code, w.Body)
	}
}

func TestCacheMissThenHit(t *testing.T) {
	srv, e := newTestServer(t, query.Config{CacheSize: 8})
	q := "g.V(\"<alice>\")\n  .out(\"<follows>\")\n  .all()"
	first := do(srv, "POST", "/api/v1/query/gizmo", q)
	second := do(srv, "POST", "/api/v1/query/gizmo", q)
	if first.Header().Get("X-Cache") != "MISS" || second.Header().Get("X-Cache") != "HIT" {
		t.Fatalf("X-Cache %q then %q, want MISS then HIT", first.Header().Get("X-Cache"), second.Header().Get("X-Cache"))
	}
	if first.Body.String() != second.Body.String() {
		t.Errorf("cached body differs:\n%s\n%s", first.Body, second.Body)
	}
	// the key is the exact text: another layout is another script
	if other := do(srv, "POST", "/api/v1/query/gizmo", " "+q); other.Header().Get("X-Cache") != "MISS" {
		t.Errorf("another layout served from the cache")
	}
	// a different limit is a different answer
	third := do(srv, "POST", "/api/v1/query/gizmo?limit=1", q)
	if third.Header().Get("X-Cache") != "MISS" {
		t.Errorf("different limit served from cache")
	}
	if st := e.Stats(); st.CacheHits != 1 || st.CacheMisses != 3 {
		t.Errorf("hits %d misses %d, want 1 and 3", st.CacheHits, st.CacheMisses)
	}
}

func TestConcurrentIdenticalMissesRunOnce(t *testing.T) {
	srv, e := newTestServer(t, query.Config{CacheSize: 8, MaxConcurrent: 16})
	// slow enough that all requests arrive while it runs
	q := `var t = Date.now(); while (Date.now() - t < 400) {}; g.V("<bob>").all()`
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if w := do(srv, "POST", "/api/v1/query/gizmo", q); w.Code != 200 {
				t.Errorf("status %d: %s", w.Code, w.Body)
			}
		}()
	}
	wg.Wait()
	if n := e.Stats().Executions; n != 1 {
		t.Errorf("the query ran %d times, want once", n)
	}
}

func TestBusyGets503WithRetryAfter(t *testing.T) {
	srv, _ := newTestServer(t, query.Config{MaxConcurrent: 1, QueueWait: 10 * time.Millisecond, Timeout: 2 * time.Second})
	started := make(chan struct{})
	done := make(chan struct{})
	go func() {
		close(started)
		do(srv, "POST", "/api/v1/query/gizmo", `var t = Date.now(); while (Date.now() - t < 1000) {}`)
		close(done)
	}()
	<-started
	deadline := time.Now().Add(900 * time.Millisecond)
	var w *httptest.ResponseRecorder
	for time.Now().Before(deadline) {
		w = do(srv, "POST", "/api/v1/query/gizmo", `g.V("<alice>").all()`)
		if w.Code == 503 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d Retry-After %q, want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	<-done
}

func TestHealthReadyMetrics(t *testing.T) {
	srv, _ := newTestServer(t, query.Config{CacheSize: 4})
	if w := do(srv, "GET", "/healthz", ""); w.Code != 200 {
		t.Errorf("healthz %d", w.Code)
	}
	if w := do(srv, "GET", "/readyz", ""); w.Code != 200 {
		t.Errorf("readyz %d", w.Code)
	}
	do(srv, "POST", "/api/v1/query/gizmo", `g.V("<alice>").all()`)
	do(srv, "POST", "/api/v1/query/gizmo", `g.V("<alice>").all()`)
	do(srv, "POST", "/api/v1/query/gizmo", `g.V(`)
	w := do(srv, "GET", "/metrics", "")
	body := w.Body.String()
	for _, want := range []string{
		`nhsgraph_queries_total{code="200"} 2`,
		`nhsgraph_queries_total{code="400"} 1`,
		`nhsgraph_cache_hits_total 1`,
		`nhsgraph_cache_misses_total 2`,
		`nhsgraph_query_duration_seconds_count 3`,
		`nhsgraph_query_duration_seconds_bucket{le="+Inf"} 3`,
		// One script ran (the cache answered the second, the third did
		// not compile): in a new runtime.
		`nhsgraph_gizmo_runtimes_total{runtime="new"} 1`,
		`nhsgraph_gizmo_runtimes_total{runtime="reused"} 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
	notReady := New(Config{Engine: query.New(testgraph.Cayley(t), query.Config{}), Ready: func(ctxArg contextT) error { return errLoading }})
	if w := do(notReady, "GET", "/readyz", ""); w.Code != 503 {
		t.Errorf("readyz while loading: %d", w.Code)
	}
}

type contextT = context.Context

var errLoading = errors.New("still loading")
