package loader

import "testing"

// BenchmarkExtract runs the whole pipeline over the seed documents and
// reports the throughput in MB of prose per second.
func BenchmarkExtract(b *testing.B) {
	files := seedFiles(&testing.T{})
	n := 0
	for _, f := range files {
		n += len(f.Data)
	}
	x := New()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if c := x.ExtractAll(files); len(c.Errors) > 0 {
			b.Fatal(c.Errors)
		}
	}
}
