package analyst

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/cayleygraph/cayley/graph"

	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// Errors the web layer maps to status codes, besides the Gizmo engine's
// (gizmo.ErrBusy, gizmo.ErrTimeout, ...), which analyst answers share.
var (
	ErrUnsupported = errors.New("unsupported")    // 400
	ErrBadParam    = errors.New("bad parameter")  // 400
	ErrNotFound    = errors.New("not found")      // 404
	ErrAmbiguous   = errors.New("ambiguous name") // 409
)

// Store is what the analyst needs from the graph store.
type Store interface {
	QuadStore() graph.QuadStore
	Generation() uint64
	// Unavailable turns an error into one wrapping graph.ErrUnavailable
	// when the store does not answer: the store's fault, not the query's.
	Unavailable(err error) error
}

// Engine answers analysts' questions. It is safe for concurrent use.
type Engine struct {
	store  Store
	g      *gizmo.Engine // whose cache, slots and memory watch answers share
	cfg    gizmo.Config
	schema schemaCache
	index  indexCache
}

// New builds an analyst over store, sharing g's result cache, concurrency
// slots and memory watch.
func New(store Store, g *gizmo.Engine) *Engine {
	return &Engine{store: store, g: g, cfg: g.Config()}
}

// cachedWalk is cached for answers that walk the index: the walk takes a
// concurrency slot, as a Gizmo query does.
func (e *Engine) cachedWalk(ctx context.Context, key string, walk func(ctx context.Context, x *index) (any, error)) (any, bool, error) {
	return e.g.Cached(ctx, key, func(ctx context.Context) (any, error) {
		x, err := e.graphIndex(ctx)
		if err != nil {
			return nil, e.store.Unavailable(err)
		}
		return walk(ctx, x)
	})
}

// cacheKey joins the parts of a key for a non-Gizmo answer: its kind, the
// generation, then everything that changes the answer.
func cacheKey(kind string, gen uint64, parts ...string) string {
	var b strings.Builder
	b.WriteString(kind)
	b.WriteByte(0)
	b.WriteString(strconv.FormatUint(gen, 10))
	for _, p := range parts {
		b.WriteByte(0)
		b.WriteString(p)
	}
	return b.String()
}
