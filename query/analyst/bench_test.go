package analyst

import (
	"context"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/internal/synth"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// The analyst benchmarks run on a synthetic graph shaped like the seeds
// (internal/synth, also `nhsgraph gen`) of NHSGRAPH_BENCH_QUADS quads,
// 1,000,000 by default, loaded into a memory store once per run:
//
//	go test ./query/analyst -run '^$' -bench 'EntitySearch|Paths4Hop' -benchtime 2000x
//
// Each reports the p50 and p99 latency of one call, in milliseconds.

var bench struct {
	once     sync.Once
	err      error
	e        *Engine
	quads    int64
	build    time.Duration
	heap     int64   // bytes the index holds
	entities []int32 // node ids of named entities
	x        *index
}

func benchGraph(b *testing.B) *Engine {
	b.Helper()
	bench.once.Do(func() {
		n := 1_000_000
		if s := os.Getenv("NHSGRAPH_BENCH_QUADS"); s != "" {
			if n, bench.err = strconv.Atoi(s); bench.err != nil {
				return
			}
		}
		ctx := context.Background()
		store, err := ngraph.Open(ctx, ngraph.Config{Backend: ngraph.BackendMemory})
		if err != nil {
			bench.err = err
			return
		}
		buf := make([]quad.Quad, 0, ngraph.ImportBatch)
		flush := func() error {
			_, err := store.Add(ctx, buf)
			buf = buf[:0]
			return err
		}
		_, err = synth.Generate(synth.Config{Quads: n, Seed: 1}, func(q quad.Quad) error {
			if buf = append(buf, q); len(buf) == cap(buf) {
				return flush()
			}
			return nil
		})
		if err == nil {
			err = flush()
		}
		if err != nil {
			bench.err = err
			return
		}
		bench.quads, _ = store.Count(ctx)
		bench.e = newEngine(store, gizmo.Config{MaxConcurrent: 64})
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		bench.x, bench.err = bench.e.graphIndex(ctx)
		bench.build = time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&after)
		bench.heap = int64(after.HeapAlloc) - int64(before.HeapAlloc)
		if bench.err != nil {
			return
		}
		for i, nd := range bench.x.nodes {
			if nd.entity && nd.name != "" {
				bench.entities = append(bench.entities, int32(i))
			}
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	b.Logf("graph: %d quads, %d nodes, %d edges, %d named entities; index built in %s, holding %d MiB",
		bench.quads, len(bench.x.nodes), len(bench.x.edges), len(bench.entities), bench.build.Round(time.Millisecond), bench.heap>>20)
	return bench.e
}

// timed runs f b.N times and reports the p50 and p99 of one call.
func timed(b *testing.B, f func(i int)) {
	lat := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		f(i)
		lat[i] = time.Since(start)
	}
	b.StopTimer()
	slices.Sort(lat)
	at := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e6 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1])/1e6, "max-ms")
}

// BenchmarkEntitySearch searches as a search box does: whole names,
// prefixes typed so far, words from inside names, lower case without
// punctuation, sometimes with a type.
func BenchmarkEntitySearch(b *testing.B) {
	e := benchGraph(b)
	r := rand.New(rand.NewPCG(2, 2))
	const n = 1000
	reqs := make([]SearchRequest, n)
	for i := range reqs {
		name := bench.x.nodes[bench.entities[r.IntN(len(bench.entities))]].name
		q := name
		switch r.IntN(4) {
		case 0: // a prefix being typed
			q = name[:min(len(name), 1+r.IntN(8))]
		case 1: // a word from inside
			words := strings.Fields(name)
			q = words[r.IntN(len(words))]
		case 2: // as typed in a hurry
			q = strings.ToLower(strings.ReplaceAll(name, "-", " "))
		}
		if fold(q) == "" { // "£" typed so far: the search box waits
			q = name
		}
		reqs[i] = SearchRequest{Query: q}
		if r.IntN(5) == 0 {
			reqs[i].Type = []string{"Organisation", "Programme", "Fund", "Outcome", "Person"}[r.IntN(5)]
		}
	}
	ctx := context.Background()
	var hits int
	timed(b, func(i int) {
		res, err := e.Entities(ctx, reqs[i%n])
		if err != nil {
			b.Fatal(err)
		}
		hits += len(res.Results)
	})
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}

// BenchmarkPaths4Hop asks for the 5 shortest paths of at most 4 hops
// between two entities picked at random, with the cache off.
func BenchmarkPaths4Hop(b *testing.B) {
	e := benchGraph(b)
	r := rand.New(rand.NewPCG(3, 3))
	const n = 1000
	reqs := make([]PathsRequest, n)
	for i := range reqs {
		var from, to int32
		for from == to {
			from = bench.entities[r.IntN(len(bench.entities))]
			to = bench.entities[r.IntN(len(bench.entities))]
		}
		reqs[i] = PathsRequest{From: quad.StringOf(bench.x.nodes[from].val), To: quad.StringOf(bench.x.nodes[to].val), MaxHops: 4, K: 5}
	}
	ctx := context.Background()
	found, hops := 0, 0
	timed(b, func(i int) {
		res, err := e.Paths(ctx, reqs[i%n])
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Paths) > 0 {
			found++
			hops += res.Paths[0].Hops
		}
	})
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
	if found > 0 {
		b.ReportMetric(float64(hops)/float64(found), "shortest-hops")
	}
}

// BenchmarkIndexBuild is the cost of the first analyst answer after a
// write: one scan of the store.
func BenchmarkIndexBuild(b *testing.B) {
	e := benchGraph(b)
	for b.Loop() {
		if _, err := buildIndex(context.Background(), e.store, 0); err != nil {
			b.Fatal(err)
		}
	}
}
