package graph

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
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
	SELECT s, p, o, l, now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)
	ON CONFLICT DO NOTHING
	RETURNING subject_hash, predicate_hash, object_hash, label_hash
), ` + refsFrom + `, upd AS (
	UPDATE nodes SET refs = nodes.refs + refs.c FROM refs WHERE nodes.hash = refs.h RETURNING 1
)
SELECT count(*) FROM changed`

const deleteQuads = `WITH changed AS (
	DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS t(s, p, o, l)
	WHERE q.subject_hash = t.s AND q.predicate_hash = t.p AND q.object_hash = t.o
	  AND (q.label_hash = t.l OR (q.label_hash IS NULL AND t.l IS NULL))
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
			_, err = tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1::bytea[]) AND refs <= 0`, na.hashes.String())
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

// quadArrays holds a batch of quads as four bytea arrays.
type quadArrays struct{ s, p, o, l pgArray }

func newQuadArrays(n int) *quadArrays {
	qa := &quadArrays{}
	for _, a := range []*pgArray{&qa.s, &qa.p, &qa.o, &qa.l} {
		a.buf.Grow(n * 38)
	}
	return qa
}

// add appends one quad's subject, predicate, object and label hashes (nil
// for no label).
func (qa *quadArrays) add(h [4][]byte) {
	qa.s.elem(h[0])
	qa.p.elem(h[1])
	qa.o.elem(h[2])
	qa.l.elem(h[3])
}

func (qa *quadArrays) args() []any {
	return []any{qa.s.String(), qa.p.String(), qa.o.String(), qa.l.String()}
}

// nodeArrays holds a batch of distinct nodes as one array per column,
// sorted by hash so concurrent writers lock rows in the same order.
type nodeArrays struct {
	hashes pgArray
	cols   []pgArray
}

func newNodeArrays(nodes map[csql.NodeHash]quad.Value) (*nodeArrays, error) {
	hs := make([]csql.NodeHash, 0, len(nodes))
	for h := range nodes {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return bytes.Compare(hs[i].ValueHash[:], hs[j].ValueHash[:]) < 0 })
	na := &nodeArrays{cols: make([]pgArray, len(nodeColumns))}
	set := make([]any, len(nodeColumns))
	for _, h := range hs {
		// Cayley's own encoding of a value into columns, so its reader
		// sees exactly what its writer would have written.
		typ, vals, err := csql.NodeValues(h, nodes[h])
		if err != nil {
			return nil, err
		}
		clear(set)
		for i, col := range typ.Columns() {
			set[nodeColumnIndex[col]] = vals[i+1]
		}
		na.hashes.elem(vals[0])
		for i := range na.cols {
			na.cols[i].elem(set[i])
		}
	}
	return na, nil
}

func (na *nodeArrays) args() []any {
	out := []any{na.hashes.String()}
	for i := range na.cols {
		out = append(out, na.cols[i].String())
	}
	return out
}

// pgArray builds a PostgreSQL array literal ({"a",NULL,...}) element by
// element; one text parameter carries a whole column.
type pgArray struct {
	buf bytes.Buffer
	n   int
}

func (a *pgArray) elem(v any) {
	if a.n > 0 {
		a.buf.WriteByte(',')
	}
	a.n++
	switch v := v.(type) {
	case nil:
		a.buf.WriteString("NULL")
	case []byte:
		if v == nil {
			a.buf.WriteString("NULL")
			return
		}
		a.buf.WriteString(`"\\x`)
		var h [64]byte
		for len(v) > 0 {
			k := min(len(v), 32)
			hex.Encode(h[:], v[:k])
			a.buf.Write(h[:2*k])
			v = v[k:]
		}
		a.buf.WriteByte('"')
	case string:
		a.quoted(v)
	case bool:
		if v {
			a.buf.WriteString("t")
		} else {
			a.buf.WriteString("f")
		}
	case int64:
		a.buf.WriteString(strconv.FormatInt(v, 10))
	case float64:
		switch {
		case math.IsNaN(v):
			a.buf.WriteString("NaN")
		case math.IsInf(v, 1):
			a.buf.WriteString("Infinity")
		case math.IsInf(v, -1):
			a.buf.WriteString("-Infinity")
		default:
			a.buf.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
	case time.Time:
		a.quoted(v.Format("2006-01-02T15:04:05.999999999Z07:00"))
	default:
		panic(fmt.Sprintf("pgArray: unexpected %T", v))
	}
}

func (a *pgArray) quoted(s string) {
	a.buf.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			a.buf.WriteByte('\\')
		}
		a.buf.WriteByte(s[i])
	}
	a.buf.WriteByte('"')
}

func (a *pgArray) String() string { return "{" + a.buf.String() + "}" }
