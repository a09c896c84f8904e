package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Errors for writes the store refuses as a whole.
var (
	// ErrConflict: the write would merge two different things under one
	// name (a document's IRI with other content).
	ErrConflict = errors.New("conflict")
	// ErrTooLarge: the write holds more than one write may.
	ErrTooLarge = errors.New("too large")
	// ErrUnavailable: the store does not answer (a database that is down
	// or unreachable); the request may succeed later.
	ErrUnavailable = errors.New("the store is unavailable")
)

// MaxWriteQuads is the most quads one request may write or delete (a
// document's extraction, an N-Quads body): in the memory store a quad
// costs about 1 KB, so this bounds what one request can make the process
// hold to a few hundred MB. Loads from files are not capped.
const MaxWriteQuads = 250_000

// DocumentSums lists the sha256 checksums the store holds for a document
// node: none for a document it does not hold, one normally, more only in a
// store written before identities were checked.
func (s *Store) DocumentSums(ctx context.Context, doc quad.IRI) ([]string, error) {
	ref := s.qs.ValueOf(doc)
	if ref == nil {
		return nil, nil
	}
	it := s.qs.QuadIterator(quad.Subject, ref)
	defer it.Close()
	var sums []string
	for it.Next(ctx) {
		q := s.qs.Quad(it.Result())
		if q.Predicate == SHA256 {
			if v, ok := q.Object.(quad.String); ok && !slices.Contains(sums, string(v)) {
				sums = append(sums, string(v))
			}
		}
	}
	return sums, it.Err()
}

// AddDocument adds the quads extracted from one document, whose node is
// doc and whose bytes have the checksum sum, as one atomic write. A
// document's identity is its name and its content: when the store holds
// doc with other content the write is refused (ErrConflict) rather than
// merged into it, which would give its sentences two texts and point its
// evidence offsets into the wrong one; when it holds the same content
// nothing is written. More than MaxWriteQuads quads is ErrTooLarge.
func (s *Store) AddDocument(ctx context.Context, doc quad.IRI, sum string, quads []quad.Quad) (int, error) {
	if len(quads) > MaxWriteQuads {
		return 0, fmt.Errorf("%w: the document makes %d quads, more than the %d one write may add; split it", ErrTooLarge, len(quads), MaxWriteQuads)
	}
	ds, err := deltas(quads, graph.Add)
	if err != nil {
		return 0, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	sums, err := s.DocumentSums(ctx, doc)
	if err != nil {
		return 0, s.Unavailable(err)
	}
	if err := SameDocument(doc, sum, sums); err != nil || len(sums) > 0 {
		return 0, err
	}
	n, err := s.applyLocked(ctx, ds, graph.Add)
	return n, s.Unavailable(err)
}

// SameDocument checks a document about to be loaded as doc with checksum
// sum against the checksums the store holds for doc: nil when it holds
// none or this one, ErrConflict when it holds another.
func SameDocument(doc quad.IRI, sum string, held []string) error {
	if len(held) == 0 || slices.Contains(held, sum) {
		return nil
	}
	return fmt.Errorf("%w: the store holds another document named %s (sha256 %.12s…, this one %.12s…); a document's name and content go together: load this one under another name",
		ErrConflict, doc, held[0], sum)
}
