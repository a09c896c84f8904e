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
	qr := nquads.NewReader(r, false)
	defer qr.Close()
	buf := make([]quad.Quad, 0, ImportBatch)
	flush := func() error {
		n, err := s.Add(ctx, buf)
		added += int64(n)
		buf = buf[:0]
		if progress != nil {
			progress(read, added)
		}
		return err
	}
	for {
		q, err := qr.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			return read, added, fmt.Errorf("after %d quads: %w", read, err)
		}
		read++
		buf = append(buf, q)
		if len(buf) == ImportBatch {
			if err := flush(); err != nil {
				return read, added, err
			}
		}
	}
	if len(buf) > 0 {
		if err := flush(); err != nil {
			return read, added, err
		}
	}
	return read, added, nil
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

// readAllQuads parses a whole N-Quads body, failing on the first bad line.
func readAllQuads(r io.Reader) ([]quad.Quad, error) {
	qr := nquads.NewReader(r, false)
	defer qr.Close()
	var out []quad.Quad
	for {
		q, err := qr.ReadQuad()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: quad %d: %v", ErrBadInput, len(out)+1, err)
		}
		if !q.IsValid() {
			return nil, fmt.Errorf("%w: quad %d is incomplete", ErrBadInput, len(out)+1)
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
