package web

import (
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/nhsgraph/nhsgraph/loader"
)

// Writer changes the graph. Every call is atomic: all of its quads land,
// or none do.
type Writer interface {
	WriteNQuads(ctx context.Context, r io.Reader) (int, error)
	DeleteNQuads(ctx context.Context, r io.Reader) (int, error)
	// AddDocument runs the loader over a text document and adds its quads.
	AddDocument(ctx context.Context, name string, data []byte) (loader.Report, error)
}

// MaxWriteBytes is the largest N-Quads body accepted; besides, one write
// may hold at most graph.MaxWriteQuads quads.
const MaxWriteBytes = 16 << 20

// MaxDocumentBytes is the largest document accepted for the loader: prose
// makes about one quad for every five bytes, so a megabyte of it is about
// 200,000 quads (graph.MaxWriteQuads caps the extraction too).
const MaxDocumentBytes = 1 << 20

// registerWrites adds the write endpoints when the server is writable;
// otherwise they answer 404 saying why.
func (s *Server) registerWrites(r *mux.Router) {
	paths := []string{"/api/v2/write", "/api/v2/delete", "/api/v1/documents"}
	if s.writer == nil {
		for _, p := range paths {
			r.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
				writeError(w, http.StatusNotFound, "writes are off: this server runs with --read-only")
			})
		}
		return
	}
	r.Handle("/api/v2/write", s.authorized(s.handleWrite)).Methods(http.MethodPost)
	r.Handle("/api/v2/delete", s.authorized(s.handleDelete)).Methods(http.MethodPost)
	r.Handle("/api/v1/documents", s.authorized(s.handleDocument)).Methods(http.MethodPost)
}

// authorized lets a request through only with "Authorization: Bearer
// <token>" matching the write token, compared in constant time.
func (s *Server) authorized(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || token == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="nhsgraph"`)
			writeError(w, http.StatusUnauthorized, "writes need Authorization: Bearer <token>")
			return
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(s.writeToken)) != 1 {
			writeError(w, http.StatusForbidden, "wrong write token")
			return
		}
		h(w, r)
	})
}

func (s *Server) handleWrite(w http.ResponseWriter, r *http.Request) {
	s.changeQuads(w, r, s.writer.WriteNQuads, "added")
}

func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	s.changeQuads(w, r, s.writer.DeleteNQuads, "deleted")
}

// changeQuads answers as Cayley's v2 write does: {"result": "Successfully
// added N quads.", "count": N}.
func (s *Server) changeQuads(w http.ResponseWriter, r *http.Request, f func(context.Context, io.Reader) (int, error), verb string) {
	body, ok := s.readBody(w, r, MaxWriteBytes)
	if !ok {
		return
	}
	n, err := f(r.Context(), strings.NewReader(string(body)))
	if err != nil {
		s.writeChangeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": fmt.Sprintf("Successfully %s %d quads.", verb, n), "count": n})
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "document.txt"
	}
	body, ok := s.readBody(w, r, MaxDocumentBytes)
	if !ok {
		return
	}
	rep, err := s.writer.AddDocument(r.Context(), name, body)
	if err != nil {
		s.writeChangeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, rep)
}

func (s *Server) writeChangeError(w http.ResponseWriter, r *http.Request, err error) {
	if code, ok := statusOf(err); ok {
		if code == http.StatusServiceUnavailable {
			s.unavailable(w, r, err)
		}
		writeError(w, code, err.Error())
		return
	}
	s.log.Error("write failed", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error: the write was not applied")
}
