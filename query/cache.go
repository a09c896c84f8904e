package query

import (
	"context"
	"strconv"
	"strings"
)

// cached answers key from the LRU, or runs fn and stores what it returns.
// Concurrent callers with the same key share one run of fn, which is not
// cut short when the first caller goes away, and is bounded by the
// engine's timeout. hit reports whether the answer came from the cache.
// Every key must include the graph generation it was computed at, so an
// answer from before a write is never served after it.
func (e *Engine) cached(ctx context.Context, key string, fn func(ctx context.Context) (any, error)) (v any, hit bool, err error) {
	if e.cache != nil {
		if v, ok := e.cache.Get(key); ok {
			e.stats.hit()
			return v, true, nil
		}
		e.stats.miss()
	}
	ch := e.group.DoChan(key, func() (any, error) {
		// The shared run must not die with the first caller's request.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), e.cfg.Timeout)
		defer cancel()
		v, err := fn(rctx)
		if err == nil && e.cache != nil {
			e.cache.Add(key, v)
		}
		return v, err
	})
	select {
	case r := <-ch:
		return r.Val, false, r.Err
	case <-ctx.Done():
		return nil, false, ErrCanceled
	}
}

// cachedWalk is cached for answers that walk the index: the walk takes a
// concurrency slot, as a Gizmo query does.
func (e *Engine) cachedWalk(ctx context.Context, key string, walk func(ctx context.Context, x *index) (any, error)) (any, bool, error) {
	return e.cached(ctx, key, func(ctx context.Context) (any, error) {
		release, err := e.acquire(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
		x, err := e.graphIndex(ctx)
		if err != nil {
			return nil, e.store.Unavailable(err)
		}
		return walk(ctx, x)
	})
}

// cacheKey joins the parts of a key for a non-Gizmo answer: its kind, the
// generation, then everything that changes the answer.
func (e *Engine) cacheKey(kind string, gen uint64, parts ...string) string {
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
