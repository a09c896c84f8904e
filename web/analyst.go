package web

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/nhsgraph/nhsgraph/query"
)

// Analyst answers the analyst endpoints; query.Engine is one.
type Analyst interface {
	Entities(ctx context.Context, req query.SearchRequest) (*query.SearchResult, error)
	Entity(ctx context.Context, req query.EntityRequest) (*query.EntityResult, error)
	Neighbours(ctx context.Context, req query.NeighboursRequest) (*query.NeighboursResult, error)
	Paths(ctx context.Context, req query.PathsRequest) (*query.PathsResult, error)
	Chains(ctx context.Context, req query.ChainsRequest) (*query.ChainsResult, error)
	Export(ctx context.Context, w io.Writer, req query.ExportRequest) error
}

// registerAnalyst adds the analyst endpoints (entities, neighbours, paths,
// chains, export, OpenAPI).
func (s *Server) registerAnalyst(r *mux.Router) {
	r.HandleFunc("/api/v1/entities", s.analystOnly(s.handleEntities)).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/entity", s.analystOnly(s.handleEntity)).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/entity/{iri:.+}", s.analystOnly(s.handleEntity)).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/neighbours", s.analystOnly(s.handleNeighbours)).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/paths", s.analystOnly(s.handlePaths)).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/chains", s.analystOnly(s.handleChains)).Methods(http.MethodGet)
	r.HandleFunc("/api/v2/read", s.analystOnly(s.handleRead)).Methods(http.MethodGet)
	r.HandleFunc("/api/openapi.json", s.handleOpenAPI).Methods(http.MethodGet)
}

// analystOnly answers 404 when the server was built without an Analyst,
// and counts each answer in the query metrics.
func (s *Server) analystOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.analyst == nil {
			writeError(w, http.StatusNotFound, "this server has no analyst endpoints")
			return
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h(sw, r)
		s.metrics.observe(sw.code, time.Since(start))
	}
}

// statusWriter remembers the status a handler sent.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Server) handleEntities(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	limit, err := intParam(v, "limit")
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	res, err := s.analyst.Entities(r.Context(), query.SearchRequest{Query: v.Get("q"), Type: v.Get("type"), Limit: limit})
	s.answer(w, r, res, err)
}

// handleEntity takes the IRI from the path (/api/v1/entity/nhs:org/nhsx,
// brackets and escapes allowed) or, for IRIs holding "//" that a path
// cannot carry, from ?iri=.
func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	iri := mux.Vars(r)["iri"]
	if iri == "" {
		iri = v.Get("iri")
	}
	limit, err := intParam(v, "limit")
	if err == nil && iri == "" {
		err = fmt.Errorf("%w: name the node: /api/v1/entity/nhs:org/nhsx or ?iri=", query.ErrBadParam)
	}
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	res, err := s.analyst.Entity(r.Context(), query.EntityRequest{ID: iri, Limit: limit})
	s.answer(w, r, res, err)
}

func (s *Server) handlePaths(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	req := query.PathsRequest{From: v.Get("from"), To: v.Get("to")}
	var err error
	if req.MaxHops, err = intParam(v, "max_hops"); err == nil {
		if req.K, err = intParam(v, "k"); err == nil {
			req.Bookkeeping, err = boolParam(v, "bookkeeping")
		}
	}
	if err == nil && (req.From == "" || req.To == "") {
		err = fmt.Errorf("%w: from and to are required", query.ErrBadParam)
	}
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	res, err := s.analyst.Paths(r.Context(), req)
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	s.answerWalks(w, r, res, res.Cached, "path", res.Paths)
}

func (s *Server) handleChains(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	limit, err := intParam(v, "limit")
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	var types []string
	for _, t := range strings.Split(v.Get("types"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			types = append(types, t)
		}
	}
	res, err := s.analyst.Chains(r.Context(), query.ChainsRequest{Types: types, From: v.Get("from"), Limit: limit})
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	s.answerWalks(w, r, res, res.Cached, "chain", res.Chains)
}

// handleRead exports quads as Cayley's GET /api/v2/read does: format from
// ?format= or the Accept header, filters sub, pred, obj and label
// (comma-separated), gzip when the client accepts it. IRIs are expanded
// unless ?iri=short.
func (s *Server) handleRead(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	format := v.Get("format")
	if format == "" {
		format = query.ExportMIME(firstAccept(r, "Accept"))
	}
	mime, err := query.ExportFormat(format)
	if err == nil && v.Get("iri") != "" && v.Get("iri") != "short" && v.Get("iri") != "full" {
		err = fmt.Errorf("%w: iri must be short or full", query.ErrBadParam)
	}
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	req := query.ExportRequest{
		Format: format, Subjects: v["sub"], Predicates: v["pred"], Objects: v["obj"], Labels: v["label"],
		Short: v.Get("iri") == "short",
	}
	w.Header().Set("Content-Type", mime)
	out := &countWriter{w: w}
	var body io.Writer = out
	var zw *gzip.Writer
	if firstAccept(r, "Accept-Encoding") == "gzip" {
		w.Header().Set("Content-Encoding", "gzip")
		zw = gzip.NewWriter(out)
		body = zw
	}
	err = s.analyst.Export(r.Context(), body, req)
	if err == nil && zw != nil {
		err = zw.Close()
	}
	if err != nil {
		if out.n == 0 {
			w.Header().Del("Content-Encoding")
			s.writeQueryError(w, r, err)
			return
		}
		s.log.Error("export failed after the first byte", "err", err)
	}
}

// answer sends a JSON answer, or the error.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		s.writeQueryError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.log.Error("encoding an answer", "path", r.URL.Path, "err", err)
	}
}

// answerWalks sends a paths or chains answer, as JSON or, when the client
// asks, as CSV, saying whether it came from the cache.
func (s *Server) answerWalks(w http.ResponseWriter, r *http.Request, res any, cached bool, kind string, walks []query.Path) {
	setCache(w, cached)
	if wantsCSV(r) {
		s.answerCSV(w, r, kind, walks)
		return
	}
	s.answer(w, r, res, nil)
}

// answerCSV sends paths or chains as CSV, one row per piece of evidence
// for each edge of each step (an edge without evidence is one row).
func (s *Server) answerCSV(w http.ResponseWriter, r *http.Request, kind string, paths []query.Path) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	cw := csv.NewWriter(w)
	cw.Write([]string{kind, "hop", "from", "from_name", "predicate", "direction", "to", "to_name",
		"sentence", "text", "document", "title", "file", "start", "end"})
	for i, p := range paths {
		for j, st := range p.Steps {
			for _, e := range st.Edges {
				row := []string{strconv.Itoa(i + 1), strconv.Itoa(j + 1), st.From, p.Nodes[j].Name, e.Predicate, e.Direction, st.To, p.Nodes[j+1].Name}
				if len(e.Evidence) == 0 {
					cw.Write(append(row, "", "", "", "", "", "", ""))
				}
				for _, ev := range e.Evidence {
					cw.Write(append(row, ev.Sentence, ev.Text, ev.Document, ev.Title, ev.File, optInt(ev.Start), optInt(ev.End)))
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.log.Error("writing CSV", "path", r.URL.Path, "err", err)
	}
}

func optInt(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func setCache(w http.ResponseWriter, hit bool) {
	if hit {
		w.Header().Set("X-Cache", "HIT")
	} else {
		w.Header().Set("X-Cache", "MISS")
	}
}

// wantsCSV reports whether the client asks for CSV, by Accept or ?format=csv.
func wantsCSV(r *http.Request) bool {
	return r.URL.Query().Get("format") == "csv" || strings.Contains(r.Header.Get("Accept"), "text/csv")
}

// firstAccept is the first value of an Accept-style header, without
// parameters.
func firstAccept(r *http.Request, header string) string {
	v, _, _ := strings.Cut(r.Header.Get(header), ",")
	v, _, _ = strings.Cut(v, ";")
	return strings.TrimSpace(v)
}

// intParam reads an optional whole-number parameter; absent is 0.
func intParam(v url.Values, name string) (int, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%w: %s must be a whole number", query.ErrBadParam, name)
	}
	return n, nil
}

// boolParam reads an optional true/false parameter; absent is false.
func boolParam(v url.Values, name string) (bool, error) {
	s := v.Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%w: %s must be true or false", query.ErrBadParam, name)
	}
	return b, nil
}

// countWriter counts the bytes written, so a failed export knows whether
// an error status can still be sent.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
