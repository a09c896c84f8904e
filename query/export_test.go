package query

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

func TestExport(t *testing.T) {
	store := testgraph.Seeds(t)
	e := New(store, Config{})
	total, _ := store.Count(t.Context())
	tests := []struct {
		name      string
		req       ExportRequest
		wantLines int64 // -1: do not count
		want      []string
		wantNot   []string
	}{
		{"whole graph, full IRIs", ExportRequest{}, total,
			[]string{"<https://w3id.org/nhsgraph/org/nhsx> <https://schema.org/name> \"NHSX\" ."},
			[]string{"<nhs:", "<schema:"}},
		{"short IRIs as stored", ExportRequest{Short: true, Subjects: []string{"<nhs:org/nhsx>"}, Predicates: []string{"<nhs:ledBy>"}}, 1,
			[]string{"<nhs:org/nhsx> <nhs:ledBy> <nhs:person/matthew-gould> <nhs:doc/"}, nil},
		{"filter by full IRI and bare term", ExportRequest{Subjects: []string{"<https://w3id.org/nhsgraph/org/nhsx>"}, Predicates: []string{"nhs:ledBy,rdf:type"}}, 2,
			[]string{"<https://w3id.org/nhsgraph/ledBy>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"}, nil},
		{"by label: one sentence's facts", ExportRequest{Labels: []string{"<nhs:doc/002_b0f8b74bcd0c97da/s/3>"}}, -1,
			[]string{"<https://w3id.org/nhsgraph/ledBy>"}, nil},
		{"object literal", ExportRequest{Objects: []string{`"NHSX"`}, Short: true}, -1,
			[]string{`<nhs:org/nhsx> <schema:name> "NHSX" .`}, nil},
		{"nothing matches", ExportRequest{Subjects: []string{"<nhs:org/nobody>"}}, 0, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := e.Export(t.Context(), &buf, tc.req); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if n := int64(strings.Count(out, "\n")); tc.wantLines >= 0 && n != tc.wantLines {
				t.Errorf("%d lines, want %d:\n%.500s", n, tc.wantLines, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("lacks %q:\n%.500s", w, out)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("holds %q", w)
				}
			}
			// Whatever is written reads back as N-Quads.
			r := nquads.NewReader(strings.NewReader(out), false)
			for {
				if _, err := r.ReadQuad(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("output does not parse: %v", err)
					}
					break
				}
			}
		})
	}
}

func TestExportJSONLD(t *testing.T) {
	e := New(testgraph.Seeds(t), Config{})
	var buf bytes.Buffer
	if err := e.Export(t.Context(), &buf, ExportRequest{Format: "jsonld", Subjects: []string{"<nhs:org/nhsx>"}}); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !strings.Contains(buf.String(), "https://w3id.org/nhsgraph/org/nhsx") {
		t.Errorf("JSON-LD lacks NHSX's full IRI: %.300s", buf.String())
	}
	for _, f := range []string{"xml", "csv", "pquads"} {
		if err := e.Export(t.Context(), &buf, ExportRequest{Format: f}); !errors.Is(err, ErrBadParam) {
			t.Errorf("format %s: %v, want ErrBadParam", f, err)
		}
	}
	if m, err := ExportFormat(""); err != nil || m != "application/n-quads" {
		t.Errorf("default format: %q %v", m, err)
	}
	if ExportMIME("application/ld+json") != "jsonld" || ExportMIME("text/html") != "" {
		t.Error("ExportMIME")
	}
}
