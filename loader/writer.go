package loader

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/nhsgraph/nhsgraph/graph"
)

// Report says what loading one document added.
type Report struct {
	Document  string `json:"document"`
	Title     string `json:"title"`
	Sentences int    `json:"sentences"`
	Quads     int    `json:"quads"`
	Added     int    `json:"added"`
}

// StoreWriter is how the service changes its store: N-Quads as they are,
// and documents through the extractor. Every call is one atomic write.
type StoreWriter struct {
	Store     *graph.Store
	Extractor *Extractor
}

// WriteNQuads adds an N-Quads body.
func (w *StoreWriter) WriteNQuads(ctx context.Context, r io.Reader) (int, error) {
	return w.Store.WriteNQuads(ctx, r)
}

// DeleteNQuads removes an N-Quads body.
func (w *StoreWriter) DeleteNQuads(ctx context.Context, r io.Reader) (int, error) {
	return w.Store.DeleteNQuads(ctx, r)
}

// AddDocument extracts a document and adds all its quads in one write,
// unless the store holds a document of that name with other content
// (graph.ErrConflict) or already holds this one. A file that is not text
// is bad input.
func (w *StoreWriter) AddDocument(ctx context.Context, name string, data []byte) (Report, error) {
	r, err := w.Extractor.Extract(name, data)
	if errors.Is(err, ErrNotText) {
		return Report{}, fmt.Errorf("%w: %v", graph.ErrBadInput, err)
	}
	if err != nil {
		return Report{}, err
	}
	n, err := w.Store.AddDocument(ctx, r.DocIRI, r.SHA256, r.Quads)
	if err != nil {
		return Report{}, err
	}
	return Report{Document: r.DocIRI.String(), Title: r.Title, Sentences: len(r.Sentences), Quads: len(r.Quads), Added: n}, nil
}
