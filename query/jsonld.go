package query

import (
	"bufio"
	"io"
	"unicode/utf8"

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
// subject split over several runs reads back the same. The JSON is
// written directly, without building values to encode.
type jsonldWriter struct {
	w       *bufio.Writer
	n       int // node objects written
	subject quad.Value
	label   quad.Value
	props   []jsonldProp // the run in hand, properties in the order first seen
	held    int
	err     error
}

// jsonldProp is one property of a node object and its values.
type jsonldProp struct {
	key  string
	vals []jsonldValue
}

// jsonldValue is a node reference (id) or a value with its datatype or
// language.
type jsonldValue struct {
	id, value, typ, lang string
}

// jsonldRun is the most values one node object holds before it is written.
const jsonldRun = 1000

func newJSONLDWriter(w io.Writer) *jsonldWriter {
	j := &jsonldWriter{w: bufio.NewWriterSize(w, 64<<10)}
	j.err = j.w.WriteByte('[')
	return j
}

// WriteQuad adds a quad, writing the run before it when it starts a new one.
func (j *jsonldWriter) WriteQuad(q quad.Quad) error {
	if j.err != nil {
		return j.err
	}
	if j.held > 0 && (q.Subject != j.subject || q.Label != j.label || j.held >= jsonldRun) {
		j.flush()
	}
	j.subject, j.label = q.Subject, q.Label
	key, val := jsonldPredicate(q.Predicate), jsonldObject(q.Object)
	if key == "@type" {
		if val.id != "" {
			val = jsonldValue{value: val.id} // @type lists IRIs bare
		} else {
			key = ngraph.NSRDF + "type"
		}
	}
	i := 0
	for i < len(j.props) && j.props[i].key != key {
		i++
	}
	if i == len(j.props) {
		if i < cap(j.props) {
			j.props = j.props[:i+1]
			j.props[i].key, j.props[i].vals = key, j.props[i].vals[:0]
		} else {
			j.props = append(j.props, jsonldProp{key: key})
		}
	}
	j.props[i].vals = append(j.props[i].vals, val)
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
	if j.held == 0 || j.err != nil {
		return
	}
	w := j.w
	if j.n > 0 {
		w.WriteString(",\n")
	}
	j.n++
	if j.label != nil {
		w.WriteString(`{"@id":`)
		writeJSONString(w, jsonldID(j.label))
		w.WriteString(`,"@graph":[`)
	}
	w.WriteString(`{"@id":`)
	writeJSONString(w, jsonldID(j.subject))
	for _, p := range j.props {
		w.WriteByte(',')
		writeJSONString(w, p.key)
		w.WriteString(":[")
		for k, v := range p.vals {
			if k > 0 {
				w.WriteByte(',')
			}
			if p.key == "@type" {
				writeJSONString(w, v.value)
				continue
			}
			writeJSONValue(w, v)
		}
		w.WriteByte(']')
	}
	w.WriteByte('}')
	if j.label != nil {
		w.WriteString("]}")
	}
	j.props, j.held = j.props[:0], 0
	// bufio.Writer keeps its first error; WriteString above returns it too
	_, j.err = w.WriteString("")
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

func writeJSONValue(w *bufio.Writer, v jsonldValue) {
	if v.id != "" {
		w.WriteString(`{"@id":`)
		writeJSONString(w, v.id)
		w.WriteByte('}')
		return
	}
	w.WriteString(`{"@value":`)
	writeJSONString(w, v.value)
	if v.typ != "" {
		w.WriteString(`,"@type":`)
		writeJSONString(w, v.typ)
	}
	if v.lang != "" {
		w.WriteString(`,"@language":`)
		writeJSONString(w, v.lang)
	}
	w.WriteByte('}')
}

// writeJSONString writes s as a JSON string, as encoding/json does without
// escaping HTML: quotes, backslashes and control characters escaped,
// invalid UTF-8 as U+FFFD, U+2028 and U+2029 escaped.
func writeJSONString(w *bufio.Writer, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			w.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				w.WriteByte('\\')
				w.WriteByte(c)
			case '\n':
				w.WriteString(`\n`)
			case '\r':
				w.WriteString(`\r`)
			case '\t':
				w.WriteString(`\t`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(hex[c>>4])
				w.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.WriteString(s[start:i])
			w.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			w.WriteString(s[start:i])
			w.WriteString(`\u202`)
			w.WriteByte(hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
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
		if iri == ngraph.NSRDF+"type" {
			return "@type"
		}
		return string(iri)
	}
	return quad.StringOf(v)
}

// jsonldObject is an object as JSON-LD's fromRdf writes it, without
// native types: a node reference, or a value with its datatype or
// language (none for a plain string).
func jsonldObject(v quad.Value) jsonldValue {
	switch v := v.(type) {
	case quad.IRI:
		return jsonldValue{id: string(v)}
	case quad.BNode:
		return jsonldValue{id: v.String()}
	case quad.String:
		return jsonldValue{value: string(v)}
	case quad.LangString:
		return jsonldValue{value: string(v.Value), lang: v.Lang}
	case quad.TypedString:
		return jsonldValue{value: string(v.Value), typ: string(v.Type)}
	case quad.TypedStringer:
		ts := v.TypedString()
		return jsonldValue{value: string(ts.Value), typ: string(ts.Type)}
	}
	return jsonldValue{value: quad.StringOf(v)}
}
