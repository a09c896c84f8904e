package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	"github.com/hidal-go/hidalgo/kv/bbolt"
)

// Backends nhsgraph can open.
const (
	BackendMemory    = "memory"
	BackendBolt      = "bolt"
	BackendPostgres  = "postgres"
	BackendCockroach = "cockroach"
)

// DefaultBoltFile is the file used when --dbpath names a directory.
const DefaultBoltFile = "nhsgraph.bolt"

// Errors callers can tell apart.
var (
	ErrBadConfig = errors.New("bad store configuration")
	ErrNotFound  = errors.New("not found")
	ErrReadOnly  = errors.New("store is read-only")
)

// Config says which backend to open and where.
type Config struct {
	Backend string // memory, bolt, postgres or cockroach
	Path    string // bolt: file or directory; postgres, cockroach: a postgres:// URL
}

// Store is an open Cayley quad store plus the generation counter the query
// cache keys on. It is safe for concurrent use; writes are serialised.
type Store struct {
	qs      graph.QuadStore
	backend string
	path    string
	gen     atomic.Uint64
	wmu     sync.Mutex
	sql     *sqlStore // postgres and cockroach: writes and the shared generation
}

// Open opens (creating when needed) the store cfg describes.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	switch cfg.Backend {
	case "", BackendMemory:
		return &Store{qs: &memQuadStore{QuadStore: memstore.New()}, backend: BackendMemory}, nil
	case BackendBolt:
		return openBolt(cfg.Path)
	case BackendPostgres, BackendCockroach:
		return openSQL(ctx, cfg.Backend, cfg.Path)
	default:
		return nil, fmt.Errorf("%w: unknown backend %q (want memory, bolt, postgres or cockroach)", ErrBadConfig, cfg.Backend)
	}
}

func openBolt(path string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("%w: --db bolt needs --dbpath (a file, or a directory to hold %s)", ErrBadConfig, DefaultBoltFile)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, DefaultBoltFile)
	} else if strings.HasSuffix(path, string(os.PathSeparator)) {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, fmt.Errorf("bolt: %w", err)
		}
		path = filepath.Join(path, DefaultBoltFile)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("bolt: %w", err)
		}
	}
	db, err := bbolt.OpenPath(path)
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("bolt: %s is locked by another process", path)
		}
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	if err := kv.Init(db, nil); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("bolt: initialise %s: %w", path, err)
	}
	qs, err := kv.New(db, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("bolt: open %s: %w", path, err)
	}
	return &Store{qs: qs, backend: BackendBolt, path: path}, nil
}

// QuadStore is the Cayley store underneath, for query engines.
func (s *Store) QuadStore() graph.QuadStore { return s.qs }

// Backend names the backend the store was opened with.
func (s *Store) Backend() string { return s.backend }

// Path is the file a persistent store lives in ("" for memory), or the
// host:port/database of a SQL store.
func (s *Store) Path() string { return s.path }

// Generation changes whenever the store's contents change, so a cached
// answer computed at an older generation is never served. A SQL store
// shares it with every process on the same database: it lives in the
// database, and this process follows it by LISTEN/NOTIFY and polling.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// Close closes the backend.
func (s *Store) Close() error {
	err := s.qs.Close()
	if s.sql != nil {
		if e := s.sql.close(); err == nil {
			err = e
		}
	}
	return err
}

// Count is the exact number of quads in the store.
func (s *Store) Count(ctx context.Context) (int64, error) {
	if s.sql != nil {
		return s.sql.count(ctx)
	}
	// Exact quad counts are cheap in every backend; exact node counts
	// (Stats(ctx, true)) walk the whole store in the kv backends.
	st, err := s.qs.Stats(ctx, false)
	if errors.Is(err, kv.ErrNoBucket) {
		return 0, nil // a kv store nothing was ever written to
	}
	if err != nil {
		return 0, err
	}
	return st.Quads.Size, nil
}

// Add writes quads as one atomic batch, ignoring those already present,
// and reports how many were new.
func (s *Store) Add(ctx context.Context, quads []quad.Quad) (int, error) {
	return s.apply(ctx, quads, graph.Add)
}

// Delete removes quads as one atomic batch, ignoring those absent, and
// reports how many were removed.
func (s *Store) Delete(ctx context.Context, quads []quad.Quad) (int, error) {
	return s.apply(ctx, quads, graph.Delete)
}

func (s *Store) apply(ctx context.Context, quads []quad.Quad, act graph.Procedure) (int, error) {
	if len(quads) == 0 {
		return 0, nil
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ds, err := deltas(quads, act)
	if err != nil {
		return 0, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	n, err := s.applyLocked(ctx, ds, act)
	return n, s.Unavailable(err)
}

// deltas turns quads into changes, refusing an incomplete quad and
// dropping repeats.
func deltas(quads []quad.Quad, act graph.Procedure) ([]graph.Delta, error) {
	out := make([]graph.Delta, 0, len(quads))
	seen := make(map[quad.Quad]struct{}, len(quads))
	for _, q := range quads {
		if !q.IsValid() {
			return nil, fmt.Errorf("%w: invalid quad %v", ErrBadInput, q)
		}
		if _, dup := seen[q]; dup {
			continue
		}
		seen[q] = struct{}{}
		out = append(out, graph.Delta{Quad: q, Action: act})
	}
	return out, nil
}

// applyLocked applies deltas as one transaction; the caller holds s.wmu.
func (s *Store) applyLocked(ctx context.Context, deltas []graph.Delta, act graph.Procedure) (int, error) {
	if s.sql != nil {
		uniq := make([]quad.Quad, len(deltas))
		for i, d := range deltas {
			uniq[i] = d.Quad
		}
		return s.sqlApply(ctx, uniq, act == graph.Delete)
	}
	before, err := s.Count(ctx)
	if err != nil {
		return 0, err
	}
	if err := s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		return 0, err
	}
	after, err := s.Count(ctx)
	if err != nil {
		return 0, err
	}
	n := int(after - before)
	if n < 0 {
		n = -n
	}
	if n > 0 {
		s.gen.Add(1)
	}
	return n, nil
}

// Has reports whether the store holds the quad s p o with any label.
func (s *Store) Has(subject, predicate quad.Value, object quad.Value) bool {
	sref := s.qs.ValueOf(subject)
	if sref == nil {
		return false
	}
	pref := s.qs.ValueOf(predicate)
	oref := s.qs.ValueOf(object)
	if pref == nil || oref == nil {
		return false
	}
	it := s.qs.QuadIterator(quad.Subject, sref)
	defer it.Close()
	ctx := context.Background()
	for it.Next(ctx) {
		q := s.qs.Quad(it.Result())
		if q.Predicate == predicate && q.Object == object {
			return true
		}
	}
	return false
}

// memQuadStore is Cayley's memory store with its two "all" iterators made
// one at a time: building one marks the store as being read (a plain bool
// memstore writes with no lock), and two queries doing so at once are a
// data race the race detector reports.
type memQuadStore struct {
	*memstore.QuadStore
	allMu sync.Mutex
}

func (m *memQuadStore) QuadsAllIterator() graph.Iterator {
	m.allMu.Lock()
	defer m.allMu.Unlock()
	return m.QuadStore.QuadsAllIterator()
}

func (m *memQuadStore) NodesAllIterator() graph.Iterator {
	m.allMu.Lock()
	defer m.allMu.Unlock()
	return m.QuadStore.NodesAllIterator()
}
