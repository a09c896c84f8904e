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
//
// It watches the goroutines' stacks too. goja calls a script's functions
// from Go code on the Go stack (a getter, toString, valueOf, a callback of
// map, sort or replace, f.call(...)), so a script recursing through them
// grows a Go stack, and past 1 GiB Go ends the process with a stack
// overflow that nothing can recover. The interrupt reaches such a script
// at its next JavaScript instruction, so it is enough to see the growth in
// time. Each query is measured from the lowest the stacks have been since
// it started, so that a query starting while a stopped one still unwinds
// its deep stack is not blamed for it (and, when that stack is freed, is
// measured from there); a query whose stacks grow by stackLimit is
// stopped, and all are when the stacks stand 3*stackLimit above where
// they were when the watch began, whoever grew them.
type memWatch struct {
	limit   uint64
	every   time.Duration
	mu      sync.Mutex
	running map[*quotaStore]*uint64 // each query's stack reference
	base    [2]uint64               // heap objects, stacks, when the watch began
	last    uint64                  // stacks at the last sample
	stop    chan struct{}
}

// stackLimit is how much the goroutines' stacks may grow while a query
// runs: far above what scripts and connections need (a connection's
// goroutine starts at 8 KiB), far below Go's 1 GiB limit for one stack.
const stackLimit = 128 << 20

func newMemWatch(limit uint64) *memWatch {
	return &memWatch{limit: limit, every: 5 * time.Millisecond, running: map[*quotaStore]*uint64{}}
}

var memSamples = []metrics.Sample{
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/memory/classes/heap/stacks:bytes"},
	{Name: "/gc/heap/goal:bytes"},
}

// memBytes reads the heap's objects and the goroutines' stacks.
func memBytes() [2]uint64 {
	s := readMem()
	return [2]uint64{s[0], s[1]}
}

func readMem() [3]uint64 {
	s := make([]metrics.Sample, len(memSamples))
	copy(s, memSamples)
	metrics.Read(s)
	return [3]uint64{s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()}
}

// watchBase is where a watch measures from: the stacks as they are, and
// the heap as it is or, when higher, as high as the collector lets it grow
// before it runs. The heap's objects include garbage not yet collected:
// holding a million quads (1.3 GB) the collector lets garbage grow by as
// much again, so a query or an export streaming through the graph would
// pass any limit without holding anything. The process reaches that goal
// with or without queries; what the limit bounds is growth past it.
func watchBase() [2]uint64 {
	s := readMem()
	return [2]uint64{max(s[0], s[2]), s[1]}
}

// heapBytes is the heap's objects.
func heapBytes() uint64 { return memBytes()[0] }

// watch registers a running query and returns the function that
// unregisters it.
func (m *memWatch) watch(q *quotaStore) func() {
	m.mu.Lock()
	if len(m.running) == 0 {
		m.base = watchBase()
		m.last = m.base[1]
		m.stop = make(chan struct{})
		go m.sample(m.stop, m.base)
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

func (m *memWatch) sample(stop chan struct{}, base [2]uint64) {
	t := time.NewTicker(m.every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		now := memBytes()
		heap, allDeep := now[0] > base[0]+m.limit, now[1] > base[1]+3*stackLimit
		m.mu.Lock()
		m.last = now[1]
		for q, ref := range m.running {
			*ref = min(*ref, now[1])
			switch {
			case allDeep || now[1] > *ref+stackLimit:
				q.tooDeep()
			case heap:
				q.overMemory()
			}
		}
		m.mu.Unlock()
	}
}
