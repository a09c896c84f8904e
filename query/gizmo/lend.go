package gizmo

import (
	"context"
	"errors"
	"math"
)

// What the engine lends the analyst package, so that an analyst answer is
// cached, counted and bounded as a Gizmo query is: the result cache, the
// concurrency slots and the memory watch. Nothing here runs a script.

// Cached answers key from the result cache, or runs fn in a concurrency
// slot (ErrBusy when none frees in time) and keeps what it returns. Every
// key must include the graph generation it was computed at. hit reports
// whether the answer came from the cache.
func (e *Engine) Cached(ctx context.Context, key string, fn func(ctx context.Context) (any, error)) (v any, hit bool, err error) {
	return e.cached(ctx, key, func(ctx context.Context) (any, error) {
		release, err := e.acquire(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
		return fn(ctx)
	})
}

// Bounded runs f in a concurrency slot under the memory watch, with a
// context the watch cancels. When f returns its context's error, the
// answer says why it ended: ErrTimeout, ErrTooLarge (memory) or
// ErrCanceled.
func (e *Engine) Bounded(ctx context.Context, f func(ctx context.Context) error) error {
	release, err := e.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	xctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watched := newQuotaStore(nil, math.MaxInt64, cancel)
	if e.mem != nil {
		defer e.mem.watch(watched)()
	}
	err = f(xctx)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return classify(ctx, watched, err)
	}
	return err
}

// Stopped is the error for work whose context ended: ErrTimeout past its
// deadline, ErrCanceled when its caller went away.
func Stopped(ctx context.Context, err error) error { return classify(ctx, nil, err) }
