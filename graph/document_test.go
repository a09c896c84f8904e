package graph

import (
	"context"
	"errors"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestDocumentIdentity: a document is its name and its content. The same
// document again adds nothing; another content under the same name is
// refused whole, on every backend.
func TestDocumentIdentity(t *testing.T) {
	ctx := context.Background()
	doc := DocIRI("report")
	version := func(sum, text string) []quad.Quad {
		s1 := SentenceIRI("report", 1)
		return []quad.Quad{
			{Subject: doc, Predicate: SHA256, Object: quad.String(sum)},
			{Subject: doc, Predicate: RDFType, Object: TypeDocument},
			{Subject: s1, Predicate: Text, Object: quad.String(text), Label: s1},
		}
	}
	forEach(t, backends(t), func(t *testing.T, s *Store) {
		n, err := s.AddDocument(ctx, doc, "aaaa", version("aaaa", "The first text."))
		if err != nil || n != 3 {
			t.Fatalf("first: %d %v", n, err)
		}
		if n, err := s.AddDocument(ctx, doc, "aaaa", version("aaaa", "The first text.")); err != nil || n != 0 {
			t.Errorf("the same document again: %d %v, want 0 and no error", n, err)
		}
		n, err = s.AddDocument(ctx, doc, "bbbb", version("bbbb", "Other text under the same name."))
		if !errors.Is(err, ErrConflict) || n != 0 {
			t.Errorf("other content under the same name: %d %v, want ErrConflict", n, err)
		}
		if sums, _ := s.DocumentSums(ctx, doc); len(sums) != 1 || sums[0] != "aaaa" {
			t.Errorf("the document's checksums are %v: merged", sums)
		}
		if c, _ := s.Count(ctx); c != 3 {
			t.Errorf("the store holds %d quads, want 3", c)
		}
		big := make([]quad.Quad, MaxWriteQuads+1)
		for i := range big {
			big[i] = quad.Quad{Subject: DocIRI("big"), Predicate: Start, Object: quad.Int(i)}
		}
		if _, err := s.AddDocument(ctx, DocIRI("big"), "cccc", big); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%d quads: %v, want ErrTooLarge", len(big), err)
		}
	})
}
