package loader

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// TestSchemaDoc keeps docs/SCHEMA.md true: it is made from graph.Schema
// and the seeds graph (counts and an example sentence for every term), and
// every predicate and type the loader writes must be documented there.
func TestSchemaDoc(t *testing.T) {
	c := New().ExtractAll(seedFiles(t))
	text := map[quad.Value]string{}
	types := map[quad.Value]quad.Value{}
	for _, q := range c.Quads {
		switch q.Predicate {
		case graph.Text:
			text[q.Subject] = string(q.Object.(quad.String))
		case graph.RDFType:
			types[q.Subject] = q.Object
		}
	}
	count := map[quad.IRI]int{}
	example := map[quad.IRI]string{}
	documented := map[quad.IRI]bool{}
	for _, term := range graph.Schema {
		documented[term.IRI] = true
	}
	rels := map[quad.IRI]int{}
	for _, q := range c.Quads {
		p := q.Predicate.(quad.IRI)
		if graph.IsRel(p) {
			rels[p]++ // the nhs:rel/ family, listed on its own
			if example[p] == "" && q.Label != nil {
				example[p] = text[q.Label]
			}
			continue
		}
		if !documented[p] {
			t.Errorf("predicate %v is written but not in graph.Schema", p)
		}
		count[p]++
		if example[p] == "" && q.Label != nil {
			example[p] = text[q.Label]
		}
		if p == graph.RDFType {
			ty := q.Object.(quad.IRI)
			if !documented[ty] {
				t.Errorf("type %v is written but not in graph.Schema", ty)
			}
			count[ty]++
		}
		if p == graph.Mentions {
			if ty, ok := types[q.Object].(quad.IRI); ok && example[ty] == "" {
				example[ty] = text[q.Label]
			}
		}
	}
	var b strings.Builder
	b.WriteString("# Schema\n\n")
	b.WriteString("Every type and predicate nhsgraph writes: a superset of `../shared/graph-contract.md`.\n")
	b.WriteString("This file is generated from `graph/schema.go` and the seeds graph by\n")
	b.WriteString("`go test ./loader -run TestSchemaDoc -update`; `GET /api/v1/schema` serves the same as JSON\n")
	b.WriteString("with live counts from the store.\n\n")
	b.WriteString("## Prefixes\n\nIRIs are stored short and expanded on RDF export (`extract --expand`, `/api/v2/read`).\n\n| prefix | namespace |\n| --- | --- |\n")
	for _, p := range graph.Prefixes {
		fmt.Fprintf(&b, "| `%s` | `%s` |\n", p.Prefix, p.Namespace)
	}
	b.WriteString("\nNode IRIs come from canonical names: `<nhs:org/nhs-digital>`, `<nhs:person/matthew-gould>`,\n")
	b.WriteString("`<nhs:programme/digital-aspirant-programme>`, `<nhs:fund/...>`, `<nhs:outcome/...>`, `<nhs:date/2021-11-22>`;\n")
	b.WriteString("documents are `<nhs:doc/FILE-STEM>` and sentences `<nhs:doc/FILE-STEM/s/N>`.\n")
	for _, kind := range []string{"type", "predicate"} {
		if kind == "type" {
			b.WriteString("\n## Types\n\n| type | nodes in the seeds graph | description | example sentence |\n| --- | --- | --- | --- |\n")
		} else {
			b.WriteString("\n## Predicates\n\n| predicate | domain | range | quads in the seeds graph | description | example sentence |\n| --- | --- | --- | --- | --- | --- |\n")
		}
		for _, term := range graph.Schema {
			if term.Kind != kind {
				continue
			}
			ex := strings.ReplaceAll(example[term.IRI], "|", "\\|")
			if len(ex) > 160 {
				ex = ex[:strings.LastIndex(ex[:160], " ")] + " …"
			}
			if kind == "type" {
				fmt.Fprintf(&b, "| `%s` | %d | %s | %s |\n", term.IRI, count[term.IRI], term.Description, ex)
			} else {
				fmt.Fprintf(&b, "| `%s` | %s | %s | %d | %s | %s |\n", term.IRI, term.Domain, term.Range, count[term.IRI], term.Description, ex)
			}
		}
	}
	b.WriteString("\n### Relations named by their own words\n\n")
	b.WriteString("A relation no predicate above stands for keeps its verb and the words that complete it under\n")
	b.WriteString("`nhs:rel/`. These are the seeds graph's, most used first; other documents make others.\n\n")
	b.WriteString("| predicate | quads in the seeds graph | example sentence |\n| --- | --- | --- |\n")
	relList := slices.Collect(maps.Keys(rels))
	slices.SortFunc(relList, func(a, b quad.IRI) int {
		if rels[a] != rels[b] {
			return rels[b] - rels[a]
		}
		return strings.Compare(string(a), string(b))
	})
	for _, p := range relList {
		ex := strings.ReplaceAll(example[p], "|", "\\|")
		if len(ex) > 160 {
			ex = ex[:strings.LastIndex(ex[:160], " ")] + " …"
		}
		fmt.Fprintf(&b, "| `%s` | %d | %s |\n", p, rels[p], ex)
	}
	b.WriteString("\n## Evidence\n\nEvery quad read from a document is labelled with its sentence node. Entity identity quads\n")
	b.WriteString("(`rdf:type`, `schema:name`, `schema:alternateName`), the date hierarchy and the document and\n")
	b.WriteString("sentence bookkeeping are unlabelled, so each holds once however many sentences mention the\n")
	b.WriteString("entity; the mention itself is the labelled quad `<sentence> <nhs:mentions> <entity>`.\n")
	golden(t, "../../docs/SCHEMA.md", []byte(b.String()))
}
