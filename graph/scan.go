package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

// EachQuad calls f with every quad in the store, stopping at f's first
// error. It is how whole-graph readers (the analyst index) read a store.
//
// On PostgreSQL and CockroachDB it does not use Cayley's iterator, which
// looks up each value with a round trip of its own behind a 1,024-entry
// cache: reading the movie data (471,705 quads, 206,000 values) that way
// took longer than a request may. Instead it reads the nodes table and
// then the quads table, each as one stream, in one read-only transaction
// so both see the same snapshot.
func (s *Store) EachQuad(ctx context.Context, f func(quad.Quad) error) error {
	if s.sql != nil {
		return s.sql.eachQuad(ctx, f)
	}
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		if err := f(s.qs.Quad(it.Result())); err != nil {
			return err
		}
	}
	return it.Err()
}

func (s *sqlStore) eachQuad(ctx context.Context, f func(quad.Quad) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return s.explain(err)
	}
	defer tx.Rollback()
	values, err := readNodes(ctx, tx)
	if err != nil {
		return s.explain(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads`)
	if err != nil {
		return s.explain(err)
	}
	defer rows.Close()
	var h [4][]byte
	for rows.Next() {
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			return s.explain(err)
		}
		var q quad.Quad
		for i, d := range quad.Directions {
			if h[i] == nil {
				continue
			}
			v, ok := values[string(h[i])]
			if !ok {
				return fmt.Errorf("quad refers to node %x, which the nodes table does not hold", h[i])
			}
			q.Set(d, v)
		}
		if err := f(q); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.explain(err)
	}
	return nil
}

// readNodes reads every value of Cayley's nodes table by its hash.
func readNodes(ctx context.Context, tx *sql.Tx) (map[string]quad.Value, error) {
	rows, err := tx.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	values := map[string]quad.Value{}
	for rows.Next() {
		var (
			hash, data     []byte
			str, typ, lang sql.NullString
			iri, bnode, vb sql.NullBool
			vint           sql.NullInt64
			vfloat         sql.NullFloat64
			vtime          sql.NullTime
		)
		if err := rows.Scan(&hash, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vb, &vfloat, &vtime); err != nil {
			return nil, err
		}
		v, err := nodeValue(data, str, typ, lang, iri, bnode, vint, vb, vfloat, vtime)
		if err != nil {
			return nil, fmt.Errorf("node %x: %w", hash, err)
		}
		values[string(hash)] = v
	}
	return values, rows.Err()
}

// nodeValue decodes a row of the nodes table as Cayley's SQL backend does
// (graph/sql QuadStore.NameOf); the write side is csql.NodeValues.
func nodeValue(data []byte, str, typ, lang sql.NullString, iri, bnode sql.NullBool,
	vint sql.NullInt64, vbool sql.NullBool, vfloat sql.NullFloat64, vtime sql.NullTime) (quad.Value, error) {
	unescape := func(s string) quad.String { return quad.String(strings.ReplaceAll(s, `\x00`, "\x00")) }
	switch {
	case str.Valid && iri.Bool:
		return quad.IRI(str.String), nil
	case str.Valid && bnode.Bool:
		return quad.BNode(str.String), nil
	case str.Valid && lang.Valid:
		return quad.LangString{Value: unescape(str.String), Lang: lang.String}, nil
	case str.Valid && typ.Valid:
		return quad.TypedString{Value: unescape(str.String), Type: quad.IRI(typ.String)}, nil
	case str.Valid:
		return unescape(str.String), nil
	case vint.Valid:
		return quad.Int(vint.Int64), nil
	case vbool.Valid:
		return quad.Bool(vbool.Bool), nil
	case vfloat.Valid:
		return quad.Float(vfloat.Float64), nil
	case vtime.Valid:
		return quad.Time(vtime.Time), nil
	}
	return pquads.UnmarshalValue(data)
}
