package query

import (
	"sync/atomic"
	"time"
)

// LatencyBuckets are the upper bounds, in seconds, of the execution-time
// histogram.
var LatencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Stats counts what the engine did. All fields are updated atomically.
type Stats struct {
	hits, misses atomic.Uint64
	buckets      [16]atomic.Uint64 // len(LatencyBuckets)+1, the last is +Inf
	count        atomic.Uint64
	sumMicros    atomic.Uint64
}

func (s *Stats) hit()  { s.hits.Add(1) }
func (s *Stats) miss() { s.misses.Add(1) }

func (s *Stats) observe(d time.Duration) {
	sec := d.Seconds()
	i := 0
	for i < len(LatencyBuckets) && sec > LatencyBuckets[i] {
		i++
	}
	s.buckets[i].Add(1)
	s.count.Add(1)
	s.sumMicros.Add(uint64(d.Microseconds()))
}

// Snapshot is a copy of the engine's counters.
type Snapshot struct {
	CacheHits, CacheMisses uint64
	Executions             uint64
	ExecSeconds            float64
	Buckets                []uint64 // cumulative counts per LatencyBuckets bound, then +Inf
	// Gizmo scripts run in a JavaScript runtime kept from an earlier
	// script, and in a new one (realm.go).
	RuntimesReused, RuntimesCreated uint64
	// Running is the queries holding a concurrency slot: their script, or
	// a walk of the index, has not ended yet (an answer may have been
	// sent: a script past its deadline can still be inside a call into Go).
	Running int
}

// Stats returns a snapshot of the engine's counters.
func (e *Engine) Stats() Snapshot {
	s := &e.stats
	snap := Snapshot{
		CacheHits: s.hits.Load(), CacheMisses: s.misses.Load(),
		Executions:     s.count.Load(),
		ExecSeconds:    float64(s.sumMicros.Load()) / 1e6,
		RuntimesReused: e.realms.reused.Load(), RuntimesCreated: e.realms.fresh.Load(),
		Running: len(e.slots),
	}
	var cum uint64
	for i := 0; i <= len(LatencyBuckets); i++ {
		cum += s.buckets[i].Load()
		snap.Buckets = append(snap.Buckets, cum)
	}
	return snap
}
