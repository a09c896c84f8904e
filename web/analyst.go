package web

import "github.com/gorilla/mux"

// registerAnalyst adds the analyst endpoints (entities, paths, chains,
// export, schema, OpenAPI).
func (s *Server) registerAnalyst(r *mux.Router) {}
