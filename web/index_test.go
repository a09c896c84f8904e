package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"testing"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query"
)

// TestAssetsAreDeliveredLikeAWebApp checks that the page links to its
// assets by hashed name, that they are sent compressed when the client
// accepts it, kept for a year and revalidated with 304, and that
// /favicon.ico is there.
func TestAssetsAreDeliveredLikeAWebApp(t *testing.T) {
	if assetFS() == nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the explorer's bundle is not built (make assets)")
		}
		t.Skip("the explorer's bundle is not built (make assets)")
	}
	srv := New(Config{Engine: query.New(testgraph.Cayley(t), query.Config{})})
	do := func(target string, header ...string) *httptest.ResponseRecorder { return get(srv, target, header...) }

	page := do("/")
	if page.Code != 200 || page.Header().Get("ETag") == "" {
		t.Fatalf("the page: %d, ETag %q", page.Code, page.Header().Get("ETag"))
	}
	if w := do("/", "If-None-Match", page.Header().Get("ETag")); w.Code != http.StatusNotModified {
		t.Errorf("the page revalidated: %d, want 304", w.Code)
	}
	links := regexp.MustCompile(`(?:src|href)="/assets/([^"]+)"`).FindAllStringSubmatch(page.Body.String(), -1)
	if len(links) != 3 {
		t.Fatalf("the page links %d assets, want the icon, the style sheet and the script:\n%s", len(links), page.Body)
	}
	for _, l := range links {
		name := l[1]
		if !regexp.MustCompile(`^[a-z]+-[A-Z0-9]{8}\.(js|css|svg)$`).MatchString(name) {
			t.Errorf("asset %s is not named by its hash", name)
		}
		plain := do("/assets/"+name, "Accept-Encoding", "gzip;q=0")
		gz := do("/assets/"+name, "Accept-Encoding", "gzip")
		br := do("/assets/"+name, "Accept-Encoding", "gzip, deflate, br")
		if plain.Code != 200 || plain.Header().Get("Content-Encoding") != "" {
			t.Fatalf("%s without compression: %d, encoding %q", name, plain.Code, plain.Header().Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz.Body.Bytes()))
		if err != nil {
			t.Fatalf("%s with gzip (encoding %q): %v", name, gz.Header().Get("Content-Encoding"), err)
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(unzipped, plain.Body.Bytes()) || gz.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s with gzip: %d bytes unzip to %d, want the %d of the file (%v)", name, gz.Body.Len(), len(unzipped), plain.Body.Len(), err)
		}
		if br.Header().Get("Content-Encoding") != "br" || br.Body.Len() == 0 || br.Body.Len() > gz.Body.Len() {
			t.Errorf("%s with br: encoding %q, %d bytes (gzip %d)", name, br.Header().Get("Content-Encoding"), br.Body.Len(), gz.Body.Len())
		}
		for _, w := range []*httptest.ResponseRecorder{plain, gz, br} {
			if cc, vary := w.Header().Get("Cache-Control"), w.Header().Get("Vary"); cc != "public, max-age=31536000, immutable" || vary != "Accept-Encoding" {
				t.Errorf("%s: Cache-Control %q, Vary %q", name, cc, vary)
			}
		}
		if w := do("/assets/"+name, "Accept-Encoding", "br", "If-None-Match", br.Header().Get("ETag")); w.Code != http.StatusNotModified || br.Header().Get("ETag") == gz.Header().Get("ETag") {
			t.Errorf("%s revalidated: %d, want 304 (ETags br %s, gzip %s)", name, w.Code, br.Header().Get("ETag"), gz.Header().Get("ETag"))
		}
	}
	if w := do("/favicon.ico"); w.Code != 200 || w.Header().Get("Content-Type") != "image/svg+xml" || !bytes.Contains(w.Body.Bytes(), []byte("<svg")) {
		t.Errorf("/favicon.ico: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	if w := do("/assets/explorer.js"); w.Code != 404 {
		t.Errorf("an unhashed name: %d, want 404", w.Code)
	}
}
