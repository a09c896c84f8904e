package query

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
)

// jsonldWriter writes quads as expanded JSON-LD as they come, one node
// object per run of quads with the same subject and graph, so an export
// holds one subject's statements at a time (at most jsonldRun of them)
// instead of the whole graph: Cayley's writer builds an RDF dataset of
// every quad, then the JSON-LD tree, then encodes it, 1.6 GB more memory
// and 20 s before the first byte on a million quads. The output is a JSON
// array of node objects as Cayley's writer (JSON-LD's fromRdf) makes them
// ({"@id": ..., "@type": [...], "<predicate>": [{"@id": ...} or {"@value":
// ...}]}); a quad's graph label wraps its node: {"@id": label, "@graph":
// [node]}. JSON-LD processors merge node objects with the same @id, so a
// subject split over several runs reads back the same.
type jsonldWriter struct {
	w       *bufio.Writer
	enc     *json.Encoder
	n       int // node objects written
	subject quad.Value
	label   quad.Value
	props   map[string][]any
	order   []string // props' keys, first seen first
	held    int
	err     error
}

// jsonldRun is the most values one node object holds before it is written.
const jsonldRun = 1000

func newJSONLDWriter(w io.Writer) *jsonldWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	j := &jsonldWriter{w: bw, enc: enc}
	_, j.err = bw.WriteString("[")
	return j
}

// WriteQuad adds a quad, writing the run before it when it starts a new one.
func (j *jsonldWriter) WriteQuad(q quad.Quad) error {
	if j.err != nil {
		return j.err
	}
	if j.props != nil && (q.Subject != j.subject || q.Label != j.label || j.held >= jsonldRun) {
		j.flush()
	}
	if j.props == nil {
		j.subject, j.label, j.props, j.order, j.held = q.Subject, q.Label, map[string][]any{}, j.order[:0], 0
	}
	key, val := jsonldPredicate(q.Predicate), jsonldObject(q.Object)
	if key == "@type" {
		if id, ok := val.(map[string]string); ok && id["@id"] != "" {
			val = id["@id"]
		} else {
			key = ngraph.NSRDF + "type"
		}
	}
	if _, ok := j.props[key]; !ok {
		j.order = append(j.order, key)
	}
	j.props[key] = append(j.props[key], val)
	j.held++
	return j.err
}

// WriteQuads adds quads in order.
func (j *jsonldWriter) WriteQuads(qs []quad.Quad) (int, error) {
	for i, q := range qs {
		if err := j.WriteQuad(q); err != nil {
			return i, err
		}
	}
	return len(qs), nil
}

// flush writes the node object of the run in hand.
func (j *jsonldWriter) flush() {
	if j.props == nil || j.err != nil {
		return
	}
	if j.n > 0 {
		if _, j.err = j.w.WriteString(","); j.err != nil {
			return
		}
	}
	j.n++
	node := orderedObject{{"@id", jsonldID(j.subject)}}
	for _, k := range j.order {
		node = append(node, field{k, j.props[k]})
	}
	var v any = node
	if j.label != nil {
		v = orderedObject{{"@id", jsonldID(j.label)}, {"@graph", []any{node}}}
	}
	j.err = j.enc.Encode(v)
	j.props = nil
}

// Close writes the last run and ends the array.
func (j *jsonldWriter) Close() error {
	j.flush()
	if j.err != nil {
		return j.err
	}
	if _, err := j.w.WriteString("]\n"); err != nil {
		return err
	}
	return j.w.Flush()
}

func jsonldID(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return v.String()
	}
	return quad.StringOf(v)
}

func jsonldPredicate(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		if iri == ngraph.Expand(ngraph.RDFType) {
			return "@type"
		}
		return string(iri)
	}
	return quad.StringOf(v)
}

// jsonldObject is an object as JSON-LD's fromRdf writes it, without
// native types: a node reference, or a value with its datatype or
// language (none for a plain string).
func jsonldObject(v quad.Value) any {
	switch v := v.(type) {
	case quad.IRI:
		return map[string]string{"@id": string(v)}
	case quad.BNode:
		return map[string]string{"@id": v.String()}
	case quad.String:
		return map[string]string{"@value": string(v)}
	case quad.LangString:
		return map[string]string{"@value": string(v.Value), "@language": v.Lang}
	case quad.TypedString:
		return map[string]string{"@value": string(v.Value), "@type": string(v.Type)}
	case quad.TypedStringer:
		ts := v.TypedString()
		return map[string]string{"@value": string(ts.Value), "@type": string(ts.Type)}
	}
	return map[string]string{"@value": quad.StringOf(v)}
}

// orderedObject is a JSON object whose keys keep their order.
type orderedObject []field

type field struct {
	key string
	val any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, f := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := marshal(f.val)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// marshal is json.Marshal without escaping <, > and & (IRIs and text keep
// them as they are).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
