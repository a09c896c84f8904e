package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/nhsgraph/nhsgraph/loader"
	"github.com/nhsgraph/nhsgraph/query"
)

// Documents answers a document's source text; query.Documents is one.
type Documents interface {
	Document(ctx context.Context, id string) (*query.Document, error)
}

// handleDocumentText serves GET /api/v1/document/{iri}: a document's title,
// file and text, so the explorer can show an evidence sentence where it
// stands. The text is sent as JSON, never as HTML.
func (s *Server) handleDocumentText(w http.ResponseWriter, r *http.Request) {
	if s.docs == nil {
		writeError(w, http.StatusNotFound, "this server serves no document text")
		return
	}
	id := mux.Vars(r)["iri"]
	if id == "" {
		id = r.URL.Query().Get("iri")
	}
	if id == "" {
		s.answer(w, r, nil, fmt.Errorf("%w: name the document: /api/v1/document/nhs:doc/... or ?iri=", query.ErrBadParam))
		return
	}
	doc, err := s.docs.Document(r.Context(), id)
	s.answer(w, r, doc, err)
}

// KeepText makes a Writer whose documents' text docs serves once they are
// added: the store holds a document's checksum, not its bytes.
func KeepText(w Writer, docs *query.Documents) Writer { return &textKeeper{Writer: w, docs: docs} }

type textKeeper struct {
	Writer
	docs *query.Documents
}

func (k *textKeeper) AddDocument(ctx context.Context, name string, data []byte) (loader.Report, error) {
	rep, err := k.Writer.AddDocument(ctx, name, data)
	if err == nil {
		k.docs.Add(name, data)
	}
	return rep, err
}
