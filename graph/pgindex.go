package graph

import (
	"context"
	"database/sql"
	"fmt"
)

// A load into an empty PostgreSQL store writes the quads first and builds
// Cayley's secondary indexes and foreign keys once at the end: sorting
// 471,705 rows into an index takes about a second, inserting them one
// batch at a time into four random-keyed indexes about fifteen. The
// unique indexes stay, so repeated quads are still refused as they land.

// secondaryIndexes are Cayley's quad indexes and foreign keys (graph/sql
// quadIndexes), each with the statement that makes it.
func secondaryIndexes(fillFactor int) []struct{ name, create string } {
	ff := fmt.Sprintf(" WITH (FILLFACTOR = %d)", fillFactor)
	return []struct{ name, create string }{
		{"subject_hash_fk", `ALTER TABLE quads ADD CONSTRAINT subject_hash_fk FOREIGN KEY (subject_hash) REFERENCES nodes (hash)`},
		{"predicate_hash_fk", `ALTER TABLE quads ADD CONSTRAINT predicate_hash_fk FOREIGN KEY (predicate_hash) REFERENCES nodes (hash)`},
		{"object_hash_fk", `ALTER TABLE quads ADD CONSTRAINT object_hash_fk FOREIGN KEY (object_hash) REFERENCES nodes (hash)`},
		{"label_hash_fk", `ALTER TABLE quads ADD CONSTRAINT label_hash_fk FOREIGN KEY (label_hash) REFERENCES nodes (hash)`},
		{"spo_index", `CREATE INDEX spo_index ON quads (subject_hash, predicate_hash, object_hash)` + ff},
		{"osp_index", `CREATE INDEX osp_index ON quads (object_hash, subject_hash, predicate_hash)` + ff},
		{"pos_index", `CREATE INDEX pos_index ON quads (predicate_hash, object_hash, subject_hash)` + ff},
		{"ops_index", `CREATE INDEX ops_index ON quads (object_hash, predicate_hash, subject_hash)` + ff},
	}
}

// bulkLock serialises bulk loads (and schema creation uses its neighbour).
const bulkLock = 0x6e687368

// beginBulk prepares a PostgreSQL store for a large import: when it is
// empty, the secondary indexes go until finish puts them back. finish must
// be called; it also refreshes the planner's statistics.
func (s *sqlStore) beginBulk(ctx context.Context) (finish func() error, err error) {
	if s.backend != BackendPostgres {
		return func() error { return nil }, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.explain(err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, bulkLock); err != nil {
		conn.Close()
		return nil, s.explain(err)
	}
	s.bulk.Add(1)
	release := func() {
		s.bulk.Add(-1)
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, bulkLock)
		conn.Close()
	}
	var empty bool
	if err := conn.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM quads)`).Scan(&empty); err != nil {
		release()
		return nil, s.explain(err)
	}
	if empty {
		if err := dropSecondary(ctx, conn, s.fillFactor); err != nil {
			release()
			return nil, s.explain(err)
		}
	}
	return func() error {
		defer release()
		ctx := context.Background()
		if !empty {
			return nil
		}
		if err := s.ensureIndexes(ctx, conn); err != nil {
			return s.explain(err)
		}
		// VACUUM too: it marks the new pages all-visible, so the index-only
		// scans Cayley's queries become need not visit the table.
		if _, err := conn.ExecContext(ctx, `VACUUM (ANALYZE) quads, nodes`); err != nil {
			return s.explain(err)
		}
		s.changed.Store(0)
		return nil
	}, nil
}

// analyzeAfter is the fewest rows written before statistics are refreshed.
const analyzeAfter = 1000

// refreshStats refreshes PostgreSQL's planner statistics once the rows this
// process has written reach a tenth of the table (and at least
// analyzeAfter). Autovacuum would too, but only on its next round, up to a
// minute later; until then a store filled from empty is planned as if it
// were empty, and multi-hop queries take nested loops that cost ten times
// more (docs/PERFORMANCE.md). A failure only leaves that to autovacuum.
func (s *sqlStore) refreshStats(ctx context.Context, n int) {
	if s.backend != BackendPostgres || s.bulk.Load() > 0 {
		return
	}
	c := s.changed.Add(int64(n))
	if c < analyzeAfter {
		return
	}
	var rows float64
	if err := s.db.QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'quads'::regclass`).Scan(&rows); err != nil {
		return
	}
	if float64(c)*10 < rows || !s.changed.CompareAndSwap(c, 0) {
		return
	}
	s.db.ExecContext(ctx, `ANALYZE quads, nodes`)
}

func dropSecondary(ctx context.Context, conn *sql.Conn, fillFactor int) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, ix := range secondaryIndexes(fillFactor) {
		stmt := `DROP INDEX IF EXISTS ` + ix.name
		if ix.name[len(ix.name)-3:] == "_fk" {
			stmt = `ALTER TABLE quads DROP CONSTRAINT IF EXISTS ` + ix.name
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ensureIndexes creates whichever of Cayley's secondary indexes and
// foreign keys are missing, as after a bulk load that was killed.
func (s *sqlStore) ensureIndexes(ctx context.Context, conn *sql.Conn) error {
	if s.backend != BackendPostgres {
		return nil
	}
	for _, ix := range secondaryIndexes(s.fillFactor) {
		var exists bool
		err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1)
			OR EXISTS (SELECT 1 FROM pg_constraint WHERE conname = $1 AND conrelid = 'quads'::regclass)`, ix.name).Scan(&exists)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		if _, err := conn.ExecContext(ctx, ix.create); err != nil {
			return fmt.Errorf("creating %s: %w", ix.name, err)
		}
	}
	return nil
}
