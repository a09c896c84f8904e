package query

import (
	"context"
	"sync/atomic"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
)

// quotaStore wraps a QuadStore for one query and counts the values the
// query materialises (every result value passes through NameOf). Past the
// quota it cancels the query, so toArray(), tagArray() and forEach() on the
// whole graph stop early instead of filling memory: a cap the script cannot
// lift. It also carries the query's cancel function for the memory watch.
type quotaStore struct {
	graph.QuadStore
	left     atomic.Int64
	exceeded atomic.Bool
	memory   atomic.Bool // stopped by the memory watch
	deep     atomic.Bool // stopped by the stack watch
	cancel   context.CancelFunc
}

// overMemory stops the query because the process grew past its budget.
func (q *quotaStore) overMemory() {
	if q.memory.CompareAndSwap(false, true) {
		q.cancel()
	}
}

// tooDeep stops the query because the goroutines' stacks grew past their
// budget: a script recursing through Go.
func (q *quotaStore) tooDeep() {
	if q.deep.CompareAndSwap(false, true) {
		q.cancel()
	}
}

// stopped reports whether a limit stopped the query.
func (q *quotaStore) stopped() bool { return q.exceeded.Load() || q.memory.Load() || q.deep.Load() }

func newQuotaStore(qs graph.QuadStore, quota int64, cancel context.CancelFunc) *quotaStore {
	q := &quotaStore{QuadStore: qs, cancel: cancel}
	q.left.Store(quota)
	return q
}

func (q *quotaStore) spend(n int64) {
	if q.left.Add(-n) < 0 && q.exceeded.CompareAndSwap(false, true) {
		q.cancel()
	}
}

// NameOf counts one value.
func (q *quotaStore) NameOf(r graph.Ref) quad.Value {
	q.spend(1)
	return q.QuadStore.NameOf(r)
}

// ValuesOf counts a batch, keeping the underlying store's batch lookup.
func (q *quotaStore) ValuesOf(ctx context.Context, vals []graph.Ref) ([]quad.Value, error) {
	q.spend(int64(len(vals)))
	return graph.ValuesOf(ctx, q.QuadStore, vals)
}

// RefsOf keeps the underlying store's batch lookup.
func (q *quotaStore) RefsOf(ctx context.Context, nodes []quad.Value) ([]graph.Ref, error) {
	return graph.RefsOf(ctx, q.QuadStore, nodes)
}

// sessionStore is the store a Gizmo session should use. Backends with a
// query optimiser (kv/bolt, SQL) build iterators that insist on their own
// concrete store type, so those are not wrapped: their queries are bounded
// by the row cap, the output cap and the memory watch instead of the value
// count.
func (q *quotaStore) sessionStore() graph.QuadStore {
	if _, ok := q.QuadStore.(shape.Optimizer); ok {
		return q.QuadStore
	}
	return q
}
