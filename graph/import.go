package graph

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// ImportBatch is how many quads go into one atomic write when importing.
const ImportBatch = 10000

// Progress is told how many quads have been read and added so far.
type Progress func(read, added int64)

// ImportFile imports an N-Quads file (.nq, or gzipped .nq.gz) as it is, in
// atomic batches, skipping quads the store already holds.
func (s *Store) ImportFile(ctx context.Context, path string, progress Progress) (read, added int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	read, added, err = s.Import(ctx, r, progress)
	if err != nil {
		err = fmt.Errorf("%s: %w", path, err)
	}
	return read, added, err
}

// Import reads N-Quads from r into the store in atomic batches. Into an
// empty PostgreSQL store it builds the secondary indexes once at the end.
func (s *Store) Import(ctx context.Context, r io.Reader, progress Progress) (read, added int64, err error) {
	if s.sql != nil {
		finish, err := s.sql.beginBulk(ctx)
		if err != nil {
			return 0, 0, err
		}
		defer func() {
			if ferr := finish(); err == nil {
				err = ferr
			}
		}()
	}
	// Parsing (and gunzip) runs on its own goroutine, a batch ahead of the
	// writes, so a load keeps two cores busy (parsing is about a seventh of
	// an import into memory; docs/PERFORMANCE.md).
	batches := make(chan []quad.Quad, 1)
	var perr error
	pctx, stop := context.WithCancel(ctx)
	defer func() {
		stop()
		for range batches { // wait for the reader to let go of r
		}
	}()
	go func() {
		defer close(batches)
		qr := newQuadReader(r)
		buf := make([]quad.Quad, 0, ImportBatch)
		for {
			q, err := qr.ReadQuad()
			if err == io.EOF {
				break
			}
			if err != nil {
				// The batch in hand is dropped: the batches before the bad
				// line are in the store, and loading the mended file again
				// adds the rest (loading is idempotent).
				perr = err
				return
			}
			buf = append(buf, q)
			if len(buf) == ImportBatch {
				select {
				case batches <- buf:
				case <-pctx.Done():
					return
				}
				buf = make([]quad.Quad, 0, ImportBatch)
			}
		}
		if len(buf) > 0 {
			select {
			case batches <- buf:
			case <-pctx.Done():
			}
		}
	}()
	for buf := range batches {
		read += int64(len(buf))
		n, err := s.Add(ctx, buf)
		added += int64(n)
		if progress != nil {
			progress(read, added)
		}
		if err != nil {
			return read, added, err
		}
	}
	// The channel is closed after perr is set, so reading it here is safe.
	if perr != nil {
		return read, added, perr
	}
	return read, added, ctx.Err()
}

// WriteNQuads writes quads as N-Quads, one per line. With expand, short
// IRIs are written in full, as RDF tools expect.
func WriteNQuads(w io.Writer, quads []quad.Quad, expand bool) error {
	qw := nquads.NewWriter(w)
	for _, q := range quads {
		if expand {
			q = ExpandQuad(q)
		}
		if err := qw.WriteQuad(q); err != nil {
			return err
		}
	}
	return qw.Close()
}

// ExpandQuad expands every short IRI in q, including literal datatypes.
func ExpandQuad(q quad.Quad) quad.Quad {
	ex := func(v quad.Value) quad.Value {
		switch v := v.(type) {
		case quad.IRI:
			return Expand(v)
		case quad.TypedStringer:
			ts := v.TypedString()
			ts.Type = Expand(ts.Type)
			return ts
		case quad.TypedString:
			v.Type = Expand(v.Type)
			return v
		}
		return v
	}
	return quad.Quad{Subject: ex(q.Subject), Predicate: ex(q.Predicate), Object: ex(q.Object), Label: ex(q.Label)}
}

// ErrBadInput marks data that could not be read: a malformed N-Quads line.
var ErrBadInput = errors.New("bad input")

// readAllQuads parses a whole N-Quads body of at most MaxWriteQuads quads,
// failing on the first bad line.
func readAllQuads(r io.Reader) ([]quad.Quad, error) {
	qr := newQuadReader(r)
	var out []quad.Quad
	for {
		q, err := qr.ReadQuad()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(out) == MaxWriteQuads {
			return nil, fmt.Errorf("%w: more than %d quads in one write (line %d); split it", ErrTooLarge, MaxWriteQuads, qr.line)
		}
		out = append(out, q)
	}
}

// WriteNQuads adds every quad of an N-Quads body as one atomic write: all
// of them land, or (on a parse or store error) none do.
func (s *Store) WriteNQuads(ctx context.Context, r io.Reader) (int, error) {
	qs, err := readAllQuads(r)
	if err != nil {
		return 0, err
	}
	return s.Add(ctx, qs)
}

// DeleteNQuads removes every quad of an N-Quads body as one atomic write.
func (s *Store) DeleteNQuads(ctx context.Context, r io.Reader) (int, error) {
	qs, err := readAllQuads(r)
	if err != nil {
		return 0, err
	}
	return s.Delete(ctx, qs)
}
