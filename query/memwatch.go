package query

import (
	"runtime/metrics"
	"sync"
	"time"
)

// memWatch bounds the memory that running queries make the process hold.
// goja has no per-script allocation limit, so a sampler reads the heap
// while any query runs and stops the queries for which it has grown by
// more than the limit: a script that builds strings or arrays in a loop
// ends with a clear error instead of taking the service down.
//
// It watches the goroutines' stacks too. goja calls a script's functions
// from Go code on the Go stack (a getter, toString, valueOf, a callback of
// map, sort or replace, f.call(...)), so a script recursing through them
// grows a Go stack, and past 1 GiB Go ends the process with a stack
// overflow that nothing can recover. The interrupt reaches such a script
// at its next JavaScript instruction, so it is enough to see the growth in
// time: a query is stopped when the stacks grow by stackLimit, and every
// query when they stand 3*stackLimit above where they were when the watch
// began, whoever grew them.
//
// Each query is measured from its own reference: the lowest the heap (and
// the stacks) have been since it started. A query that starts while a
// stopped one still unwinds is not blamed for what that one still holds,
// and once it is freed, is measured from there. The heap's reference is
// never below the collector's goal: the heap's objects include garbage not
// yet collected, and holding a million quads (1.3 GB) the collector lets
// garbage grow by as much again before it runs, so a query or an export
// streaming through the graph would pass any limit without holding
// anything. The process reaches that goal with or without queries; the
// limit bounds growth past it.
type memWatch struct {
	limit   uint64
	every   time.Duration
	mu      sync.Mutex
	running map[*quotaStore]*memRef
	stacks0 uint64 // the stacks when the watch began
	last    memRef // at the last sample
	stop    chan struct{}
}

// memRef is what a query's growth is measured from.
type memRef struct {
	heap   uint64 // max(heap objects, collector's goal)
	stacks uint64
}

// stackLimit is how much the goroutines' stacks may grow while a query
// runs: far above what scripts and connections need (a connection's
// goroutine starts at 8 KiB), far below Go's 1 GiB limit for one stack.
const stackLimit = 128 << 20

func newMemWatch(limit uint64) *memWatch {
	return &memWatch{limit: limit, every: 5 * time.Millisecond, running: map[*quotaStore]*memRef{}}
}

var memSamples = []metrics.Sample{
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/memory/classes/heap/stacks:bytes"},
	{Name: "/gc/heap/goal:bytes"},
}

// readMem reads the heap's objects, the goroutines' stacks and the
// collector's goal.
func readMem() (objects, stacks, goal uint64) {
	s := make([]metrics.Sample, len(memSamples))
	copy(s, memSamples)
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()
}

// heapBytes is the heap's objects.
func heapBytes() uint64 {
	objects, _, _ := readMem()
	return objects
}

// watch registers a running query and returns the function that
// unregisters it.
func (m *memWatch) watch(q *quotaStore) func() {
	m.mu.Lock()
	if len(m.running) == 0 {
		objects, stacks, goal := readMem()
		m.stacks0 = stacks
		m.last = memRef{heap: max(objects, goal), stacks: stacks}
		m.stop = make(chan struct{})
		go m.sample(m.stop, m.stacks0)
	}
	ref := m.last
	m.running[q] = &ref
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

func (m *memWatch) sample(stop chan struct{}, stacks0 uint64) {
	t := time.NewTicker(m.every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		objects, stacks, goal := readMem()
		now := memRef{heap: max(objects, goal), stacks: stacks}
		allDeep := stacks > stacks0+3*stackLimit
		m.mu.Lock()
		m.last = now
		for q, ref := range m.running {
			ref.heap, ref.stacks = min(ref.heap, now.heap), min(ref.stacks, now.stacks)
			switch {
			case allDeep || stacks > ref.stacks+stackLimit:
				q.tooDeep()
			case objects > ref.heap+m.limit:
				q.overMemory()
			}
		}
		m.mu.Unlock()
	}
}
