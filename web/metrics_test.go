package web

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// TestMetricsExposition reads /metrics as Prometheus does: it must parse,
// and hold the server's series beside the Go runtime's, the process's and
// those of Cayley's key-value store, which count a write to a bolt store.
func TestMetricsExposition(t *testing.T) {
	ctx := context.Background()
	store, err := graph.Open(ctx, graph.Config{Backend: graph.BackendBolt, Path: filepath.Join(t.TempDir(), "m.bolt")})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.WriteNQuads(ctx, strings.NewReader("<metrics-a> <p> <metrics-b> .\n")); err != nil {
		t.Fatal(err)
	}
	srv := New(wired(store, gizmo.Config{CacheSize: 4}, Config{}))
	do(srv, "POST", "/api/v1/query/gizmo", `g.V("<metrics-a>").out().all()`)
	w := do(srv, "GET", "/metrics", "")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	families, err := new(expfmt.TextParser).TextToMetricFamilies(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatalf("/metrics does not parse: %v\n%s", err, w.Body)
	}
	for _, name := range []string{
		"nhsgraph_queries_total", "nhsgraph_query_duration_seconds", "nhsgraph_cache_hits_total",
		"nhsgraph_cache_misses_total", "nhsgraph_query_executions_total", "nhsgraph_gizmo_runtimes_total",
		"nhsgraph_queries_running",
		"go_goroutines", "go_memstats_heap_alloc_bytes", "process_cpu_seconds_total", "process_resident_memory_bytes",
		"cayley_kv_nodes_new_count", "cayley_apply_deltas_seconds",
	} {
		if families[name] == nil {
			t.Errorf("/metrics lacks %s", name)
		}
	}
	if f := families["cayley_kv_nodes_new_count"]; f != nil && f.GetMetric()[0].GetCounter().GetValue() == 0 {
		t.Errorf("cayley_kv_nodes_new_count is 0 after a write to a bolt store")
	}
	if f := families["nhsgraph_query_executions_total"]; f != nil && f.GetMetric()[0].GetCounter().GetValue() != 1 {
		t.Errorf("nhsgraph_query_executions_total = %v, want 1", f.GetMetric()[0].GetCounter().GetValue())
	}
}

// BenchmarkObserve is what counting one answer costs its handler.
//
//	go test ./web -run '^$' -bench Observe -benchmem
func BenchmarkObserve(b *testing.B) {
	m := newMetrics(nil)
	for b.Loop() {
		m.observe(200, time.Millisecond)
	}
}
