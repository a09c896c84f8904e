package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query"
)

// overheadQueries are the two queries of the side-by-side runs in
// docs/PERFORMANCE.md, over Cayley's movie data.
var overheadQueries = []struct{ name, q string }{
	{"one_node", `g.V("Humphrey Bogart").in("<name>").all()`},
	{"bogart_bacall", `var f = g.M().in("</film/performance/actor>").in("</film/film/starring>"); g.V("Humphrey Bogart").in("<name>").follow(f).intersect(g.V("Lauren Bacall").in("<name>").follow(f)).out("<name>").all()`},
}

// BenchmarkHTTPOverhead runs the same uncached Gizmo query in-process
// through query.Engine and over HTTP on loopback to the real handler
// (net/http server and client, keep-alive), one after the other in every
// iteration so that a busy machine slows both alike, and reports each
// one's time and their ratio (target: http/inprocess <= 1.3). Run it with
//
//	go test ./web -run '^$' -bench HTTPOverhead -benchtime 5000x -count 3
func BenchmarkHTTPOverhead(b *testing.B) {
	store, err := graph.Open(context.Background(), graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if _, _, err := store.ImportFile(context.Background(), testgraph.CayleyData(b, "30kmoviedata.nq.gz"), nil); err != nil {
		b.Fatal(err)
	}
	e := query.New(store, query.Config{CacheSize: 0})
	srv := httptest.NewServer(New(Config{Engine: e}))
	defer srv.Close()
	client := srv.Client()
	for _, q := range overheadQueries {
		// what handleQueryV1 asks of the engine for the same request
		req := query.Request{Lang: "gizmo", Query: q.q, Limit: 100, Flavor: query.FlavorV1}
		b.Run(q.name, func(b *testing.B) {
			var inproc, overHTTP time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := e.Run(b.Context(), req); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				resp, err := client.Post(srv.URL+"/api/v1/query/gizmo", "application/javascript", strings.NewReader(q.q))
				if err != nil {
					b.Fatal(err)
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("X-Cache") == "HIT" {
					b.Fatalf("status %d, X-Cache %q, %v", resp.StatusCode, resp.Header.Get("X-Cache"), err)
				}
				inproc += t1.Sub(t0)
				overHTTP += time.Since(t1)
			}
			b.ReportMetric(float64(inproc.Nanoseconds())/float64(b.N), "ns-inprocess/op")
			b.ReportMetric(float64(overHTTP.Nanoseconds())/float64(b.N), "ns-http/op")
			b.ReportMetric(float64(overHTTP)/float64(inproc), "http/inprocess")
		})
	}
}
