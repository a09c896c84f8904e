package query

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/jsonld" // registers the jsonld format
	_ "github.com/cayleygraph/quad/nquads" // registers the nquads format

	ngraph "github.com/nhsgraph/nhsgraph/graph"
)

// ExportRequest selects quads to export, as Cayley's GET /api/v2/read
// does: each filter is a list of values (N-Quads terms such as
// <nhs:org/nhsx> or "NHSX"); a quad passes when each non-empty list holds
// its term.
type ExportRequest struct {
	Format                                string // nquads (default) or jsonld
	Subjects, Predicates, Objects, Labels []string
	// Short keeps IRIs short as the store holds them (nhs:org/nhsx);
	// by default they are expanded to full IRIs, as RDF tools expect.
	Short bool
}

// ExportFormat checks a format name and returns its MIME type, so a
// caller can set headers before the first byte.
func ExportFormat(name string) (string, error) {
	f, err := exportFormat(name)
	if err != nil {
		return "", err
	}
	if len(f.Mime) == 0 {
		return "application/octet-stream", nil
	}
	return f.Mime[0], nil
}

func exportFormat(name string) (*quad.Format, error) {
	if name == "" {
		name = "nquads"
	}
	f := quad.FormatByName(name)
	if f == nil || f.Writer == nil || (name != "nquads" && name != "jsonld") {
		return nil, fmt.Errorf("%w: format %q is not supported for reading data (want nquads or jsonld)", ErrBadParam, name)
	}
	return f, nil
}

// ExportMIME finds the export format a MIME type names (from an Accept
// header), or "".
func ExportMIME(mime string) string {
	for _, name := range []string{"nquads", "jsonld"} {
		for _, m := range quad.FormatByName(name).Mime {
			if strings.EqualFold(m, mime) {
				return name
			}
		}
	}
	return ""
}

// Export writes the quads req selects to w, streaming them from the store
// in either format. An error after the first byte leaves w holding a
// partial answer. An export takes a concurrency slot as a query does (or
// ErrBusy), and the memory watch stops it as it stops queries.
func (e *Engine) Export(ctx context.Context, w io.Writer, req ExportRequest) error {
	f, err := exportFormat(req.Format)
	if err != nil {
		return err
	}
	release, err := e.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	xctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watched := newQuotaStore(e.store.QuadStore(), math.MaxInt64, cancel)
	if e.mem != nil {
		defer e.mem.watch(watched)()
	}
	qs := e.store.QuadStore()
	filter := shape.FilterQuads(terms(req.Subjects, true), terms(req.Predicates, true), terms(req.Objects, false), terms(req.Labels, true))
	it := filter.BuildIterator(qs)
	qr := graph.NewResultReader(qs, it)
	defer qr.Close()
	var qw quad.WriteCloser
	if f.Name == "jsonld" {
		qw = newJSONLDWriter(w)
	} else {
		qw = f.Writer(w)
	}
	for {
		if err := xctx.Err(); err != nil {
			qw.Close()
			return classify(ctx, watched, err)
		}
		q, err := qr.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			qw.Close()
			return e.store.Unavailable(err)
		}
		if !req.Short {
			q = ngraph.ExpandQuad(q)
		}
		if err := qw.WriteQuad(q); err != nil {
			qw.Close()
			return err
		}
	}
	return qw.Close()
}

// terms reads comma-separated filter values as Cayley does, accepting full
// IRIs for the short ones the store holds. Where only a node can stand
// (subject, predicate, label), a bare term is an IRI, not a string; a
// quoted one is a string without its quotes.
func terms(ss []string, node bool) []quad.Value {
	var out []quad.Value
	for _, s := range ss {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			v := quad.StringToValue(part)
			if _, ok := v.(quad.String); ok {
				switch {
				case len(part) >= 2 && part[0] == '"' && part[len(part)-1] == '"':
					v = quad.String(part[1 : len(part)-1]) // "NHSX" as N-Quads writes it
				case node:
					v = quad.IRI(part)
				}
			}
			if iri, ok := v.(quad.IRI); ok {
				v = ngraph.Shorten(iri)
			}
			out = append(out, v)
		}
	}
	return out
}
