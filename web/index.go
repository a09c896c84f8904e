package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gorilla/mux"
)

// explorerFiles is the explorer's bundle, built by `make assets` (npm ci,
// then web/ui/build.mjs) into web/ui/dist: files named by a hash of their
// content, a gzip and a brotli copy of each, and manifest.json from plain
// names to hashed ones. "all:" lets the package compile when dist holds
// only its .gitkeep, so plain `go build` works without Node; the page then
// says how to build the assets.
//
//go:embed all:ui/dist
var explorerFiles embed.FS

// pageCSP allows only our own scripts: no inline script, no inline event
// handlers, no third-party origin. Styles may be inline because the graph
// and editor libraries set element styles from script.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// explorerPage is the page's fixed markup; the script fills it in.
var explorerPage = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nhsgraph explorer</title>
<link rel="icon" type="image/svg+xml" href="/assets/{{index . "favicon.svg"}}">
<link rel="stylesheet" href="/assets/{{index . "explorer.css"}}">
<script src="/assets/{{index . "explorer.js"}}" defer></script>
</head>
<body>
<div id="app"><noscript>The explorer needs JavaScript. The API is described at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript></div>
</body></html>
`))

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
	if _, err := fs.Stat(sub, "manifest.json"); err != nil {
		return nil
	}
	return sub
}

// asset is one file of the bundle as it is sent: its bytes in each
// encoding the bundle holds, and a validator.
type asset struct {
	mime   string
	etag   string            // of the file itself; the encoding is appended
	bodies map[string][]byte // by Content-Encoding; "" is the file itself
}

// explorer is the page and its assets, read once from the embedded bundle.
type explorer struct {
	page     []byte // nil when the bundle was not built
	pageETag string
	assets   map[string]*asset // by hashed name
	icon     string            // the favicon's hashed name
}

// loadExplorer reads the bundle. A bundle that is there but broken (a
// manifest naming a file it lacks) is a build error, so it panics.
func loadExplorer() *explorer {
	files := assetFS()
	if files == nil {
		return &explorer{page: []byte(missingPage), pageETag: etagOf([]byte(missingPage))}
	}
	var manifest map[string]string
	b, err := fs.ReadFile(files, "manifest.json")
	if err == nil {
		err = json.Unmarshal(b, &manifest)
	}
	var page bytes.Buffer
	if err == nil {
		err = explorerPage.Execute(&page, manifest)
	}
	if err != nil {
		panic(fmt.Sprintf("the explorer's bundle is broken (run make assets): %v", err))
	}
	e := &explorer{page: page.Bytes(), pageETag: etagOf(page.Bytes()), assets: map[string]*asset{}, icon: manifest["favicon.svg"]}
	for _, name := range manifest {
		body, err := fs.ReadFile(files, name)
		if err != nil {
			panic(fmt.Sprintf("the explorer's bundle is broken (run make assets): %v", err))
		}
		// The name holds a hash of the content: it is the validator.
		a := &asset{mime: mime.TypeByExtension(path.Ext(name)), etag: `"` + name + `"`, bodies: map[string][]byte{"": body}}
		for enc, ext := range map[string]string{"br": ".br", "gzip": ".gz"} {
			if z, err := fs.ReadFile(files, name+ext); err == nil {
				a.bodies[enc] = z
			}
		}
		e.assets[name] = a
	}
	return e
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// registerExplorer serves the page, its assets and the icon.
func (s *Server) registerExplorer(r *mux.Router) {
	e := loadExplorer()
	r.HandleFunc("/", e.servePage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/assets/{file:.+}", e.serveAsset).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/favicon.ico", e.serveIcon).Methods(http.MethodGet, http.MethodHead)
}

// servePage sends the page: always revalidated (its asset names change with
// every build), answered 304 when the client's copy is current.
func (e *explorer) servePage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", e.pageETag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(e.page))
}

// serveAsset sends a hashed file, compressed as the client accepts, for
// browsers to keep for a year: its name changes whenever its content does.
func (e *explorer) serveAsset(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["file"]
	a := e.assets[name]
	if a == nil {
		msg := "no such asset: " + name
		if e.assets == nil {
			msg = "the explorer's assets are not built into this binary: run make build"
		}
		writeError(w, http.StatusNotFound, msg)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	e.send(w, r, a)
}

// serveIcon sends the icon to clients that ask for /favicon.ico without
// reading the page's link to it.
func (e *explorer) serveIcon(w http.ResponseWriter, r *http.Request) {
	a := e.assets[e.icon]
	if a == nil {
		writeError(w, http.StatusNotFound, "the explorer's assets are not built into this binary: run make build")
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	e.send(w, r, a)
}

// send writes an asset in the best encoding the client accepts, with its
// validator, answering 304 and ranges as http.ServeContent does.
func (e *explorer) send(w http.ResponseWriter, r *http.Request, a *asset) {
	h := w.Header()
	h.Set("Content-Type", a.mime)
	h.Add("Vary", "Accept-Encoding")
	enc := ""
	for _, c := range []string{"br", "gzip"} {
		if _, ok := a.bodies[c]; ok && accepts(r, c) {
			enc = c
			break
		}
	}
	etag := a.etag
	if enc != "" {
		h.Set("Content-Encoding", enc)
		etag = strings.TrimSuffix(etag, `"`) + "-" + enc + `"`
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.bodies[enc]))
}

// accepts reports whether the request's Accept-Encoding admits coding c
// (named, or by *, and not with q=0).
func accepts(r *http.Request, c string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		if !strings.EqualFold(name, c) && name != "*" {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return !(q == "q=0" || strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") == "")
	}
	return false
}
