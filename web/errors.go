package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/query/analyst"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// Kinds of error the HTTP layer finds itself, besides those of the
// packages below it.
var (
	errBadRequest = errors.New("bad request")        // 400
	errNoAuth     = errors.New("unauthorized")       // 401
	errForbidden  = errors.New("forbidden")          // 403
	errNoRoute    = errors.New("not found")          // 404
	errMethod     = errors.New("method not allowed") // 405
	errSlowBody   = errors.New("request timeout")    // 408
	errTooLarge   = errors.New("request too large")  // 413
	errNotReady   = errors.New("not ready")          // 503
)

// statuses is the one table from errors to HTTP statuses: every error
// answer of every handler is looked up here, and answered with its status
// and {"error": "..."}. An error in no row is a bug: logged, and answered
// 500 "internal error".
var statuses = []struct {
	err  error
	code int
}{
	{errBadRequest, http.StatusBadRequest},
	{gizmo.ErrSyntax, http.StatusBadRequest},
	{gizmo.ErrLanguage, http.StatusBadRequest},
	{gizmo.ErrEmpty, http.StatusBadRequest},
	{gizmo.ErrTooLarge, http.StatusBadRequest}, // the query asks for more than the server gives
	{analyst.ErrUnsupported, http.StatusBadRequest},
	{analyst.ErrBadParam, http.StatusBadRequest},
	{graph.ErrBadInput, http.StatusBadRequest},
	{errNoAuth, http.StatusUnauthorized},
	{errForbidden, http.StatusForbidden},
	{errNoRoute, http.StatusNotFound},
	{analyst.ErrNotFound, http.StatusNotFound},
	{errMethod, http.StatusMethodNotAllowed},
	{errSlowBody, http.StatusRequestTimeout},
	{analyst.ErrAmbiguous, http.StatusConflict},
	{graph.ErrConflict, http.StatusConflict},
	{errTooLarge, http.StatusRequestEntityTooLarge},
	{graph.ErrTooLarge, http.StatusRequestEntityTooLarge},
	{errNotReady, http.StatusServiceUnavailable},
	{gizmo.ErrBusy, http.StatusServiceUnavailable},
	{graph.ErrUnavailable, http.StatusServiceUnavailable},
	{gizmo.ErrTimeout, http.StatusGatewayTimeout},
	{gizmo.ErrCanceled, 499}, // the client has gone; nobody reads this
	{context.Canceled, 499},
}

// statusOf is err's status from statuses; false for an error in no row.
func statusOf(err error) (int, bool) {
	for _, e := range statuses {
		if errors.Is(err, e.err) {
			return e.code, true
		}
	}
	return 0, false
}

// problem is an error of one of the kinds above whose message is its
// detail alone, as the client reads it.
type problem struct {
	kind error
	msg  string
}

func (p *problem) Error() string { return p.msg }
func (p *problem) Unwrap() error { return p.kind }

// newProblem is an error of kind saying msg.
func newProblem(kind error, msg string) error { return &problem{kind: kind, msg: msg} }

// writeErr answers err with its status from statuses. An error in no row
// is logged and answered 500 with internal as its message. A 503 says
// when to come back (Retry-After, unless the handler set it), and is
// logged when the store, not the load, is why.
func (s *Server) writeErr(w http.ResponseWriter, r *http.Request, err error, internal string) int {
	code, ok := statusOf(err)
	if !ok {
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": internal})
		return http.StatusInternalServerError
	}
	if code == http.StatusServiceUnavailable {
		if w.Header().Get("Retry-After") == "" {
			w.Header().Set("Retry-After", "1")
		}
		if errors.Is(err, graph.ErrUnavailable) {
			s.log.Warn("store unavailable", "path", r.URL.Path, "err", err)
		}
	}
	var amb *analyst.AmbiguousError
	if errors.As(err, &amb) {
		writeJSON(w, code, map[string]any{"error": err.Error(), "candidates": amb.Candidates})
		return code
	}
	writeJSON(w, code, map[string]string{"error": err.Error()})
	return code
}

// writeQueryError answers a query's or an analyst question's error: a
// known one says the answer did not come from the cache.
func (s *Server) writeQueryError(w http.ResponseWriter, r *http.Request, err error) int {
	if _, ok := statusOf(err); ok {
		w.Header().Set("X-Cache", "MISS")
	}
	return s.writeErr(w, r, err, "internal error")
}

// writeError answers an error the handler found itself, of a kind in
// statuses.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, kind error, msg string) {
	s.writeErr(w, r, newProblem(kind, msg), "internal error")
}
