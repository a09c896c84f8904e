package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query"
	"github.com/nhsgraph/nhsgraph/web"
)

// serveConfig is everything serve's flags set.
type serveConfig struct {
	store         storeFlags
	engine        engineFlags
	addr          string
	cacheSize     int
	maxConcurrent int
	readOnly      bool
	writeToken    string
	corsOrigins   multiFlag
	maxConns      int
	maxConnsPerIP int
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c serveConfig
	fs := newFlagSet("serve", "serve [flags]",
		"Opens the store, loads the built-in seed documents unless the store already holds\nthem, and serves Gizmo queries over HTTP until SIGINT or SIGTERM.", stderr)
	c.store.register(fs)
	c.engine.register(fs)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.IntVar(&c.cacheSize, "cache-size", 4096, "result cache entries (0 turns the cache off)")
	fs.IntVar(&c.maxConcurrent, "max-concurrent", 8, "queries run at once; more wait briefly, then get 503")
	fs.BoolVar(&c.readOnly, "read-only", true, "serve no write endpoints; with false, writes need --write-token")
	fs.StringVar(&c.writeToken, "write-token", "", "bearer token write requests must carry (default: $NHSGRAPH_WRITE_TOKEN)")
	fs.Var(&c.corsOrigins, "cors-origin", "browser origin allowed to call the API (repeatable); none: no CORS")
	fs.IntVar(&c.maxConns, "max-conns", 4096, "connections open at once (lowered to fit the open-file limit); at the cap the longest idle one is closed")
	fs.IntVar(&c.maxConnsPerIP, "max-conns-per-ip", 256, "connections open at once from one address (0: no cap; behind a proxy, every client has its address)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments (use --load FILE)", errUsage)
	}
	if err := c.engine.check(); err != nil {
		return err
	}
	if c.cacheSize < 0 || c.maxConcurrent < 1 {
		return fmt.Errorf("%w: --cache-size must be 0 or more and --max-concurrent at least 1", errUsage)
	}
	if c.maxConns < 2 || c.maxConnsPerIP < 0 {
		return fmt.Errorf("%w: --max-conns must be at least 2 and --max-conns-per-ip 0 or more", errUsage)
	}
	if c.writeToken == "" {
		c.writeToken = os.Getenv("NHSGRAPH_WRITE_TOKEN")
	}
	if !c.readOnly && len(c.writeToken) < 16 {
		return fmt.Errorf("%w: --read-only=false needs a write token of at least 16 characters (--write-token or NHSGRAPH_WRITE_TOKEN)", errUsage)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	// The port first: a clash fails at once, and while the data loads the
	// server is there to say so (/readyz 503, /healthz 200).
	tcp, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	defer tcp.Close()
	if limit := openFileLimit(); limit > 0 && c.maxConns > limit-connsReserve {
		log.Warn("--max-conns lowered to fit the open-file limit", "max-conns", limit-connsReserve, "open-file limit", limit)
		c.maxConns = max(2, limit-connsReserve)
	}
	ln := web.Listen(tcp, c.maxConns, c.maxConnsPerIP)
	store, err := c.store.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()

	var ready atomic.Bool
	cfg := c.engine.config()
	cfg.CacheSize, cfg.MaxConcurrent = c.cacheSize, c.maxConcurrent
	engine := query.New(store, cfg)
	docs := documentTexts(engine, c.store.noSeeds, c.store.loads)
	l := &docLoader{store: store, x: loader.New()}
	var writer web.Writer
	if !c.readOnly {
		writer = web.KeepText(&loader.StoreWriter{Store: store, Extractor: l.x}, docs)
	}
	handler := web.New(web.Config{
		Engine:      engine,
		Analyst:     engine,
		Logger:      log,
		Writer:      writer,
		WriteToken:  c.writeToken,
		CORSOrigins: c.corsOrigins,
		Documents:   docs,
		Loading:     func() bool { return !ready.Load() },
		Ready: func(ctx context.Context) error {
			// a replica whose database is gone must leave the load balancer
			pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			defer cancel()
			return store.Ping(pctx)
		},
	})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      c.engine.timeout + 30*time.Second,
		IdleTimeout:       30 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		ConnState:         ln.ConnState,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("nhsgraph listening, loading", "addr", "http://"+ln.Addr().String(), "db", store.Backend(), "writes", !c.readOnly)

	rep := loadReport{}
	start := time.Now()
	if err := l.loadFlagged(ctx, &c.store, &rep); err != nil {
		srv.Close()
		return err
	}
	rep.Took = time.Since(start)
	ready.Store(true)
	n, _ := store.Count(ctx)
	log.Info("nhsgraph ready", "addr", "http://"+ln.Addr().String(), "quads", n, "loaded", rep.String())
	go func() {
		if err := engine.Prepare(ctx); err != nil {
			log.Warn("building the analyst index", "err", err)
		}
		debug.FreeOSMemory() // the load's and the build's scratch memory is garbage now
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), c.engine.timeout+5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	log.Info("stopped")
	return nil
}

// connsReserve is the open files kept for the store, logs and loads when
// --max-conns is fitted to the open-file limit.
const connsReserve = 256

// openFileLimit is the process's open-file limit (Go raises it to the hard
// limit at start), or 0 when unknown.
func openFileLimit() int {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil || r.Cur > 1<<30 {
		return 0
	}
	return int(r.Cur)
}
