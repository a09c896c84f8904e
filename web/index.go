package web

import (
	"embed"
	"io"
	"io/fs"
	"net/http"
	"strings"
)

// explorerFiles is the explorer's bundle, built by `make assets` (npm ci,
// then esbuild) into web/ui/dist. "all:" lets the package compile when
// dist holds only its .gitkeep, so plain `go build` works without Node;
// the page then says how to build the assets.
//
//go:embed all:ui/dist
var explorerFiles embed.FS

// pageCSP allows only our own scripts: no inline script, no inline event
// handlers, no third-party origin. Styles may be inline because the graph
// and editor libraries set element styles from script.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// explorerPage is the page's fixed markup; explorer.js fills it in.
const explorerPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nhsgraph explorer</title>
<link rel="stylesheet" href="/assets/explorer.css">
<script src="/assets/explorer.js" defer></script>
</head>
<body>
<div id="app"><noscript>The explorer needs JavaScript. The API is described at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></div>
</body></html>
`

// missingPage is sent when the binary was built without the bundle.
const missingPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>nhsgraph</title></head>
<body>
<h1>nhsgraph</h1>
<p>A knowledge graph of what England's NHS digital programmes were funded with, who ran them and what they achieved.</p>
<p><strong>The explorer's assets are not built into this binary.</strong> Build them and the binary with
<code>make build</code> (it runs <code>npm ci</code> and esbuild in <code>web/ui</code>, which needs Node.js and npm),
or by hand: <code>cd web/ui &amp;&amp; npm ci &amp;&amp; npm run build</code>, then <code>go build ./cmd/nhsgraph</code>.</p>
<p>The API works without them: <code>POST /api/v1/query/gizmo</code>, <code>GET /api/v2/query?lang=gizmo&amp;qu=...</code>,
and the endpoints in <a href="/api/openapi.json">/api/openapi.json</a>.
Health: <a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a>.</p>
</body></html>
`

// assetFS is the bundle's directory, or nil when it was not built.
func assetFS() fs.FS {
	sub, err := fs.Sub(explorerFiles, "ui/dist")
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(sub, "explorer.js"); err != nil {
		return nil
	}
	return sub
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-cache")
	if assetFS() == nil {
		io.WriteString(w, missingPage)
		return
	}
	io.WriteString(w, explorerPage)
}

// assets serves the bundle under /assets/, with the page's CSP.
func (s *Server) assets() http.Handler {
	files := assetFS()
	if files == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			writeError(w, http.StatusNotFound, "the explorer's assets are not built into this binary: run make build")
		})
	}
	fsrv := http.StripPrefix("/assets/", http.FileServerFS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/assets/")
		if st, err := fs.Stat(files, name); err != nil || st.IsDir() {
			writeError(w, http.StatusNotFound, "no such asset: "+name)
			return
		}
		w.Header().Set("Content-Security-Policy", pageCSP)
		w.Header().Set("Cache-Control", "no-cache")
		fsrv.ServeHTTP(w, r)
	})
}
