package gizmo

import "sync/atomic"

// Stats counts what the engine did. All fields are updated atomically.
type Stats struct {
	hits, misses atomic.Uint64
	executions   atomic.Uint64
}

func (s *Stats) hit()  { s.hits.Add(1) }
func (s *Stats) miss() { s.misses.Add(1) }

// Snapshot is a copy of the engine's counters.
type Snapshot struct {
	CacheHits, CacheMisses uint64
	Executions             uint64
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
	return Snapshot{
		CacheHits: s.hits.Load(), CacheMisses: s.misses.Load(),
		Executions:     s.executions.Load(),
		RuntimesReused: e.realms.reused.Load(), RuntimesCreated: e.realms.fresh.Load(),
		Running: len(e.slots),
	}
}
