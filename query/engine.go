// Package query runs Gizmo queries against a store with hard limits (time,
// result rows, values materialised, output bytes, concurrency), answers
// analysts' questions (entity search and detail, shortest paths, typed
// chains, export) from an in-memory index of the graph, and caches answers
// in one LRU keyed by the graph's generation.
package query

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dlclark/regexp2"
	"github.com/dop251/goja"
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
)

// Errors the web layer maps to status codes.
var (
	ErrSyntax      = errors.New("query error")            // 400
	ErrLanguage    = errors.New("unknown query language") // 400
	ErrEmpty       = errors.New("query is empty")         // 400
	ErrTooLarge    = errors.New("result too large")       // 400: the query asks for more than the server gives
	ErrTimeout     = errors.New("query timed out")        // 504
	ErrBusy        = errors.New("too many queries")       // 503
	ErrCanceled    = errors.New("query canceled")         // client went away
	ErrUnsupported = errors.New("unsupported")            // 400
	ErrBadParam    = errors.New("bad parameter")          // 400
	ErrNotFound    = errors.New("not found")              // 404
	ErrAmbiguous   = errors.New("ambiguous name")         // 409
)

// Store is what the engine needs from the graph store.
type Store interface {
	QuadStore() graph.QuadStore
	Generation() uint64
	// Unavailable turns an error into one wrapping graph.ErrUnavailable
	// when the store does not answer: the store's fault, not the query's.
	Unavailable(err error) error
}

// Config sets the engine's limits.
type Config struct {
	Timeout       time.Duration // per query; 0 means 10s
	MaxResults    int           // hard cap on result rows; 0 means 10000
	MaxBytes      int           // cap on an encoded answer; 0 means 64 MiB
	CacheSize     int           // LRU entries; 0 turns the cache off
	MaxConcurrent int           // queries running at once; 0 means 8
	QueueWait     time.Duration // how long a query waits for a slot; 0 means 250ms
	MaxMemory     uint64        // heap growth that stops running queries; 0 means 512 MiB
	// FreshRuntimes runs every Gizmo script in a JavaScript runtime of its
	// own, as Cayley does, instead of reusing runtimes between scripts
	// that cannot change them (realm.go); for comparisons.
	FreshRuntimes bool
}

// Engine runs queries. It is safe for concurrent use.
type Engine struct {
	store Store
	cfg   Config
	cache *lru.Cache[string, any]
	group singleflight.Group
	slots chan struct{}
	stats Stats

	schema schemaCache
	index  indexCache
	mem    *memWatch
	realms *realms
}

// New builds an engine over store.
func New(store Store, cfg Config) *Engine {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxResults <= 0 {
		cfg.MaxResults = 10000
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 64 << 20
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 8
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = 250 * time.Millisecond
	}
	if cfg.MaxMemory == 0 {
		cfg.MaxMemory = 512 << 20
	}
	idle := cfg.MaxConcurrent
	if cfg.FreshRuntimes {
		idle = 0
	}
	e := &Engine{
		store: store, cfg: cfg, slots: make(chan struct{}, cfg.MaxConcurrent),
		mem: newMemWatch(cfg.MaxMemory), realms: newRealms(idle),
	}
	if cfg.CacheSize > 0 {
		e.cache, _ = lru.New[string, any](cfg.CacheSize)
	}
	limitRegexps(cfg.Timeout)
	return e
}

// regexpTimeout sets, once, how long one match of a regular expression
// may run. goja compiles a JavaScript regular expression that Go's regexp
// cannot run (backreferences, lookarounds) with regexp2, which backtracks:
// /^(a+)+(?!x)$/.test("aaaa...!") ran for ever, past the query's deadline
// and on after its answer, and the interrupt does not reach it. regexp2
// gives every expression the match timeout set when it was compiled, from
// a package variable; it is set to the engine's time limit, so a match
// that times out has run past its query's deadline too (a timed-out match
// looks like no match to goja, so a shorter timeout could change an
// answer), and the query is answered 504 either way. Set once per process,
// from the first engine: a process serves one.
var regexpTimeout sync.Once

func limitRegexps(d time.Duration) {
	regexpTimeout.Do(func() { regexp2.DefaultMatchTimeout = d })
}

// Config returns the engine's effective limits.
func (e *Engine) Config() Config { return e.cfg }

// Flavor selects the exact JSON encoding of a success body: Cayley's v1
// endpoint escapes HTML characters ("\u003cbob\u003e"), its v2 endpoint
// does not ("<bob>"). Clients comparing bodies see exactly what Cayley sends.
type Flavor int

// Encoding flavours.
const (
	FlavorV2 Flavor = iota
	FlavorV1
)

// Request is one query.
type Request struct {
	Lang   string
	Query  string
	Limit  int // rows; <= 0 or over the cap means the server's maximum
	Flavor Flavor
}

// Answer is an encoded success body, ready to send.
type Answer struct {
	Body   []byte
	Rows   int
	Cached bool
}

// Run executes req, answering from the cache when it can. Concurrent
// identical misses run the query once.
func (e *Engine) Run(ctx context.Context, req Request) (*Answer, error) {
	if req.Lang != gizmo.Name {
		return nil, fmt.Errorf("%w %q (this server speaks gizmo)", ErrLanguage, req.Lang)
	}
	if strings.TrimSpace(req.Query) == "" {
		return nil, ErrEmpty
	}
	if req.Limit <= 0 || req.Limit > e.cfg.MaxResults {
		req.Limit = e.cfg.MaxResults
	}
	v, hit, err := e.cached(ctx, e.key(req), func(ctx context.Context) (any, error) {
		return e.execute(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	a := v.(*Answer)
	return &Answer{Body: a.Body, Rows: a.Rows, Cached: hit}, nil
}

// key is everything that changes an answer. The query's text goes in
// exactly as sent: folding its layout would need a JavaScript parser to
// know where white space is only layout (inside a regular expression
// literal or after a quote in a comment it is not, and a carriage return
// ends a line), and two scripts that differ only there would share an
// answer.
func (e *Engine) key(req Request) string {
	var b strings.Builder
	b.WriteString(req.Lang)
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(req.Limit))
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(int(req.Flavor)))
	b.WriteByte(0)
	b.WriteString(strconv.FormatUint(e.store.Generation(), 10))
	b.WriteByte(0)
	b.WriteString(req.Query)
	return b.String()
}

// acquire takes a concurrency slot, waiting at most QueueWait.
func (e *Engine) acquire(ctx context.Context) (func(), error) {
	select {
	case e.slots <- struct{}{}:
		return func() { <-e.slots }, nil
	default:
	}
	t := time.NewTimer(e.cfg.QueueWait)
	defer t.Stop()
	select {
	case e.slots <- struct{}{}:
		return func() { <-e.slots }, nil
	case <-t.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ErrCanceled
	}
}

// execute runs one query with Cayley's own Gizmo, in a session kept from
// an earlier query when the script cannot have changed it (realm.go), with
// the limits enforced from outside the script.
func (e *Engine) execute(ctx context.Context, req Request) (*Answer, error) {
	release, err := e.acquire(ctx)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	defer func() { e.stats.observe(time.Since(start)) }()

	qctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Each row names at most a few tagged values; a script that
	// materialises far more than the row cap allows is stopped.
	qs := newQuotaStore(e.store.QuadStore(), int64(e.cfg.MaxResults)*16+1024, cancel)
	unwatch := func() {}
	if e.mem != nil {
		unwatch = e.mem.watch(qs)
	}
	// The slot and the watch are let go when the script's goroutine is
	// done, not when the answer is: work that outlives its answer still
	// counts against the limits.
	finished := func() {
		unwatch()
		release()
	}
	out, err := runScript(qctx, e.realms, qs.sessionStore(), req.Query, req.Limit, finished)
	if err != nil {
		if !qs.stopped() && ctx.Err() == nil && !compileError(err) {
			// A run that failed by itself may have failed because the
			// store is down (Cayley's SQL backend throws "dial tcp ..."
			// into the script): that is not the query's fault.
			if serr := e.store.Unavailable(err); errors.Is(serr, ngraph.ErrUnavailable) {
				return nil, serr
			}
		}
		return nil, classify(ctx, qs, err)
	}
	if err := ctx.Err(); err != nil || qs.stopped() {
		return nil, classify(ctx, qs, err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&capWriter{w: &buf, left: e.cfg.MaxBytes})
	enc.SetEscapeHTML(req.Flavor == FlavorV1)
	if err := enc.Encode(map[string]interface{}{"result": out}); err != nil {
		if errors.Is(err, errCapped) {
			return nil, fmt.Errorf("%w: the answer is over %d bytes; ask for fewer rows with limit", ErrTooLarge, e.cfg.MaxBytes)
		}
		return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	return &Answer{Body: buf.Bytes(), Rows: len(out)}, nil
}

// classify turns what a run ended with into one of the package's errors.
func classify(ctx context.Context, qs *quotaStore, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%w: it ran past the server's time limit and was stopped", ErrTimeout)
	case qs != nil && qs.memory.Load():
		return fmt.Errorf("%w: the script used more memory than the server allows a query", ErrTooLarge)
	case qs != nil && qs.deep.Load():
		return fmt.Errorf("%w: the script recursed more deeply than the server allows (through built-in or Gizmo functions)", ErrTooLarge)
	case qs != nil && qs.exceeded.Load():
		return fmt.Errorf("%w: the script materialised more values than the server allows; use limit(n) or fewer tags", ErrTooLarge)
	case errors.Is(ctx.Err(), context.Canceled):
		return ErrCanceled
	case err == nil:
		return nil
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return fmt.Errorf("%w: %s", ErrSyntax, ex.Error())
	}
	return fmt.Errorf("%w: %s", ErrSyntax, err.Error())
}

// compileError reports whether err is the script's own syntax error,
// which no state of the store could have caused.
func compileError(err error) bool {
	var se *goja.CompilerSyntaxError
	var re *goja.CompilerReferenceError
	return errors.As(err, &se) || errors.As(err, &re)
}

var errCapped = errors.New("output cap reached")

// capWriter stops a write that would take the output past its cap.
type capWriter struct {
	w    *bytes.Buffer
	left int
}

func (c *capWriter) Write(p []byte) (int, error) {
	if len(p) > c.left {
		return 0, errCapped
	}
	c.left -= len(p)
	return c.w.Write(p)
}
