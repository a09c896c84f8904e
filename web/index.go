package web

import (
	"io"
	"net/http"
)

// indexPage is the landing page until the explorer is built: it says what
// the service is and how to query it.
const indexPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>nhsgraph</title></head>
<body>
<h1>nhsgraph</h1>
<p>A knowledge graph of what England's NHS digital programmes were funded with, who ran them and what they achieved.</p>
<p>Query it with Gizmo: <code>POST /api/v1/query/gizmo</code> or <code>GET /api/v2/query?lang=gizmo&amp;qu=...</code>.</p>
<p>Health: <a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a>.</p>
</body></html>
`

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	io.WriteString(w, indexPage)
}
