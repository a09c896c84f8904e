package query

import (
	"context"
	"io"
	"testing"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/internal/synth"
)

// BenchmarkExport exports a synthetic graph of 100,000 quads shaped like
// the seeds (internal/synth) in each format, reporting quads/s and the
// garbage made per quad. Run it with
//
//	go test ./query -run '^$' -bench Export -benchtime 5x
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	store, err := ngraph.Open(ctx, ngraph.Config{Backend: ngraph.BackendMemory})
	if err != nil {
		b.Fatal(err)
	}
	var buf []quad.Quad
	if _, err := synth.Generate(synth.Config{Quads: 100_000, Seed: 1}, func(q quad.Quad) error {
		buf = append(buf, q)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	if _, err := store.Add(ctx, buf); err != nil {
		b.Fatal(err)
	}
	n, _ := store.Count(ctx)
	e := New(store, Config{})
	for _, format := range []string{"nquads", "jsonld"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := e.Export(ctx, io.Discard, ExportRequest{Format: format}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
