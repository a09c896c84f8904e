package web

import (
	"context"
	"net/http"
)

// schemaSource is what the schema endpoint needs; analyst.Engine has it.
type schemaSource interface {
	Schema(ctx context.Context) ([]byte, error)
}

// handleSchema answers GET /api/v1/schema: every type and predicate with
// its domain, range, description and live count.
func (s *Server) handleSchema(w http.ResponseWriter, r *http.Request) {
	src, ok := s.analyst.(schemaSource)
	if !ok {
		s.writeError(w, r, errNoRoute, "this server has no schema")
		return
	}
	body, err := src.Schema(r.Context())
	if err != nil {
		s.writeQueryError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}
