package loader

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// TestContract checks what the graph contract promises on the seeds: every
// fact is labelled with a sentence; every sentence is verbatim in its file
// at its offsets; every entity has exactly one type and one name.
func TestContract(t *testing.T) {
	files := seedFiles(t)
	src := map[string]string{}
	for _, f := range files {
		src[DocID(f.Name)] = string(f.Data)
	}
	c := New().ExtractAll(files)
	type sent struct {
		text       string
		start, end int64
		doc        string
	}
	sents := map[quad.Value]*sent{}
	types := map[quad.Value][]quad.Value{}
	names := map[quad.Value][]quad.Value{}
	for _, q := range c.Quads {
		switch q.Predicate {
		case graph.Text:
			s := sents[q.Subject]
			if s == nil {
				s = &sent{}
				sents[q.Subject] = s
			}
			s.text = string(q.Object.(quad.String))
		case graph.Start, graph.End, graph.DerivedFrom:
			s := sents[q.Subject]
			if s == nil {
				s = &sent{}
				sents[q.Subject] = s
			}
			switch q.Predicate {
			case graph.Start:
				s.start = int64(q.Object.(quad.Int))
			case graph.End:
				s.end = int64(q.Object.(quad.Int))
			default:
				s.doc = strings.TrimPrefix(string(q.Object.(quad.IRI)), "nhs:doc/")
			}
		case graph.RDFType:
			types[q.Subject] = append(types[q.Subject], q.Object)
		case graph.Name:
			names[q.Subject] = append(names[q.Subject], q.Object)
		}
	}
	for iri, s := range sents {
		body := src[s.doc]
		if s.end <= s.start || int(s.end) > len(body) {
			t.Errorf("%v: bad offsets %d-%d", iri, s.start, s.end)
			continue
		}
		if got := collapseSpace(body[s.start:s.end]); got != s.text {
			t.Errorf("%v: text at offsets is %q, want %q", iri, got, s.text)
		}
	}
	labelled := 0
	for _, q := range c.Quads {
		if q.Label == nil {
			continue
		}
		labelled++
		if _, ok := sents[q.Label]; !ok {
			t.Errorf("label %v of %v is not a sentence node", q.Label, q)
		}
	}
	if labelled < 200 {
		t.Errorf("only %d labelled quads", labelled)
	}
	for n, ts := range types {
		if len(ts) != 1 {
			t.Errorf("%v has %d types: %v", n, len(ts), ts)
		}
		if ts[0] == graph.TypeSentence {
			continue
		}
		if nm := names[n]; len(nm) != 1 {
			t.Errorf("%v has %d names: %v", n, len(nm), nm)
		}
	}
	// a relation between entities always carries evidence
	for _, q := range c.Quads {
		o, ok := q.Object.(quad.IRI)
		if !ok || q.Predicate == graph.RDFType || q.Predicate == graph.Within || q.Predicate == graph.DerivedFrom || q.Predicate == graph.AuthoredBy {
			continue
		}
		if _, isEnt := types[o]; isEnt && q.Label == nil {
			t.Errorf("relation without evidence: %v", q)
		}
	}
}
