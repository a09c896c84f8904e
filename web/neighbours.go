package web

import (
	"fmt"
	"net/http"

	"github.com/nhsgraph/nhsgraph/query"
)

// handleNeighbours answers one page of a node's neighbours:
// ?iri=&predicate=&direction=&type=&offset=&limit=.
func (s *Server) handleNeighbours(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	req := query.NeighboursRequest{ID: v.Get("iri"), Predicate: v.Get("predicate"), Direction: v.Get("direction"), Type: v.Get("type")}
	var err error
	if req.Offset, err = intParam(v, "offset"); err == nil {
		req.Limit, err = intParam(v, "limit")
	}
	if err == nil && req.ID == "" {
		err = fmt.Errorf("%w: iri is required", query.ErrBadParam)
	}
	if err != nil {
		s.answer(w, r, nil, err)
		return
	}
	res, err := s.analyst.Neighbours(r.Context(), req)
	s.answer(w, r, res, err)
}
