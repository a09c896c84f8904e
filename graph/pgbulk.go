package graph

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// The SQL write path writes Cayley's own schema (nodes keyed by value
// hash with a reference count, quads as four hashes) but a whole batch in
// a few statements: each column travels as one array parameter and
// unnest turns the arrays back into rows. Cayley's own writer sends a
// statement per node and per quad. The generation is bumped in the same
// transaction, and announced (PostgreSQL) when it commits.

// nodeColumns are the value columns of Cayley's nodes table, in the order
// the insert below takes them, with the array type each travels as.
var nodeColumns = []struct{ name, typ string }{
	{"value", "bytea"},
	{"value_string", "text"},
	{"datatype", "text"},
	{"language", "text"},
	{"iri", "bool"},
	{"bnode", "bool"},
	{"value_int", "int8"},
	{"value_bool", "bool"},
	{"value_float", "float8"},
	{"value_time", "timestamptz"},
}

var nodeColumnIndex = func() map[string]int {
	m := make(map[string]int, len(nodeColumns))
	for i, c := range nodeColumns {
		m[c.name] = i
	}
	return m
}()

var insertNodes = func() string {
	var cols, args, types string
	for i, c := range nodeColumns {
		cols += ", " + c.name
		args += ", " + c.name
		types += fmt.Sprintf(", $%d::%s[]", i+2, c.typ)
	}
	return `INSERT INTO nodes (hash, refs` + cols + `)
	SELECT hash, 0` + args + ` FROM unnest($1::bytea[]` + types + `) AS t(hash` + cols + `)
	ON CONFLICT (hash) DO NOTHING`
}()

// refsFrom counts, per node, the quad directions the rows of a CTE named
// by the caller point at.
const refsFrom = `refs AS (
	SELECT h, count(*) AS c FROM (
		SELECT subject_hash AS h FROM changed
		UNION ALL SELECT predicate_hash FROM changed
		UNION ALL SELECT object_hash FROM changed
		UNION ALL SELECT label_hash FROM changed WHERE label_hash IS NOT NULL
	) d GROUP BY h
)`

const insertQuads = `WITH changed AS (
	INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
	SELECT s, p, o, NULLIF(l, ''), now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)
	ON CONFLICT DO NOTHING
	RETURNING subject_hash, predicate_hash, object_hash, label_hash
), ` + refsFrom + `, upd AS (
	UPDATE nodes SET refs = nodes.refs + refs.c FROM refs WHERE nodes.hash = refs.h RETURNING 1
)
SELECT count(*) FROM changed`

const deleteQuads = `WITH changed AS (
	DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)
	WHERE q.subject_hash = t.s AND q.predicate_hash = t.p AND q.object_hash = t.o
	  AND (q.label_hash = t.l OR (q.label_hash IS NULL AND t.l = ''))
	RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
), ` + refsFrom + `, upd AS (
	UPDATE nodes SET refs = nodes.refs - refs.c FROM refs WHERE nodes.hash = refs.h RETURNING 1
)
SELECT count(*) FROM changed`

// sqlApply adds or deletes quads (already checked and without repeats) in
// one transaction and reports how many changed.
func (s *Store) sqlApply(ctx context.Context, quads []quad.Quad, del bool) (int, error) {
	nodes := make(map[csql.NodeHash]quad.Value, len(quads))
	hashed := make([][4][]byte, len(quads))
	for i, q := range quads {
		for j, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				h := csql.HashOf(v)
				nodes[h] = v
				hashed[i][j] = h.ValueHash[:]
			}
		}
	}
	// Rows in index order touch each index page once per batch rather than
	// once per row: most of a bulk load's time is index maintenance.
	sort.Slice(hashed, func(i, j int) bool {
		a, b := &hashed[i], &hashed[j]
		for k := range a {
			if c := bytes.Compare(a[k], b[k]); c != 0 {
				return c < 0
			}
		}
		return false
	})
	qa := newQuadArrays(len(quads))
	for _, h := range hashed {
		qa.add(h)
	}
	na, err := newNodeArrays(nodes)
	if err != nil {
		return 0, err
	}
	tx, err := s.sql.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.sql.explain(err)
	}
	defer tx.Rollback()
	var n int
	if del {
		err = tx.QueryRowContext(ctx, deleteQuads, qa.args()...).Scan(&n)
		if err == nil && n > 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`, na.hashes)
		}
	} else {
		if _, err = tx.ExecContext(ctx, insertNodes, na.args()...); err == nil {
			err = tx.QueryRowContext(ctx, insertQuads, qa.args()...).Scan(&n)
		}
	}
	if err != nil {
		return 0, s.sql.explain(err)
	}
	if n == 0 {
		return 0, nil // nothing changed: the generation stays
	}
	gen, err := bumpGeneration(ctx, tx, s.backend)
	if err != nil {
		return 0, s.sql.explain(err)
	}
	if err := tx.Commit(); err != nil {
		return 0, s.sql.explain(err)
	}
	s.raiseGeneration(gen)
	s.sql.refreshStats(ctx, n)
	return n, nil
}

// bumpGeneration moves the shared generation on inside tx; on PostgreSQL
// the notification goes out when tx commits, and not at all if it fails.
func bumpGeneration(ctx context.Context, tx *sql.Tx, backend string) (uint64, error) {
	var g int64
	if err := tx.QueryRowContext(ctx, `UPDATE nhsgraph_meta SET generation = generation + 1 WHERE id = 1 RETURNING generation`).Scan(&g); err != nil {
		return 0, err
	}
	if backend == BackendPostgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, $2)`, GenerationChannel, strconv.FormatInt(g, 10)); err != nil {
			return 0, err
		}
	}
	return uint64(g), nil
}

// quadArrays holds a batch of quads as four bytea arrays; a quad without
// a label has an empty label hash, which the statements read as NULL
// (lib/pq's ByteaArray has no NULL, and a hash is never empty).
type quadArrays struct{ s, p, o, l pq.ByteaArray }

func newQuadArrays(n int) *quadArrays {
	return &quadArrays{s: make(pq.ByteaArray, 0, n), p: make(pq.ByteaArray, 0, n), o: make(pq.ByteaArray, 0, n), l: make(pq.ByteaArray, 0, n)}
}

// add appends one quad's subject, predicate, object and label hashes (nil
// for no label).
func (qa *quadArrays) add(h [4][]byte) {
	qa.s = append(qa.s, h[0])
	qa.p = append(qa.p, h[1])
	qa.o = append(qa.o, h[2])
	qa.l = append(qa.l, h[3])
}

func (qa *quadArrays) args() []any {
	return []any{qa.s, qa.p, qa.o, qa.l}
}

// nodeArrays holds a batch of distinct nodes as one array per column,
// sorted by hash so concurrent writers lock rows in the same order.
type nodeArrays struct {
	hashes pq.ByteaArray
	cols   [][]any // each a column's values: nil for NULL
}

func newNodeArrays(nodes map[csql.NodeHash]quad.Value) (*nodeArrays, error) {
	hs := make([]csql.NodeHash, 0, len(nodes))
	for h := range nodes {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return bytes.Compare(hs[i].ValueHash[:], hs[j].ValueHash[:]) < 0 })
	na := &nodeArrays{hashes: make(pq.ByteaArray, 0, len(hs)), cols: make([][]any, len(nodeColumns))}
	for i := range na.cols {
		na.cols[i] = make([]any, len(hs))
	}
	for n, h := range hs {
		// Cayley's own encoding of a value into columns, so its reader
		// sees exactly what its writer would have written.
		typ, vals, err := csql.NodeValues(h, nodes[h])
		if err != nil {
			return nil, err
		}
		for i, col := range typ.Columns() {
			v := vals[i+1]
			if b, ok := v.([]byte); ok {
				v = bytea(b)
			}
			na.cols[nodeColumnIndex[col]][n] = v
		}
		na.hashes = append(na.hashes, vals[0].([]byte))
	}
	return na, nil
}

func (na *nodeArrays) args() []any {
	out := []any{na.hashes}
	for _, c := range na.cols {
		out = append(out, pq.GenericArray{A: c})
	}
	return out
}

// bytea is a bytea element of a pq.GenericArray, NULL when nil (the
// generic array would send other bytes as text).
type bytea []byte

// Value is bytea's hex input format.
func (b bytea) Value() (driver.Value, error) {
	if b == nil {
		return nil, nil
	}
	return `\x` + hex.EncodeToString(b), nil
}
