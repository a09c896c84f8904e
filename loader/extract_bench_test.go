package loader

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkExtract runs the whole pipeline over the synthetic corpus (10 MB
// of the seeds' sentences in documents of the seeds' size) and reports the
// throughput in MB of prose per second. Run it with -cpu 1 for the figure
// per core.
func BenchmarkExtract(b *testing.B) {
	benchExtract(b, synthCorpus(b))
}

// BenchmarkExtractSeeds is the same over the five seed documents only.
func BenchmarkExtractSeeds(b *testing.B) {
	benchExtract(b, seedFiles(&testing.T{}))
}

func benchExtract(b *testing.B, files []File) {
	x := New()
	b.SetBytes(int64(corpusBytes(files)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if c := x.ExtractAll(files); len(c.Errors) > 0 {
			b.Fatal(c.Errors)
		}
	}
}

// BenchmarkExtractMemory measures the memory extraction holds against the
// size of its input: the heap is sampled every millisecond while ExtractAll
// runs over the synthetic corpus. peak-heap/input is the most heap the
// objects took (live and not yet collected garbage, the input itself
// included); peak-live/input the most the collector found live after a
// cycle. The target is under 10.
func BenchmarkExtractMemory(b *testing.B) {
	files := synthCorpus(b)
	in := float64(corpusBytes(files))
	x := New()
	var peakHeap, peakLive uint64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop := make(chan struct{})
		done := make(chan struct{})
		var heap, live atomic.Uint64
		go func() {
			defer close(done)
			sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for {
				metrics.Read(sample)
				heap.Store(max(heap.Load(), sample[0].Value.Uint64()))
				live.Store(max(live.Load(), sample[1].Value.Uint64()))
				select {
				case <-stop:
					return
				case <-tick.C:
				}
			}
		}()
		c := x.ExtractAll(files)
		runtime.GC() // the result is still live: count it
		close(stop)
		<-done
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		live.Store(max(live.Load(), sample[0].Value.Uint64()))
		runtime.KeepAlive(c)
		peakHeap, peakLive = max(peakHeap, heap.Load()), max(peakLive, live.Load())
	}
	b.ReportMetric(float64(peakHeap)/in, "peak-heap/input")
	b.ReportMetric(float64(peakLive)/in, "peak-live/input")
	b.ReportMetric(in/1e6, "input-MB")
}
