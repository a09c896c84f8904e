package web

import (
	_ "embed"
	"net/http"
)

// openAPISpec describes every endpoint. TestOpenAPIDescribesRealResponses
// validates real answers against it, so it stays true.
//
//go:embed openapi.json
var openAPISpec []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPISpec)
}
