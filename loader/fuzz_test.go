package loader

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// FuzzExtract feeds the loader any bytes: it must never panic, and every
// sentence it writes must be verbatim in the input at its offsets.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("NHSX annual report\n\nWe worked with NHS Digital. £5m to support the NHS App in May 2021.\n"))
	f.Add([]byte("\xef\xbb\xbfHeading\r\n\r\n  • 11,000 iPads delivered\r\n"))
	f.Add([]byte("NHSX\x92s review \xa35m"))
	f.Add([]byte("  1. ^ a b \"x\". GOV.UK. 19 February 2019.\n"))
	f.Add([]byte("Total 590 492 1,082\n[12]{{cite web}}: CS1 maint\n"))
	f.Add([]byte(""))
	x := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := x.Extract("fuzz.txt", data)
		if err != nil {
			return // refused as not text: fine
		}
		for _, s := range r.Sentences {
			if s.Start < 0 || s.End > len(data) || s.Start > s.End {
				t.Fatalf("offsets %d-%d outside %d bytes", s.Start, s.End, len(data))
			}
		}
		// sentence text as stored equals the source at the offsets (for
		// UTF-8 input; Windows-1252 input is checked by the decode tests)
		if !strings.HasPrefix(string(data), "\xef\xbb\xbf") && isUTF8(data) {
			texts := map[quad.Value]string{}
			for _, q := range r.Quads {
				if q.Predicate == graph.Text {
					texts[q.Subject] = string(q.Object.(quad.String))
				}
			}
			for _, s := range r.Sentences {
				want := collapseSpace(string(data[s.Start:s.End]))
				if got := texts[graph.SentenceIRI(r.DocID, s.N)]; got != want {
					t.Fatalf("sentence %d is %q, source says %q", s.N, got, want)
				}
			}
		}
	})
}

func isUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "\ufffd") == string(b) }
