package loader

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// TestOneNodePerThing checks the corpus pass: whichever document and
// whichever variant names a thing, it is one node, with one type and one
// name, and its other names as aliases.
func TestOneNodePerThing(t *testing.T) {
	files := []File{
		{Name: "a.md", Data: []byte("# Regional report\n\nThe Regional Imaging Archive (RIA) holds scans. Coastal Data Lab runs it.\n")},
		{Name: "b.md", Data: []byte("# Update\n\nRIA grew in 2021. The regional imaging archive now holds 40,000 scans.\n")},
		{Name: "c.md", Data: []byte("# Notes\n\nThe NHS Artificial Intelligence Laboratory met the NHS AI Lab's partners.\n")},
		// a description is also called by its first noun phrase, and a
		// description in one document is the thing another names
		{Name: "d.md", Data: []byte("# Coastal Data Lab annual review\n\nWe expanded virtual clinics for older patients in 2022. We also hired staff. The Falls Sensors Network grew.\n")},
		{Name: "e.md", Data: []byte("# Plans\n\nAll 30 practices will have a falls sensors network by May 2026.\n")},
	}
	c := New().ExtractAll(files)
	names := map[quad.Value][]string{}
	types := map[quad.Value][]quad.Value{}
	aliases := map[quad.Value][]string{}
	for _, q := range c.Quads {
		switch q.Predicate {
		case graph.Name:
			names[q.Subject] = append(names[q.Subject], string(q.Object.(quad.String)))
		case graph.RDFType:
			types[q.Subject] = append(types[q.Subject], q.Object)
		case graph.AlternateName:
			aliases[q.Subject] = append(aliases[q.Subject], string(q.Object.(quad.String)))
		}
	}
	nodesNamed := func(name string) []quad.Value {
		var out []quad.Value
		for n, ns := range names {
			for _, x := range append(ns, aliases[n]...) {
				if strings.EqualFold(x, name) {
					out = append(out, n)
					break
				}
			}
		}
		return out
	}
	for _, name := range []string{"Regional Imaging Archive", "RIA", "NHS AI Lab", "NHS Artificial Intelligence Laboratory", "virtual clinics", "Falls Sensors Network"} {
		if got := nodesNamed(name); len(got) != 1 {
			t.Errorf("%q names %d nodes: %v", name, len(got), got)
		}
	}
	if a, b := nodesNamed("RIA"), nodesNamed("Regional Imaging Archive"); len(a) == 1 && len(b) == 1 && a[0] != b[0] {
		t.Errorf("RIA is %v, the archive %v", a[0], b[0])
	}
	for n, ts := range types {
		if len(ts) != 1 {
			t.Errorf("%v has types %v", n, ts)
		}
		if len(names[n]) != 1 && ts[0] != graph.TypeSentence {
			t.Errorf("%v has names %v", n, names[n])
		}
	}
}

// TestNodeIRIs checks that IRIs are stable and readable, and that long
// names do not collide.
func TestNodeIRIs(t *testing.T) {
	if got := nodeIRI(graph.TypeOrganization, "Coastal Data Lab"); got != "nhs:org/coastal-data-lab" {
		t.Errorf("got %v", got)
	}
	if got := nodeIRI(graph.TypeDate, "2021-05"); got != "nhs:date/2021-05" {
		t.Errorf("got %v", got)
	}
	long := strings.Repeat("word ", 30)
	a, b := nodeIRI(TypeConcept, long+"one"), nodeIRI(TypeConcept, long+"two")
	if a == b || len(a) > 120 {
		t.Errorf("long names: %v and %v", a, b)
	}
}

// TestPublisher checks that a document's own word on who published it
// links the publisher to the document node, and that a sentence about some
// other work does not.
func TestPublisher(t *testing.T) {
	tests := []struct {
		name, text string
		want       quad.IRI // the publisher's node, "" for none
	}{
		{"published on a website", "# Falls pilot\n\nThis is a copy of the case study published here on the Coastal Data Lab website.\n\nThe pilot ran.\n", "nhs:org/coastal-data-lab"},
		{"published by", "# Falls pilot\n\nThis report was published by Eastmoor Council in 2022.\n", "nhs:org/eastmoor-council"},
		{"a byline", "# Falls pilot\n\nPublished by Westfield Hospital NHS Trust\n\nThe pilot ran.\n", "nhs:org/westfield-hospital-nhs-trust"},
		{"another work", "# Falls pilot\n\nEastmoor Council published the Harbour Data Charter in 2021.\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New().ExtractAll([]File{{Name: "p.md", Data: []byte(tc.text)}})
			var got quad.IRI
			for _, q := range c.Quads {
				if q.Predicate == graph.Published && q.Object == quad.IRI("nhs:doc/p") {
					got = q.Subject.(quad.IRI)
				}
			}
			if got != tc.want {
				t.Errorf("publisher %q, want %q", got, tc.want)
			}
		})
	}
}
