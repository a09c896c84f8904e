package web

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"
)

// latencyBuckets are the upper bounds, in seconds, of the answer-time
// histogram.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts query answers by status and their latency, for /metrics,
// which also serves the engine's counters, the Go runtime's and the
// process's, and the metrics Cayley's stores register.
type metrics struct {
	byStatus *prometheus.CounterVec
	codes    [600]atomic.Value // prometheus.Counter of byStatus by code, found once
	latency  prometheus.Histogram
	handler  http.Handler
}

// newMetrics registers a server's series in a registry of its own (tests
// build many servers in one process) and serves them with Cayley's, which
// its key-value stores register in the default registry when they load.
func newMetrics(q Querier) *metrics {
	m := &metrics{
		byStatus: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nhsgraph_queries_total", Help: "Query requests answered, by HTTP status.",
		}, []string{"code"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "nhsgraph_query_duration_seconds", Help: "Time to answer a query request.", Buckets: latencyBuckets,
		}),
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(m.byStatus, m.latency,
		prometheus.NewGoCollector(),
		prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	if q != nil {
		counter := func(name, help string, labels prometheus.Labels, f func() uint64) prometheus.Collector {
			return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help, ConstLabels: labels},
				func() float64 { return float64(f()) })
		}
		reg.MustRegister(
			counter("nhsgraph_cache_hits_total", "Queries answered from the result cache.", nil,
				func() uint64 { return q.Stats().CacheHits }),
			counter("nhsgraph_cache_misses_total", "Queries the result cache could not answer.", nil,
				func() uint64 { return q.Stats().CacheMisses }),
			counter("nhsgraph_query_executions_total", "Queries run against the store.", nil,
				func() uint64 { return q.Stats().Executions }),
			counter("nhsgraph_gizmo_runtimes_total", "Gizmo scripts run, by whether their JavaScript runtime was kept from an earlier script.",
				prometheus.Labels{"runtime": "reused"}, func() uint64 { return q.Stats().RuntimesReused }),
			counter("nhsgraph_gizmo_runtimes_total", "Gizmo scripts run, by whether their JavaScript runtime was kept from an earlier script.",
				prometheus.Labels{"runtime": "new"}, func() uint64 { return q.Stats().RuntimesCreated }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "nhsgraph_queries_running",
				Help: "Queries holding a concurrency slot: their work has not ended, whether or not they were answered.",
			}, func() float64 { return float64(q.Stats().Running) }),
		)
	}
	m.handler = promhttp.HandlerFor(prometheus.Gatherers{reg, cayleyMetrics}, promhttp.HandlerOpts{})
	return m
}

// cayleyMetrics are the series Cayley registers in the default registry
// (cayley_*: its key-value stores' writes, caches and index buffers); the
// default registry's Go and process collectors are this server's own.
var cayleyMetrics = prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) {
	all, err := prometheus.DefaultGatherer.Gather()
	out := all[:0]
	for _, f := range all {
		if strings.HasPrefix(f.GetName(), "cayley_") {
			out = append(out, f)
		}
	}
	return out, err
})

// observe counts one answer. A status's counter is looked up in the vector
// once: WithLabelValues on every answer cost 100-140 ns and two allocations,
// against 13 ns and none (BenchmarkObserve), on a path where a cached
// answer takes a few microseconds.
func (m *metrics) observe(code int, d time.Duration) {
	if code < 0 || code >= len(m.codes) {
		m.byStatus.WithLabelValues(strconv.Itoa(code)).Inc()
	} else if c, ok := m.codes[code].Load().(prometheus.Counter); ok {
		c.Inc()
	} else {
		c := m.byStatus.WithLabelValues(strconv.Itoa(code))
		m.codes[code].Store(c)
		c.Inc()
	}
	m.latency.Observe(d.Seconds())
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	s.metrics.handler.ServeHTTP(w, r)
}
