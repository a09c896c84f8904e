// Package web serves nhsgraph over HTTP: Cayley-compatible Gizmo endpoints,
// health and metrics, and the explorer page. Handlers only translate HTTP
// into calls on the query engine; errors become status codes in one table.
package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/query"
)

// MaxBodyBytes is the largest query body accepted, as in Cayley.
const MaxBodyBytes = 1 << 20

// Querier runs queries; query.Engine is one.
type Querier interface {
	Run(ctx context.Context, req query.Request) (*query.Answer, error)
	Stats() query.Snapshot
}

// Config wires a Server.
type Config struct {
	Engine Querier
	// Analyst answers the analyst endpoints (entities, paths, chains,
	// export). Nil means Engine, if it is one.
	Analyst Analyst
	// Ready reports whether the store answers, for /readyz.
	Ready func(ctx context.Context) error
	// Loading reports whether the server is still loading its data: until
	// it says no, /readyz and every endpoint but /healthz and /metrics
	// answer 503 with Retry-After. Nil: never loading.
	Loading func() bool
	Logger  *slog.Logger
	// Writer, when set, serves the write endpoints to requests bearing
	// WriteToken. Nil keeps the server read-only.
	Writer     Writer
	WriteToken string
	// CORSOrigins are the browser origins allowed to call the API; none
	// means no CORS headers at all.
	CORSOrigins []string
	// BodyTimeout bounds the time to receive a request body; 0 means 10s.
	BodyTimeout time.Duration
	// Documents serves the source text behind evidence; nil serves none.
	Documents Documents
}

// Server is nhsgraph's HTTP handler.
type Server struct {
	q       Querier
	analyst Analyst
	ready   func(ctx context.Context) error
	loading func() bool
	log     *slog.Logger
	router  *mux.Router
	metrics *metrics

	writer      Writer
	writeToken  string
	cors        map[string]bool
	bodyTimeout time.Duration
	docs        Documents
}

// New builds the handler and its routes.
func New(cfg Config) *Server {
	s := &Server{q: cfg.Engine, analyst: cfg.Analyst, ready: cfg.Ready, loading: cfg.Loading, log: cfg.Logger, router: mux.NewRouter(), metrics: newMetrics(),
		writer: cfg.Writer, writeToken: cfg.WriteToken, cors: map[string]bool{}, bodyTimeout: cfg.BodyTimeout, docs: cfg.Documents}
	if s.bodyTimeout <= 0 {
		s.bodyTimeout = 10 * time.Second
	}
	for _, o := range cfg.CORSOrigins {
		s.cors[strings.TrimRight(o, "/")] = true
	}
	if a, ok := cfg.Engine.(Analyst); ok && s.analyst == nil {
		s.analyst = a
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.ready == nil {
		s.ready = func(context.Context) error { return nil }
	}
	r := s.router
	// Full IRIs in a path (/api/v1/entity/https://w3id.org/...) hold "//",
	// which a cleaned path would collapse, redirecting to a node that does
	// not exist. No route needs cleaning: unknown paths are 404 and the
	// assets' file system refuses "..".
	r.SkipClean(true)
	r.HandleFunc("/api/v1/query/{lang}", s.handleQueryV1).Methods(http.MethodPost)
	r.HandleFunc("/api/v2/query", s.handleQueryV2).Methods(http.MethodGet, http.MethodPost)
	r.HandleFunc("/healthz", s.handleHealth).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/readyz", s.handleReady).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/metrics", s.handleMetrics).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/schema", s.handleSchema).Methods(http.MethodGet)
	s.registerExplorer(r)
	r.HandleFunc("/api/v1/document", s.handleDocumentText).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/document/{iri:.+}", s.handleDocumentText).Methods(http.MethodGet)
	s.registerAnalyst(r)
	s.registerWrites(r)
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path)
	})
	return s
}

// ServeHTTP adds the headers every response carries and routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["X-Content-Type-Options"] = hvNosniff
	h["Referrer-Policy"] = hvNoReferrer
	h["X-Frame-Options"] = hvDeny
	if origin := r.Header.Get("Origin"); origin != "" && s.cors[origin] {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization, Accept")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	if s.loading != nil && s.loading() && r.URL.Path != "/healthz" && r.URL.Path != "/metrics" {
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "still loading: the server is not ready to answer yet")
		return
	}
	// Cayley's Gizmo endpoint, by far the busiest, is answered without the
	// router, exactly as its route would: gorilla/mux matches routes by
	// regular expression and clones the request twice to carry the route
	// and its variables, a third of a cached answer's garbage.
	if r.Method == http.MethodPost && r.URL.Path == gizmoV1Path {
		s.queryV1(w, r, "gizmo")
		return
	}
	s.router.ServeHTTP(w, r)
}

const gizmoV1Path = "/api/v1/query/gizmo"

// Header values every response or every answer carries, shared: net/http
// only reads them (canonical keys, assigned directly, save a slice and a
// canonicalisation per header per request on the hot path).
var (
	hvNosniff    = []string{"nosniff"}
	hvNoReferrer = []string{"no-referrer"}
	hvDeny       = []string{"DENY"}
	hvJSON       = []string{"application/json"}
	hvHit        = []string{"HIT"}
	hvMiss       = []string{"MISS"}
)

func (s *Server) handleQueryV1(w http.ResponseWriter, r *http.Request) {
	s.queryV1(w, r, mux.Vars(r)["lang"])
}

func (s *Server) queryV1(w http.ResponseWriter, r *http.Request, lang string) {
	limit, ok := parseLimit(w, r)
	if !ok {
		return
	}
	body, ok := s.readBody(w, r, MaxBodyBytes)
	if !ok {
		return
	}
	s.runQuery(w, r, query.Request{Lang: lang, Query: string(body), Limit: limit, Flavor: query.FlavorV1})
}

func (s *Server) handleQueryV2(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	lang := vals.Get("lang")
	if lang == "" {
		writeError(w, http.StatusBadRequest, "query language not specified: add ?lang=gizmo")
		return
	}
	limit, ok := parseLimit(w, r)
	if !ok {
		return
	}
	var qu string
	if r.Method == http.MethodGet {
		qu = vals.Get("qu")
	} else {
		body, ok := s.readBody(w, r, MaxBodyBytes)
		if !ok {
			return
		}
		qu = string(body)
	}
	s.runQuery(w, r, query.Request{Lang: lang, Query: qu, Limit: limit, Flavor: query.FlavorV2})
}

// parseLimit reads ?limit=N: 100 (Cayley's default) when absent or 0, -1
// for the server's maximum. A bad value is answered 400.
func parseLimit(w http.ResponseWriter, r *http.Request) (int, bool) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return 100, true
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		writeError(w, http.StatusBadRequest, "limit must be a whole number, or -1 for the server's maximum")
		return 0, false
	}
	if n == 0 {
		n = 100
	}
	return n, true
}

// readBody reads a request body of at most max bytes within the body
// timeout: 413 past the size, 408 for a client too slow to send it (a body
// trickled in a byte a second holds no query slot, and not for long).
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, bool) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(s.bodyTimeout)) // unsupported in tests' recorders: then no deadline
	body, err := readAll(http.MaxBytesReader(w, r.Body, max), r.ContentLength)
	if err != nil {
		var mb *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &mb):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is over %d bytes", max))
		case errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
			w.Header().Set("Connection", "close") // do not wait for the rest of the body
			writeError(w, http.StatusRequestTimeout, fmt.Sprintf("the request body did not arrive within %s", s.bodyTimeout))
		default:
			writeError(w, http.StatusBadRequest, "could not read the request body: "+err.Error())
		}
		return nil, false
	}
	_ = rc.SetReadDeadline(time.Time{})
	return body, true
}

// readAll reads a body; a small announced length sizes the buffer (io.ReadAll
// would start at 512 bytes and grow). A large one does not: a client could
// announce megabytes and send nothing, holding memory it never filled.
func readAll(body io.Reader, length int64) ([]byte, error) {
	if length <= 0 || length > presizeMax {
		return io.ReadAll(body)
	}
	buf := make([]byte, length+1) // one more, to see the end without another call
	n, err := io.ReadFull(body, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return buf[:n], err
}

// presizeMax is the largest announced body readAll allocates for at once.
const presizeMax = 64 << 10

func (s *Server) runQuery(w http.ResponseWriter, r *http.Request, req query.Request) {
	start := time.Now()
	a, err := s.q.Run(r.Context(), req)
	code := http.StatusOK
	if err != nil {
		code = s.writeQueryError(w, r, err)
	} else {
		h := w.Header()
		h["Content-Type"] = hvJSON
		if a.Cached {
			h["X-Cache"] = hvHit
		} else {
			h["X-Cache"] = hvMiss
		}
		h["Content-Length"] = []string{strconv.Itoa(len(a.Body))}
		w.WriteHeader(code)
		w.Write(a.Body)
	}
	s.metrics.observe(code, time.Since(start))
}

// errorStatus is the one table from the engine's and the store's errors
// to HTTP statuses.
var errorStatus = []struct {
	err  error
	code int
}{
	{query.ErrSyntax, http.StatusBadRequest},
	{query.ErrLanguage, http.StatusBadRequest},
	{query.ErrEmpty, http.StatusBadRequest},
	{query.ErrTooLarge, http.StatusBadRequest},
	{query.ErrUnsupported, http.StatusBadRequest},
	{query.ErrBadParam, http.StatusBadRequest},
	{query.ErrNotFound, http.StatusNotFound},
	{query.ErrAmbiguous, http.StatusConflict},
	{query.ErrTimeout, http.StatusGatewayTimeout},
	{query.ErrBusy, http.StatusServiceUnavailable},
	{query.ErrCanceled, 499}, // the client has gone; nobody reads this
	{graph.ErrBadInput, http.StatusBadRequest},
	{graph.ErrConflict, http.StatusConflict},
	{graph.ErrTooLarge, http.StatusRequestEntityTooLarge},
	{graph.ErrUnavailable, http.StatusServiceUnavailable},
	{context.Canceled, 499},
}

// unavailable prepares a 503: Retry-After, and a log line when the store,
// not the load, is why.
func (s *Server) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	w.Header().Set("Retry-After", "1")
	if errors.Is(err, graph.ErrUnavailable) {
		s.log.Warn("store unavailable", "path", r.URL.Path, "err", err)
	}
}

// statusOf is err's status from errorStatus; false for an error not in it.
func statusOf(err error) (int, bool) {
	for _, e := range errorStatus {
		if errors.Is(err, e.err) {
			return e.code, true
		}
	}
	return 0, false
}

func (s *Server) writeQueryError(w http.ResponseWriter, r *http.Request, err error) int {
	code, ok := statusOf(err)
	if !ok {
		s.log.Error("query failed", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
		return http.StatusInternalServerError
	}
	if code == http.StatusServiceUnavailable {
		s.unavailable(w, r, err)
	}
	w.Header().Set("X-Cache", "MISS")
	var amb *query.AmbiguousError
	if errors.As(err, &amb) {
		writeJSON(w, code, map[string]any{"error": err.Error(), "candidates": amb.Candidates})
		return code
	}
	writeError(w, code, err.Error())
	return code
}

// writeError sends {"error": "..."} with a real status code.
func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"status":"ok"}`+"\n")
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if err := s.ready(r.Context()); err != nil {
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, "not ready: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"status":"ready"}`+"\n")
}
