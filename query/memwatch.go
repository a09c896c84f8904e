package query

import (
	"runtime/metrics"
	"sync"
	"time"
)

// memWatch bounds the memory that running queries make the process hold.
// goja has no per-script allocation limit, so a sampler reads the live
// heap while any query runs and, when it has grown by more than the limit
// since the queries started, stops every running query: a script that
// builds strings or arrays in a loop ends with a clear error instead of
// taking the service down.
type memWatch struct {
	limit   uint64
	every   time.Duration
	mu      sync.Mutex
	running map[*quotaStore]struct{}
	base    uint64
	stop    chan struct{}
}

func newMemWatch(limit uint64) *memWatch {
	return &memWatch{limit: limit, every: 5 * time.Millisecond, running: map[*quotaStore]struct{}{}}
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func heapBytes() uint64 {
	s := make([]metrics.Sample, 1)
	copy(s, heapSample)
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// watch registers a running query and returns the function that
// unregisters it.
func (m *memWatch) watch(q *quotaStore) func() {
	m.mu.Lock()
	if len(m.running) == 0 {
		m.base = heapBytes()
		m.stop = make(chan struct{})
		go m.sample(m.stop, m.base)
	}
	m.running[q] = struct{}{}
	m.mu.Unlock()
	return func() {
		m.mu.Lock()
		delete(m.running, q)
		if len(m.running) == 0 {
			close(m.stop)
		}
		m.mu.Unlock()
	}
}

func (m *memWatch) sample(stop chan struct{}, base uint64) {
	t := time.NewTicker(m.every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		if h := heapBytes(); h > base+m.limit {
			m.mu.Lock()
			for q := range m.running {
				q.overMemory()
			}
			m.mu.Unlock()
		}
	}
}
