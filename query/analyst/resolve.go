package analyst

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
)

// TypeNames maps the short type names the analyst endpoints accept
// (case-insensitive) to the contract's types.
var TypeNames = map[string]quad.IRI{
	"fund":         ngraph.TypeFund,
	"programme":    ngraph.TypeProgramme,
	"program":      ngraph.TypeProgramme,
	"outcome":      ngraph.TypeOutcome,
	"organization": ngraph.TypeOrganization,
	"organisation": ngraph.TypeOrganization,
	"person":       ngraph.TypePerson,
	"product":      ngraph.TypeProduct,
	"dataset":      ngraph.TypeDataset,
	"event":        ngraph.TypeEvent,
	"place":        ngraph.TypePlace,
	"creativework": ngraph.TypeCreativeWork,
	"date":         ngraph.TypeDate,
}

// parseType reads a short type name or an entity type IRI ("nhs:Fund",
// "<nhs:Fund>", or in full).
func parseType(s string) (quad.IRI, error) {
	if t, ok := TypeNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return t, nil
	}
	iri := ngraph.Shorten(quad.IRI(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")))
	for _, t := range ngraph.EntityTypes {
		if iri == t {
			return t, nil
		}
	}
	names := make([]string, 0, len(TypeNames))
	for n := range TypeNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return "", fmt.Errorf("%w: unknown type %q (want one of %s, or a type IRI such as nhs:Fund)", ErrBadParam, s, strings.Join(names, ", "))
}

// AmbiguousError is a name that several entities answer to. It matches
// ErrAmbiguous with errors.Is.
type AmbiguousError struct {
	Name       string
	Candidates []Hit
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s: %q could be any of %d entities; give one's IRI", ErrAmbiguous, e.Name, len(e.Candidates))
}

// Is makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// maxCandidates is how many candidates an ambiguous name lists.
const maxCandidates = 10

// resolve finds the node that s names. s is an IRI ("nhs:org/nhsx",
// "<nhs:org/nhsx>", or in full) when a node has that IRI; otherwise a name
// or alias, looked up as the entity search does: one exact match, or else
// one match of any kind, wins. Several are an *AmbiguousError; none is
// ErrNotFound.
func (x *index) resolve(what, s string) (int32, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return -1, fmt.Errorf("%w: %s is empty", ErrBadParam, what)
	}
	if n := x.lookupIRI(s); n >= 0 {
		return n, nil
	}
	if fold(s) == "" {
		return -1, fmt.Errorf("%w: %s %q names nothing", ErrNotFound, what, s)
	}
	cs := x.find(s, -1, maxCandidates+1)
	exact := 0
	for _, c := range cs {
		if c.tier == 0 {
			exact++
		}
	}
	switch {
	case len(cs) == 0:
		return -1, fmt.Errorf("%w: no entity is named %q (%s)", ErrNotFound, s, what)
	case exact == 1 || len(cs) == 1:
		return cs[0].node, nil
	case exact > 1:
		cs = cs[:exact]
	}
	return -1, &AmbiguousError{Name: s, Candidates: x.hits(cs[:min(len(cs), maxCandidates)])}
}

// lookupIRI finds a node by IRI, in any of the forms a URL may carry.
func (x *index) lookupIRI(s string) int32 {
	raw := strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	for _, v := range []quad.Value{quad.IRI(raw), ngraph.Shorten(quad.IRI(raw))} {
		if n := x.lookup(v); n >= 0 {
			return n
		}
	}
	if strings.HasPrefix(s, "_:") {
		return x.lookup(quad.BNode(s[2:]))
	}
	return -1
}
