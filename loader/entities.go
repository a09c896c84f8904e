package loader

import (
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// entity is one real thing a document names, whatever the variants it is
// named by: its canonical name, the other names, and its type.
type entity struct {
	id      int
	name    string   // canonical: the longest full name seen
	aliases []string // every other surface form
	typ     quad.IRI // "" until typed
	known   *Entry   // the gazetteer's entry, if it knows the name
	short   string   // the abbreviation the document defines for it
	person  bool
	// evidence of type from what the text says of it (an apposition, a
	// copula, the role it plays): used when its name has no typing head
	votes map[quad.IRI]int
	body  int  // mentions outside headings
	first int  // the first sentence that names it outside headings, -1 before
	topic bool // the document's or a section's topic
	drop  bool // merged into another entity or found to be no entity
	into  *entity

	// a described node (a concept, an outcome, a target, a fund, a role, a
	// date): not a name the text uses but a thing it describes
	described bool
	desc      string // what the text says of it, in its words
	sent      int    // the sentence that describes it; -1 for none
	plan      bool   // an aim or a target, not a deed
	value     float64
	hasValue  bool
	unit      string
	hedge     string
	amount    int64  // a fund's amount in whole pounds
	bound     string // "at least", "over", ...
	fundKind  string // "capital", "revenue"
	dateName  string // a date's readable name
	iri       quad.IRI
	about     []*entity // the names in its words
	aboutDone bool      // its about links are written
}

// resolve follows merges to the entity that stands for e.
func (e *entity) resolve() *entity {
	for e.into != nil {
		e = e.into
	}
	return e
}

func (e *entity) vote(t quad.IRI, n int) {
	if e.votes == nil {
		e.votes = map[quad.IRI]int{}
	}
	e.votes[t] += n
}

// finalType is the entity's type: the gazetteer's, its head noun's, a
// person's, else the type the text gave it most often.
func (e *entity) finalType() quad.IRI {
	switch {
	case e.known != nil:
		return e.known.Type
	case e.typ != "":
		return e.typ
	case e.person:
		return graph.TypePerson
	}
	best, n := quad.IRI(""), 0
	for _, t := range graph.EntityTypes {
		if e.votes[t] > n {
			best, n = t, e.votes[t]
		}
	}
	return best
}

// nameKey is the form names are compared in: lower case, no leading
// article, no possessive, "&" as "and", one space between words.
func nameKey(s string) string {
	if plainKey(s) {
		return s
	}
	return slowNameKey(s)
}

// slowNameKey is nameKey for any string.
func slowNameKey(s string) string {
	if k, ok := asciiNameKey(s); ok {
		return k
	}
	return unicodeNameKey(s)
}

// asciiNameKey is unicodeNameKey for ASCII text, in one pass and one
// allocation; ok is false for other text.
func asciiNameKey(s string) (string, bool) {
	t := strings.TrimSpace(s)
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	switch n := len(t); {
	case n >= 2 && t[n-2] == '\'' && (t[n-1] == 's' || t[n-1] == 'S'):
		t = t[:n-2]
	case n >= 1 && t[n-1] == '\'':
		t = t[:n-1]
	}
	if len(t) >= 4 && strings.EqualFold(t[:4], "the ") {
		t = t[4:]
	}
	var b strings.Builder
	b.Grow(len(t) + 4)
	space := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch c {
		case '&':
			if b.Len() > 0 {
				b.WriteString(" and")
			}
			space = true
		case ' ', '\t', '\n', '(', ')', ',', '"':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// unicodeNameKey is nameKey the long way.
func unicodeNameKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimSuffix(s, "'")
	s = strings.TrimPrefix(s, "the ")
	var b strings.Builder
	b.Grow(len(s) + 4)
	space := false
	for _, r := range s {
		switch {
		case r == '&':
			if b.Len() > 0 {
				b.WriteString(" and")
			}
			space = true
		case r == ' ' || r == '\t' || r == '\n' || r == '\u00a0' || r == '(' || r == ')' || r == ',' || r == '"' || r == '“' || r == '”':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainKey reports whether s is already its own key: lower-case ASCII
// words separated by single spaces, with nothing nameKey would change.
func plainKey(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == '\'' || strings.HasPrefix(s, "the ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '.', c == '/', c == '+', c == '\'':
		case c == ' ':
			if s[i-1] == ' ' {
				return false
			}
		default:
			return false
		}
	}
	return !strings.HasSuffix(s, "'s")
}

// entities is a document's table of entities, by the keys of all their names.
type entities struct {
	list  []*entity
	byKey map[string]*entity
	gaz   *Gazetteer
}

func newEntities(g *Gazetteer) *entities {
	return &entities{byKey: map[string]*entity{}, gaz: g}
}

// get returns the entity named name, making it if it is new.
func (es *entities) get(name string) *entity {
	k := nameKey(name)
	if e, ok := es.byKey[k]; ok {
		return e.resolve()
	}
	e := &entity{id: len(es.list), name: cleanName(name), first: -1}
	if es.gaz != nil {
		if known := es.gaz.lookupName(name); known != nil {
			// the gazetteer's canonical name, whatever variant the text used
			if other, ok := es.byKey[nameKey(known.Name)]; ok {
				es.byKey[k] = other.resolve()
				other.resolve().addAlias(name)
				return other.resolve()
			}
			e.known = known
			e.typ = known.Type
			e.name = known.Name
			e.addAlias(name)
			es.byKey[nameKey(known.Name)] = e
			for _, a := range known.Aliases {
				es.byKey[nameKey(a)] = e
			}
		}
	}
	es.byKey[k] = e
	es.list = append(es.list, e)
	return e
}

// lookup returns the entity a name already stands for, or nil.
func (es *entities) lookup(name string) *entity {
	if e, ok := es.byKey[nameKey(name)]; ok {
		return e.resolve()
	}
	return nil
}

// alias records that name is another name of e.
func (es *entities) alias(e *entity, name string) {
	e = e.resolve()
	k := nameKey(name)
	if other, ok := es.byKey[k]; ok && other.resolve() != e {
		es.merge(other.resolve(), e)
		return
	}
	es.byKey[k] = e
	e.addAlias(name)
}

// merge makes from stand for into: its names become into's aliases.
func (es *entities) merge(from, into *entity) {
	from, into = from.resolve(), into.resolve()
	if from == into {
		return
	}
	from.into, from.drop = into, true
	into.addAlias(from.name)
	for _, a := range from.aliases {
		into.addAlias(a)
	}
	if into.known == nil && from.known != nil {
		into.known, into.typ, into.name = from.known, from.known.Type, from.known.Name
	}
	if into.typ == "" {
		into.typ = from.typ
	}
	into.person = into.person || from.person
	into.body += from.body
	into.topic = into.topic || from.topic
	if into.short == "" {
		into.short = from.short
	}
	for t, n := range from.votes {
		into.vote(t, n)
	}
}

func (e *entity) addAlias(name string) {
	name = cleanName(name)
	if name == "" || name == e.name {
		return
	}
	for _, a := range e.aliases {
		if a == name {
			return
		}
	}
	e.aliases = append(e.aliases, name)
}

// rename makes name the canonical name, keeping the old one as an alias.
func (e *entity) rename(name string) {
	name = cleanName(name)
	if name == e.name || name == "" {
		return
	}
	old := e.name
	e.name = name
	for i, a := range e.aliases {
		if a == name {
			e.aliases = append(e.aliases[:i], e.aliases[i+1:]...)
			break
		}
	}
	e.addAlias(old)
}

// cleanName trims a surface form to a name: no leading article, no
// possessive ending, one space between words.
func cleanName(s string) string {
	s = collapseSpace(strings.TrimSpace(s))
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		s = strings.TrimSuffix(s, suf)
	}
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		s = s[4:]
	}
	return strings.TrimSpace(s)
}

// live lists the entities that were not merged away.
func (es *entities) live() []*entity {
	var out []*entity
	for _, e := range es.list {
		if !e.drop {
			out = append(out, e)
		}
	}
	return out
}
