package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // registers the cockroach quad store
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // registers the postgres quad store
	"github.com/lib/pq"
)

// cayleyOptions are the URL query parameters nhsgraph takes off a
// postgres:// URL and hands to Cayley's SQL backend as options; the
// driver would send any other unknown parameter to the server, which
// refuses it.
var cayleyOptions = map[string]string{
	"maxopenconnections": "int",  // pool size of each of the two pools (reads, writes)
	"maxidleconnections": "int",  // idle connections kept
	"connmaxlifetime":    "dur",  // recycle connections after this long (e.g. 30m)
	"local_optimize":     "bool", // let Cayley count rows per node to order joins
	"db_fill_factor":     "int",  // index fill factor at schema creation
}

// GenerationChannel is the PostgreSQL NOTIFY channel a write announces the
// new graph generation on.
const GenerationChannel = "nhsgraph_generation"

// GenerationPoll is how often a SQL store re-reads the generation from the
// database even when no notification came: the fallback when LISTEN is
// unavailable (CockroachDB) or its connection dropped.
var GenerationPoll = 2 * time.Second

// sqlStore is the part of a Store that talks to a SQL database directly:
// the bulk write path and the shared generation counter.
type sqlStore struct {
	db       *sql.DB
	backend  string
	target   string // host:port/db, for messages (never the password)
	listener *pq.Listener
	stop     chan struct{}
	done     sync.WaitGroup

	fillFactor int // Cayley's db_fill_factor, for indexes rebuilt after a bulk load

	bulk    atomic.Int32 // bulk loads under way in this process: they refresh statistics when they finish
	changed atomic.Int64 // rows written since this process last refreshed statistics
}

// sqlTarget parses a postgres:// URL into the DSN the driver gets, the
// Cayley options taken off it, and host:port/db for messages.
func sqlTarget(backend, raw string) (dsn string, opts graph.Options, target string, err error) {
	if raw == "" {
		return "", nil, "", fmt.Errorf("%w: --db %s needs --dbpath postgres://user@host:port/database?sslmode=disable", ErrBadConfig, backend)
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", nil, "", fmt.Errorf("%w: %s: --dbpath is not a URL: %v", ErrBadConfig, backend, err)
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return "", nil, "", fmt.Errorf("%w: %s: --dbpath must be a postgres:// URL, not %q", ErrBadConfig, backend, u.Scheme+"://")
	}
	if u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return "", nil, "", fmt.Errorf("%w: %s: --dbpath must name a host and a database: postgres://user@host:port/database", ErrBadConfig, backend)
	}
	opts = graph.Options{}
	q := u.Query()
	for name, kind := range cayleyOptions {
		if !q.Has(name) {
			continue
		}
		v := q.Get(name)
		q.Del(name)
		switch kind {
		case "int":
			n, err := strconv.Atoi(v)
			if err != nil {
				return "", nil, "", fmt.Errorf("%w: %s: %s=%q is not a number", ErrBadConfig, backend, name, v)
			}
			opts[name] = n
		case "bool":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return "", nil, "", fmt.Errorf("%w: %s: %s=%q is not true or false", ErrBadConfig, backend, name, v)
			}
			opts[name] = b
		case "dur":
			if _, err := time.ParseDuration(v); err != nil {
				return "", nil, "", fmt.Errorf("%w: %s: %s=%q is not a duration", ErrBadConfig, backend, name, v)
			}
			opts[name] = v
		}
	}
	if backend == BackendPostgres && !q.Has("connect_timeout") {
		q.Set("connect_timeout", "10")
	}
	u.RawQuery = q.Encode()
	target = u.Host + u.Path
	return u.String(), opts, target, nil
}

// openSQL opens a PostgreSQL or CockroachDB store, creating Cayley's
// schema and nhsgraph's generation table when the database has neither.
func openSQL(ctx context.Context, backend, raw string) (*Store, error) {
	dsn, opts, target, err := sqlTarget(backend, raw)
	if err != nil {
		return nil, err
	}
	// Our own pool, on lib/pq (CockroachDB speaks the same protocol): the
	// bulk write path, the generation and the schema check. Cayley's
	// backend opens a second pool for reads.
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadConfig, backend, oneLine(err))
	}
	if n, ok := opts["maxopenconnections"].(int); ok {
		db.SetMaxOpenConns(n)
	}
	s := &sqlStore{db: db, backend: backend, target: target, stop: make(chan struct{}), fillFactor: 50}
	if n, ok := opts["db_fill_factor"].(int); ok {
		s.fillFactor = n
	}
	fail := func(err error) (*Store, error) {
		db.Close()
		return nil, s.explain(err)
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		return fail(err)
	}
	if err := s.initSchema(pctx, dsn, opts); err != nil {
		return fail(err)
	}
	qs, err := graph.NewQuadStore(backend, dsn, opts)
	if err != nil {
		return fail(err)
	}
	if cqs, ok := qs.(*csql.QuadStore); ok {
		qs = sqlQuadStore{cqs}
	}
	st := &Store{qs: qs, backend: backend, path: target, sql: s}
	if err := st.refreshGeneration(pctx); err != nil {
		qs.Close()
		return fail(err)
	}
	if backend == BackendPostgres {
		s.listen(dsn, st)
	}
	s.done.Add(1)
	go st.pollGeneration()
	return st, nil
}

// metaSchema holds the graph generation every replica keys its cache on.
const metaSchema = `CREATE TABLE IF NOT EXISTS nhsgraph_meta (
	id INT PRIMARY KEY,
	generation BIGINT NOT NULL
);
INSERT INTO nhsgraph_meta (id, generation) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;`

// initSchema creates Cayley's tables once. Replicas starting together
// take turns on an advisory lock (PostgreSQL) so only one creates them.
func (s *sqlStore) initSchema(ctx context.Context, dsn string, opts graph.Options) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	const lockID = 0x6e687367 // "nhsg"
	if s.backend == BackendPostgres {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, lockID)
	}
	var n int
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('nodes', 'quads')`).Scan(&n)
	if err != nil {
		return err
	}
	switch n {
	case 0:
		if err := graph.InitQuadStore(s.backend, dsn, opts); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
			return fmt.Errorf("creating the schema: %w", err)
		}
	case 1:
		return fmt.Errorf("the database holds a table nodes or quads but not both: not a Cayley store")
	}
	// A bulk load killed before it rebuilt the indexes left them missing;
	// unless one is running now, put them back.
	var idle bool
	if s.backend == BackendPostgres {
		if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, bulkLock).Scan(&idle); err != nil {
			return err
		}
	}
	if idle {
		err := s.ensureIndexes(ctx, conn)
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, bulkLock)
		if err != nil {
			return err
		}
	}
	for _, stmt := range strings.SplitAfter(metaSchema, ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("creating nhsgraph_meta: %w", err)
		}
	}
	return nil
}

// explain turns a driver or network error into one line that says what
// is wrong and where, without the password.
func (s *sqlStore) explain(err error) error {
	var pe *pq.Error
	var ne *net.OpError
	var dns *net.DNSError
	switch {
	case errors.As(err, &pe) && pe.Code == "3D000":
		return fmt.Errorf("%s: %s: %s (create it first, e.g. createdb)", s.backend, s.target, pe.Message)
	case errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000"):
		return fmt.Errorf("%s: %s: login refused: %s", s.backend, s.target, pe.Message)
	case errors.As(err, &pe):
		return fmt.Errorf("%s: %s: %s", s.backend, s.target, oneLine(pe))
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("%s: %s: connection refused (is the server running?)", s.backend, s.target)
	case errors.As(err, &dns):
		return fmt.Errorf("%s: %s: unknown host %s", s.backend, s.target, dns.Name)
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%s: %s: no answer from the server in time", s.backend, s.target)
	case errors.As(err, &ne):
		return fmt.Errorf("%s: %s: %v", s.backend, s.target, oneLine(ne.Err))
	}
	return fmt.Errorf("%s: %s: %s", s.backend, s.target, oneLine(err))
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// listen follows the generation other processes announce, so a replica
// drops its cached answers as soon as another one writes.
func (s *sqlStore) listen(dsn string, st *Store) {
	l := pq.NewListener(dsn, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {})
	if err := l.Listen(GenerationChannel); err != nil {
		l.Close()
		return // the poll still follows the generation, only later
	}
	s.listener = l
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		for {
			select {
			case <-s.stop:
				return
			case n, ok := <-l.Notify:
				if !ok {
					return
				}
				if n == nil { // reconnected: notifications may have been missed
					st.refreshGeneration(context.Background())
					continue
				}
				if g, err := strconv.ParseUint(n.Extra, 10, 64); err == nil {
					st.raiseGeneration(g)
				}
			}
		}
	}()
}

// pollGeneration re-reads the generation now and then: the fallback for
// a missed notification.
func (s *Store) pollGeneration() {
	defer s.sql.done.Done()
	t := time.NewTicker(GenerationPoll)
	defer t.Stop()
	for {
		select {
		case <-s.sql.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), GenerationPoll)
			s.refreshGeneration(ctx)
			cancel()
		}
	}
}

// refreshGeneration reads the shared generation from the database.
func (s *Store) refreshGeneration(ctx context.Context) error {
	var g int64
	if err := s.sql.db.QueryRowContext(ctx, `SELECT generation FROM nhsgraph_meta WHERE id = 1`).Scan(&g); err != nil {
		return err
	}
	s.raiseGeneration(uint64(g))
	return nil
}

// raiseGeneration moves the generation forward to g, never back: a late
// poll must not undo a newer notification.
func (s *Store) raiseGeneration(g uint64) {
	for {
		cur := s.gen.Load()
		if g <= cur || s.gen.CompareAndSwap(cur, g) {
			return
		}
	}
}

// Ping checks that the database answers, for readiness probes and to tell
// a failure of the store from a fault of the request: an error wrapping
// ErrUnavailable. Embedded stores are always reachable.
func (s *Store) Ping(ctx context.Context) error {
	if s.sql == nil {
		return nil
	}
	if err := s.sql.db.PingContext(ctx); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, s.sql.explain(err))
	}
	return nil
}

// pingTimeout bounds the check that tells a store failure from a bad request.
const pingTimeout = 2 * time.Second

// Unavailable is err, or, when the store does not answer a ping, an error
// wrapping ErrUnavailable that says so: a request that failed because the
// database is down is the store's fault, not the client's.
func (s *Store) Unavailable(err error) error {
	if err == nil || s.sql == nil || errors.Is(err, ErrUnavailable) {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), pingTimeout)
	defer cancel()
	if perr := s.Ping(ctx); perr != nil {
		return perr
	}
	return err
}

func (s *sqlStore) close() error {
	close(s.stop)
	if s.listener != nil {
		s.listener.Close()
	}
	s.done.Wait()
	return s.db.Close()
}

// sqlCount counts quads exactly; Cayley's Stats estimates on PostgreSQL
// and caches counts that writes from other processes make stale.
func (s *sqlStore) count(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&n)
	return n, err
}
