package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nhsgraph/nhsgraph/query"
)

// metrics counts HTTP query responses by status and their latency, and
// writes them with the engine's counters in Prometheus text format.
type metrics struct {
	mu       sync.Mutex
	byStatus map[int]uint64
	buckets  []uint64 // per query.LatencyBuckets bound, then +Inf
	count    uint64
	sum      float64
}

func newMetrics() *metrics {
	return &metrics{byStatus: map[int]uint64{}, buckets: make([]uint64, len(query.LatencyBuckets)+1)}
}

func (m *metrics) observe(code int, d time.Duration) {
	sec := d.Seconds()
	i := sort.SearchFloat64s(query.LatencyBuckets, sec)
	m.mu.Lock()
	m.byStatus[code]++
	m.buckets[i]++
	m.count++
	m.sum += sec
	m.mu.Unlock()
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	m := s.metrics
	var b strings.Builder
	m.mu.Lock()
	codes := make([]int, 0, len(m.byStatus))
	for c := range m.byStatus {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	b.WriteString("# HELP nhsgraph_queries_total Query requests answered, by HTTP status.\n# TYPE nhsgraph_queries_total counter\n")
	for _, c := range codes {
		fmt.Fprintf(&b, "nhsgraph_queries_total{code=\"%d\"} %d\n", c, m.byStatus[c])
	}
	b.WriteString("# HELP nhsgraph_query_duration_seconds Time to answer a query request.\n# TYPE nhsgraph_query_duration_seconds histogram\n")
	var cum uint64
	for i, le := range query.LatencyBuckets {
		cum += m.buckets[i]
		fmt.Fprintf(&b, "nhsgraph_query_duration_seconds_bucket{le=\"%g\"} %d\n", le, cum)
	}
	fmt.Fprintf(&b, "nhsgraph_query_duration_seconds_bucket{le=\"+Inf\"} %d\n", m.count)
	fmt.Fprintf(&b, "nhsgraph_query_duration_seconds_sum %g\nnhsgraph_query_duration_seconds_count %d\n", m.sum, m.count)
	m.mu.Unlock()

	st := s.q.Stats()
	b.WriteString("# HELP nhsgraph_cache_hits_total Queries answered from the result cache.\n# TYPE nhsgraph_cache_hits_total counter\n")
	fmt.Fprintf(&b, "nhsgraph_cache_hits_total %d\n", st.CacheHits)
	b.WriteString("# HELP nhsgraph_cache_misses_total Queries the result cache could not answer.\n# TYPE nhsgraph_cache_misses_total counter\n")
	fmt.Fprintf(&b, "nhsgraph_cache_misses_total %d\n", st.CacheMisses)
	b.WriteString("# HELP nhsgraph_query_executions_total Queries run against the store.\n# TYPE nhsgraph_query_executions_total counter\n")
	fmt.Fprintf(&b, "nhsgraph_query_executions_total %d\n", st.Executions)
	b.WriteString("# HELP nhsgraph_gizmo_runtimes_total Gizmo scripts run, by whether their JavaScript runtime was kept from an earlier script.\n# TYPE nhsgraph_gizmo_runtimes_total counter\n")
	fmt.Fprintf(&b, "nhsgraph_gizmo_runtimes_total{runtime=\"reused\"} %d\nnhsgraph_gizmo_runtimes_total{runtime=\"new\"} %d\n", st.RuntimesReused, st.RuntimesCreated)
	b.WriteString("# HELP nhsgraph_queries_running Queries holding a concurrency slot: their work has not ended, whether or not they were answered.\n# TYPE nhsgraph_queries_running gauge\n")
	fmt.Fprintf(&b, "nhsgraph_queries_running %d\n", st.Running)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Write([]byte(b.String()))
}
