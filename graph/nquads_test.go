package graph

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// TestMalformedNQuadsAreRefused writes bodies with one line the N-Quads
// grammar does not allow: each write is refused as a whole, and the error
// names the line (counting blank lines and comments) and what is wrong.
// Cayley's reader, used before, stored most of these (a subject "<nc:has"
// and a predicate "space>", an empty IRI, a literal graph label, U+FFFD
// for bad bytes) and counted quads instead of lines.
func TestMalformedNQuadsAreRefused(t *testing.T) {
	const good = "<nhs:org/a> <schema:name> \"A\" .\n"
	tests := []struct {
		name, body string
		at         int    // the line the error must name; 0: body is one bad line, sent third
		why        string // a word of what is wrong
	}{
		{"space in an IRI", `<nc:has space> <nc:p> "x" .`, 0, "space"},
		{"empty IRI", `<> <nc:p> "x" .`, 0, "empty IRI"},
		{"literal graph label", `<nc:a> <nc:p> "x" "label" .`, 0, "graph label"},
		{"literal subject", `"s" <nc:p> <nc:o> .`, 0, "subject"},
		{"blank node predicate", `<nc:a> _:p <nc:o> .`, 0, "predicate"},
		{"invalid UTF-8", "<nc:a> <nc:p> \"caf\xe9\" .", 0, "UTF-8"},
		{"no full stop", `<nc:a> <nc:p> <nc:o>`, 0, "\".\""},
		{"junk after the full stop", `<nc:a> <nc:p> <nc:o> . <nc:x>`, 0, "after"},
		{"unclosed string", `<nc:a> <nc:p> "x .`, 0, "closing quote"},
		{"unknown escape", `<nc:a> <nc:p> "x\q" .`, 0, `\q`},
		{"bad language tag", `<nc:a> <nc:p> "x"@ .`, 0, "language tag"},
		{"empty datatype", `<nc:a> <nc:p> "x"^^<> .`, 0, "empty IRI"},
		{"five terms", `<nc:a> <nc:p> <nc:o> <nc:g> <nc:h> .`, 0, "\".\""},
		{"bad escape in an IRI", `<nc:a\u0020b> <nc:p> <nc:o> .`, 0, "even escaped"},
		{"comments and blank lines first", "# a comment\n\n   \n" + good + "<nc:a> <nc:p> .\n", 5, "object"},
		{"lone carriage returns end lines", strings.TrimSuffix(good, "\n") + "\r" + strings.TrimSuffix(good, "\n") + "\r<nc:a> <nc:p> .", 3, "object"},
		{"line too long", good + `<nc:a> <nc:p> "` + strings.Repeat("x", maxLine) + `" .`, 2, "over"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openMemory(t)
			body, at := tc.body, tc.at
			if at == 0 {
				body, at = good+good+body, 3
			}
			n, err := s.WriteNQuads(context.Background(), strings.NewReader(body))
			if !errors.Is(err, ErrBadInput) {
				t.Fatalf("accepted (%d quads, err %v)", n, err)
			}
			if line := fmt.Sprintf("line %d", at); !regexp.MustCompile(line + `\b`).MatchString(err.Error()) {
				t.Errorf("error %q does not name %s", err, line)
			}
			if !strings.Contains(err.Error(), tc.why) {
				t.Errorf("error %q does not say %q", err, tc.why)
			}
			if c, _ := s.Count(context.Background()); c != 0 {
				t.Errorf("the refused write left %d quads", c)
			}
		})
	}
}

func openMemory(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), Config{Backend: BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestNQuadsReadAsCayleyReadsThem reads Cayley's own data files, which
// follow the grammar, with both readers: the quads must be the same, so
// being strict changes nothing for valid input.
func TestNQuadsReadAsCayleyReadsThem(t *testing.T) {
	for _, name := range []string{"testdata.nq", "30kmoviedata.nq.gz"} {
		t.Run(name, func(t *testing.T) {
			open := func() io.Reader {
				f, err := os.Open(cayleyData(t, name))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { f.Close() })
				if filepath.Ext(name) != ".gz" {
					return f
				}
				gz, err := gzip.NewReader(f)
				if err != nil {
					t.Fatal(err)
				}
				return gz
			}
			ours, theirs := newQuadReader(open()), nquads.NewReader(open(), false)
			n := 0
			for {
				want, werr := theirs.ReadQuad()
				got, gerr := ours.ReadQuad()
				if werr == io.EOF && gerr == io.EOF {
					break
				}
				if werr != nil || gerr != nil {
					t.Fatalf("quad %d: cayley %v, ours %v", n+1, werr, gerr)
				}
				if got != want {
					t.Fatalf("quad %d: cayley %#v, ours %#v", n+1, want, got)
				}
				n++
			}
			if n < 10 {
				t.Fatalf("only %d quads", n)
			}
		})
	}
}

// TestNQuadsValuesAndEscapes checks the values terms become.
func TestNQuadsValuesAndEscapes(t *testing.T) {
	tests := []struct {
		line string
		want quad.Quad
	}{
		{`<nc:a> <nc:p> "tab\there \"quoted\" \u00e9\U0001F600" .`,
			quad.Quad{Subject: quad.IRI("nc:a"), Predicate: quad.IRI("nc:p"), Object: quad.String("tab\there \"quoted\" é😀")}},
		{`_:b1 <nc:p> "colour"@en-GB _:g.`,
			quad.Quad{Subject: quad.BNode("b1"), Predicate: quad.IRI("nc:p"), Object: quad.LangString{Value: "colour", Lang: "en-GB"}, Label: quad.BNode("g")}},
		{`<nc:a\u00e9> <nc:p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> . # a comment`,
			quad.Quad{Subject: quad.IRI("nc:aé"), Predicate: quad.IRI("nc:p"), Object: quad.Int(5)}},
		// the project's own namespaces are stored short
		{`<https://w3id.org/nhsgraph/org/nhsx> <https://schema.org/name> "NHSX" <https://w3id.org/nhsgraph/doc/d/s/1> .`,
			quad.Quad{Subject: quad.IRI("nhs:org/nhsx"), Predicate: quad.IRI("schema:name"), Object: quad.String("NHSX"), Label: quad.IRI("nhs:doc/d/s/1")}},
		{`<nhs:x> <nhs:start> "12"^^<https://schema.org/Integer> .`,
			quad.Quad{Subject: quad.IRI("nhs:x"), Predicate: quad.IRI("nhs:start"), Object: quad.Int(12)}},
		{`<nhs:x> <nhs:date> "2021-05-01"^^<http://www.w3.org/2001/XMLSchema#date> .`,
			quad.Quad{Subject: quad.IRI("nhs:x"), Predicate: quad.IRI("nhs:date"), Object: quad.TypedString{Value: "2021-05-01", Type: "xsd:date"}}},
	}
	for _, tc := range tests {
		qs, err := readAllQuads(strings.NewReader(tc.line))
		if err != nil || len(qs) != 1 {
			t.Errorf("%s: %v %v", tc.line, qs, err)
			continue
		}
		if qs[0] != tc.want {
			t.Errorf("%s:\n got %#v\nwant %#v", tc.line, qs[0], tc.want)
		}
	}
}

// BenchmarkReadNQuads reads the movie data (gunzipped in memory first)
// with the strict reader and with Cayley's, which it replaced.
func BenchmarkReadNQuads(b *testing.B) {
	f, err := os.Open(cayleyData(b, "30kmoviedata.nq.gz"))
	if err != nil {
		b.Fatal(err)
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(gz)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range []struct {
		name string
		read func(io.Reader) func() (quad.Quad, error)
	}{
		{"strict", func(r io.Reader) func() (quad.Quad, error) { return newQuadReader(r).ReadQuad }},
		{"cayley", func(r io.Reader) func() (quad.Quad, error) { return nquads.NewReader(r, false).ReadQuad }},
	} {
		b.Run(r.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				next := r.read(strings.NewReader(string(data)))
				for {
					if _, err := next(); err != nil {
						if err != io.EOF {
							b.Fatal(err)
						}
						break
					}
				}
			}
		})
	}
}
