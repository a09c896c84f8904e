package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/nhsgraph/nhsgraph/query/analyst"
)

// Documents answers a document's source text; analyst.Documents is one.
type Documents interface {
	Document(ctx context.Context, id string) (*analyst.Document, error)
}

// handleDocumentText serves GET /api/v1/document/{iri}: a document's title,
// file and text, so the explorer can show an evidence sentence where it
// stands. The text is sent as JSON, never as HTML.
func (s *Server) handleDocumentText(w http.ResponseWriter, r *http.Request) {
	if s.docs == nil {
		s.writeError(w, r, errNoRoute, "this server serves no document text")
		return
	}
	id := mux.Vars(r)["iri"]
	if id == "" {
		id = r.URL.Query().Get("iri")
	}
	if id == "" {
		s.answer(w, r, nil, fmt.Errorf("%w: name the document: /api/v1/document/nhs:doc/... or ?iri=", analyst.ErrBadParam))
		return
	}
	doc, err := s.docs.Document(r.Context(), id)
	s.answer(w, r, doc, err)
}
