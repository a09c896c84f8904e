package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query/analyst"
	"github.com/nhsgraph/nhsgraph/web"
)

// writes is the service behind the write endpoints (web.Writer): N-Quads
// as they are, documents through the loader, whose text it then keeps for
// the explorer (the store holds a document's checksum, not its bytes).
// Every call is one atomic write.
type writes struct {
	store *graph.Store
	x     *loader.Extractor
	docs  *analyst.Documents // nil: keep no text
}

// WriteNQuads adds an N-Quads body.
func (w *writes) WriteNQuads(ctx context.Context, r io.Reader) (int, error) {
	return w.store.WriteNQuads(ctx, r)
}

// DeleteNQuads removes an N-Quads body.
func (w *writes) DeleteNQuads(ctx context.Context, r io.Reader) (int, error) {
	return w.store.DeleteNQuads(ctx, r)
}

// AddDocument extracts a document and adds all its quads in one write,
// unless the store holds a document of that name with other content
// (graph.ErrConflict) or already holds this one. A file that is not text
// is bad input.
func (w *writes) AddDocument(ctx context.Context, name string, data []byte) (web.DocumentReport, error) {
	r, err := w.x.Extract(name, data)
	if errors.Is(err, loader.ErrNotText) {
		return web.DocumentReport{}, fmt.Errorf("%w: %v", graph.ErrBadInput, err)
	}
	if err != nil {
		return web.DocumentReport{}, err
	}
	n, err := w.store.AddDocument(ctx, r.DocIRI, r.SHA256, r.Quads)
	if err != nil {
		return web.DocumentReport{}, err
	}
	if w.docs != nil {
		w.docs.Add(name, data)
	}
	return web.DocumentReport{Document: r.DocIRI.String(), Title: r.Title, Sentences: len(r.Sentences), Quads: len(r.Quads), Added: n}, nil
}
