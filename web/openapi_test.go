package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/gorilla/mux"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPISpec)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI description is not valid: %v", err)
	}
	return doc
}

// apiCase is one request to a server and the status it should get.
type apiCase struct {
	method, path, target, body string
	header                     []string
	code                       int
	srv                        *Server
}

// TestOpenAPIDescribesRealResponses sends real requests to a server over
// the seeds and validates each request and response against the
// description, and checks that every operation it describes was tried.
func TestOpenAPIDescribesRealResponses(t *testing.T) {
	doc := loadSpec(t)
	// The export formats are not JSON; their bodies are checked elsewhere.
	openapi3filter.RegisterBodyDecoder("application/n-quads", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/javascript", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/javascript", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("text/css", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("image/svg+xml", openapi3filter.PlainBodyDecoder)

	engine := query.New(testgraph.Seeds(t), query.Config{CacheSize: 64, Timeout: 300_000_000})
	srv := New(Config{
		Engine:    engine,
		Ready:     func(context.Context) error { return nil },
		Documents: seedDocuments(engine),
	})
	notReady := New(Config{Engine: query.New(testgraph.Cayley(t), query.Config{}), Ready: func(context.Context) error { return errLoading }})
	writable, _ := writableServer(t)
	const bearer = "Bearer " + token
	nq := `<nhs:org/test-trust> <schema:name> "Test Trust" <nhs:doc/test/s/0> .`
	esc := url.QueryEscape
	tests := []apiCase{
		{"GET", "/", "/", "", nil, 200, nil},
		{"GET", "/healthz", "/healthz", "", nil, 200, nil},
		{"GET", "/readyz", "/readyz", "", nil, 200, nil},
		{"GET", "/readyz", "/readyz", "", nil, 503, notReady},
		{"GET", "/metrics", "/metrics", "", nil, 200, nil},
		{"GET", "/api/openapi.json", "/api/openapi.json", "", nil, 200, nil},
		{"GET", "/api/v1/schema", "/api/v1/schema", "", nil, 200, nil},
		{"POST", "/api/v1/query/{lang}", "/api/v1/query/gizmo", `g.V("<nhs:org/nhsx>").out("<nhs:ledBy>").tag("x").all()`, nil, 200, nil},
		{"POST", "/api/v1/query/{lang}", "/api/v1/query/gizmo", `g.V("<nobody>").all()`, nil, 200, nil},
		{"POST", "/api/v1/query/{lang}", "/api/v1/query/gizmo?limit=-1", `g.V(`, nil, 400, nil},
		{"POST", "/api/v1/query/{lang}", "/api/v1/query/gizmo", strings.Repeat("x", MaxBodyBytes+1), nil, 413, nil},
		{"POST", "/api/v1/query/{lang}", "/api/v1/query/gizmo", `while(true){}`, nil, 504, nil},
		{"GET", "/api/v2/query", "/api/v2/query?lang=gizmo&qu=" + esc(`g.V().has("<rdf:type>", "<nhs:Fund>").out("<schema:amount>").all()`), "", nil, 200, nil},
		{"POST", "/api/v2/query", "/api/v2/query?lang=gizmo&limit=3", `g.emit(1)`, nil, 200, nil},
		{"POST", "/api/v2/query", "/api/v2/query?lang=sparql", `SELECT`, nil, 400, nil},
		{"GET", "/api/v1/entities", "/api/v1/entities?q=nhs&type=Organisation&limit=5", "", nil, 200, nil},
		{"GET", "/api/v1/entities", "/api/v1/entities?q=%21", "", nil, 400, nil},
		{"GET", "/api/v1/entity/{iri}", "/api/v1/entity/nhs:org/nhsx?limit=3", "", nil, 200, nil},
		{"GET", "/api/v1/entity/{iri}", "/api/v1/entity/nhs:fund/adoption-fund", "", nil, 200, nil},
		{"GET", "/api/v1/entity/{iri}", "/api/v1/entity/nhs:doc/002_b0f8b74bcd0c97da/s/3", "", nil, 200, nil},
		{"GET", "/api/v1/entity/{iri}", "/api/v1/entity/nhs:org/nobody", "", nil, 404, nil},
		{"GET", "/api/v1/entity/{iri}", "/api/v1/entity/nhs:org/nhsx?limit=0.5", "", nil, 400, nil},
		{"GET", "/api/v1/entity", "/api/v1/entity?iri=" + esc("https://w3id.org/nhsgraph/org/nhsx"), "", nil, 200, nil},
		{"GET", "/api/v1/entity", "/api/v1/entity?iri=nowhere", "", nil, 404, nil},
		{"GET", "/api/v1/neighbours", "/api/v1/neighbours?iri=" + esc("<nhs:org/nhsx>") + "&predicate=nhs:partneredWith&direction=out&limit=3", "", nil, 200, nil},
		{"GET", "/api/v1/neighbours", "/api/v1/neighbours?iri=nhs:org/nhsx&type=" + esc("<nhs:Programme>") + "&offset=1", "", nil, 200, nil},
		{"GET", "/api/v1/neighbours", "/api/v1/neighbours?iri=nhs:org/nhsx&limit=5000", "", nil, 400, nil},
		{"GET", "/api/v1/neighbours", "/api/v1/neighbours?iri=nhs:org/nobody", "", nil, 404, nil},
		{"GET", "/api/v1/paths", "/api/v1/paths?from=" + esc("Matthew Gould") + "&to=" + esc("Adoption Fund"), "", nil, 200, nil},
		{"GET", "/api/v1/paths", "/api/v1/paths?from=NHSX&to=NHS&k=2&max_hops=2&bookkeeping=true", "", nil, 200, nil},
		{"GET", "/api/v1/paths", "/api/v1/paths?from=NHSX&to=NHS&k=2", "", []string{"Accept", "text/csv"}, 200, nil},
		{"GET", "/api/v1/paths", "/api/v1/paths?from=NHSX", "", nil, 400, nil},
		{"GET", "/api/v1/paths", "/api/v1/paths?from=NHSX&to=nobody+at+all", "", nil, 404, nil},
		{"GET", "/api/v1/paths", "/api/v1/paths?from=guidance&to=NHSX", "", nil, 409, nil},
		{"GET", "/api/v1/chains", "/api/v1/chains?types=Fund,Programme,Outcome", "", nil, 200, nil},
		{"GET", "/api/v1/chains", "/api/v1/chains?types=Fund,Programme&from=" + esc("Adoption Fund"), "", nil, 200, nil},
		{"GET", "/api/v1/chains", "/api/v1/chains?types=Fund,Programme&format=csv", "", nil, 200, nil},
		{"GET", "/api/v1/chains", "/api/v1/chains?types=Fund", "", nil, 400, nil},
		{"GET", "/api/v1/chains", "/api/v1/chains?types=Fund,Programme&from=nobody+at+all", "", nil, 404, nil},
		{"GET", "/api/v1/chains", "/api/v1/chains?types=CreativeWork,Organization&from=guidance", "", nil, 409, nil},
		{"GET", "/api/v1/document/{iri}", "/api/v1/document/nhs:doc/002_b0f8b74bcd0c97da", "", nil, 200, nil},
		{"GET", "/api/v1/document/{iri}", "/api/v1/document/nhs:org/nhsx", "", nil, 404, nil},
		{"GET", "/api/v1/document", "/api/v1/document?iri=" + esc("<nhs:doc/002_b0f8b74bcd0c97da>"), "", nil, 200, nil},
		{"GET", "/api/v1/document", "/api/v1/document", "", nil, 400, nil},
		{"GET", "/assets/{file}", "/assets/no-such-file.js", "", nil, 404, nil},
		{"GET", "/api/v2/read", "/api/v2/read?sub=" + esc("<nhs:org/nhsx>"), "", nil, 200, nil},
		{"GET", "/api/v2/read", "/api/v2/read?format=jsonld&sub=" + esc("<nhs:org/nhsx>") + "&iri=short", "", nil, 200, nil},
		{"GET", "/api/v2/read", "/api/v2/read?format=xml", "", nil, 400, nil},
		{"POST", "/api/v2/write", "/api/v2/write", nq, []string{"Authorization", bearer}, 200, writable},
		{"POST", "/api/v2/write", "/api/v2/write", "not n-quads", []string{"Authorization", bearer}, 400, writable},
		{"POST", "/api/v2/write", "/api/v2/write", nq, nil, 401, writable},
		{"POST", "/api/v2/write", "/api/v2/write", nq, []string{"Authorization", "Bearer guess"}, 403, writable},
		{"POST", "/api/v2/write", "/api/v2/write", nq, []string{"Authorization", bearer}, 404, nil},
		{"POST", "/api/v2/delete", "/api/v2/delete", nq, []string{"Authorization", bearer}, 200, writable},
		{"POST", "/api/v1/documents", "/api/v1/documents?name=note.txt", "NHSX worked with NHS Digital on the NHS App.\n", []string{"Authorization", bearer}, 201, writable},
		{"POST", "/api/v1/documents", "/api/v1/documents", "text", nil, 401, writable},
	}
	// The icon and a hashed asset when the bundle is built; without it, both
	// are 404.
	icon, asset := 404, "/assets/explorer.js"
	if files := assetFS(); files != nil {
		b, _ := fs.ReadFile(files, "manifest.json")
		var manifest map[string]string
		if err := json.Unmarshal(b, &manifest); err != nil {
			t.Fatal(err)
		}
		icon, asset = 200, "/assets/"+manifest["explorer.css"]
	}
	tests = append(tests,
		apiCase{"GET", "/favicon.ico", "/favicon.ico", "", nil, icon, nil},
		apiCase{"GET", "/assets/{file}", asset, "", []string{"Accept-Encoding", "gzip"}, icon, nil})
	tried := map[string]bool{}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	for _, tc := range tests {
		name := tc.method + " " + tc.target
		if len(name) > 80 {
			name = name[:80]
		}
		t.Run(name, func(t *testing.T) {
			h := srv
			if tc.srv != nil {
				h = tc.srv
			}
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			if tc.body != "" {
				req.Header.Set("Content-Type", "text/plain")
				if strings.HasPrefix(tc.path, "/api/v2/") && tc.method == "POST" && tc.path != "/api/v2/query" {
					req.Header.Set("Content-Type", "application/n-quads")
				}
			}
			for i := 0; i+1 < len(tc.header); i += 2 {
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != tc.code {
				t.Fatalf("status %d, want %d: %.300s", w.Code, tc.code, w.Body)
			}
			item := doc.Paths.Value(tc.path)
			if item == nil || item.GetOperation(tc.method) == nil {
				t.Fatalf("the description lacks %s %s", tc.method, tc.path)
			}
			tried[tc.method+" "+tc.path] = true
			route := &routers.Route{Spec: doc, Path: tc.path, PathItem: item, Method: tc.method, Operation: item.GetOperation(tc.method)}
			// The request as the server saw it, with a fresh body.
			vreq := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			vreq.Header = req.Header
			in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: pathParams(tc.path, req.URL.Path), Route: route, Options: opts}
			if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil && tc.code < 400 {
				t.Errorf("request does not fit the description: %v", err)
			}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: w.Code, Header: w.Header(), Options: opts}
			out.SetBodyBytes(bytes.Clone(w.Body.Bytes()))
			if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
				t.Errorf("response does not fit the description: %v\n%.500s", err, w.Body)
			}
		})
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !tried[method+" "+path] {
				t.Errorf("no test sends %s %s", method, path)
			}
		}
	}
}

// pathParams reads the one parameter a template may hold from a path.
func pathParams(template, path string) map[string]string {
	i := strings.Index(template, "{")
	if i < 0 {
		return nil
	}
	name := template[i+1 : strings.Index(template, "}")]
	return map[string]string{name: path[i:]}
}

// TestOpenAPIListsEveryRoute checks the description against the router of
// a writable server: every route it serves is described, and nothing more.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	doc := loadSpec(t)
	srv, _ := writableServer(t)
	varRe := regexp.MustCompile(`\{(\w+):[^}]*\}`)
	var served []string
	srv.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := route.GetPathTemplate()
		if err != nil {
			return err
		}
		methods, _ := route.GetMethods()
		for _, m := range methods {
			if m == http.MethodHead {
				continue
			}
			served = append(served, m+" "+varRe.ReplaceAllString(tpl, "{$1}"))
		}
		return nil
	})
	var described []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described = append(described, method+" "+path)
		}
	}
	sort.Strings(served)
	sort.Strings(described)
	if strings.Join(served, "\n") != strings.Join(described, "\n") {
		t.Errorf("routes served:\n%s\n\ndescribed:\n%s", strings.Join(served, "\n"), strings.Join(described, "\n"))
	}
}
