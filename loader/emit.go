package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// corpusBuilder turns the documents' entities and facts into quads. It
// makes the entities of all the documents it is given one node per real
// thing: two entities are one if the name of one is a name (or a name of
// several words an alias) of the other, whichever document they come from.
type corpusBuilder struct {
	docs     []*docState
	group    map[*entity]*node
	nodes    []*node
	outcomes map[*docState][]OutcomeInfo
}

// node is one named entity of the corpus, made of the documents' entities
// that name it.
type node struct {
	members []*entity
	name    string
	aliases []string
	typ     quad.IRI
	iri     quad.IRI
	into    *node
}

func (n *node) find() *node {
	root := n
	for root.into != nil {
		root = root.into
	}
	for n != root { // path compression
		next := n.into
		n.into = root
		n = next
	}
	return root
}

func newCorpusBuilder(docs []*docState) *corpusBuilder {
	c := &corpusBuilder{docs: docs, group: map[*entity]*node{}, outcomes: map[*docState][]OutcomeInfo{}}
	primary := map[string]*node{} // a member's name, by key
	any := map[string]*node{}     // any of a member's names of two or more words
	loose := map[string]*node{}   // a member's type and name without numbered suffixes
	for _, d := range docs {
		used := map[*entity]bool{}
		for _, f := range d.facts {
			used[f.s.resolve()], used[f.o.resolve()] = true, true
		}
		for _, e := range d.ents.live() {
			// a name of no known kind is written only where a relation needs it
			if !d.keep(e) || e.finalType() == "" && !used[e] {
				continue
			}
			n := &node{}
			c.nodes = append(c.nodes, n)
			join := func(o *node) {
				if o = o.find(); o != n.find() {
					o.into = n.find()
				}
			}
			k := nameKey(e.name)
			if o := primary[k]; o != nil {
				join(o)
			}
			if o := any[k]; o != nil {
				join(o)
			}
			for _, a := range e.aliases {
				ak := nameKey(a)
				if o := primary[ak]; o != nil {
					join(o)
				}
				if o := any[ak]; o != nil && strings.Contains(ak, " ") {
					join(o)
				}
			}
			// "COVID response" and "COVID-19 response": one programme
			lk := ""
			if t := e.finalType(); t != "" {
				lk = string(t) + "|" + looseKey(e.name)
				if o := loose[lk]; o != nil {
					join(o)
				}
			}
			root := n.find()
			primary[k] = root
			any[k] = root
			if lk != "" {
				loose[lk] = root
			}
			for _, a := range e.aliases {
				if ak := nameKey(a); strings.Contains(ak, " ") || acronymWord(a) {
					if _, ok := any[ak]; !ok || strings.Contains(ak, " ") {
						any[ak] = root
					}
				}
			}
			c.group[e] = n
		}
	}
	for e, n := range c.group {
		r := n.find()
		c.group[e] = r
		r.members = append(r.members, e)
	}
	byKey := map[string]*node{}
	bySingular := map[string]*node{} // "shared care records" found by "shared care record"
	for _, n := range c.nodes {
		if n.into == nil && len(n.members) > 0 {
			n.settle()
			byKey[nameKey(n.name)] = n
			if _, ok := bySingular[singularKey(n.name)]; !ok {
				bySingular[singularKey(n.name)] = n
			}
			for _, a := range n.aliases {
				if _, ok := byKey[nameKey(a)]; !ok {
					byKey[nameKey(a)] = n
				}
			}
		}
	}
	// a thing described in words that another document names ("the
	// COVID-19 chest imaging database") is that named thing
	for _, d := range docs {
		for _, e := range d.describedList {
			switch e.typ {
			case TypeConcept, graph.TypeProduct, graph.TypeDataset, graph.TypeCreativeWork, graph.TypeProgramme:
				if n := byKey[nameKey(e.name)]; n != nil {
					c.group[e] = n
				} else if n := bySingular[singularKey(e.name)]; n != nil && strings.Contains(e.name, " ") {
					c.group[e] = n
				}
			}
		}
	}
	return c
}

// singularKey is a name's key with its last word in the singular.
func singularKey(name string) string {
	k := nameKey(name)
	i := strings.LastIndexByte(k, ' ')
	return k[:i+1] + singular(k[i+1:])
}

// looseKey is a name's key with numbered suffixes of its words dropped
// ("covid-19" is "covid"), so that two spellings of one name meet.
func looseKey(name string) string {
	words := strings.Fields(nameKey(name))
	for i, w := range words {
		if j := strings.LastIndexByte(w, '-'); j > 0 && j+1 < len(w) && strings.Trim(w[j+1:], "0123456789") == "" {
			words[i] = w[:j]
		}
	}
	return strings.Join(words, " ")
}

// settle picks a node's canonical name, type and IRI from its members.
func (n *node) settle() {
	slices.SortFunc(n.members, func(a, b *entity) int { return a.id - b.id })
	votes := map[quad.IRI]int{}
	var known *Entry
	names := map[string]bool{}
	for _, e := range n.members {
		if e.known != nil {
			known = e.known
		}
		if t := e.finalType(); t != "" {
			w := 1
			if e.typ != "" || e.person {
				w = 10 // a head noun or a title says more than the text's hints
			}
			votes[t] += w
		}
		names[e.name] = true
		for _, a := range e.aliases {
			names[a] = true
		}
	}
	switch {
	case known != nil:
		n.name, n.typ = known.Name, known.Type
	default:
		for _, e := range n.members {
			if len(e.name) > len(n.name) || len(e.name) == len(n.name) && e.name < n.name {
				n.name = e.name
			}
		}
		for _, t := range graph.EntityTypes {
			if votes[t] > votes[n.typ] {
				n.typ = t
			}
		}
	}
	if n.typ == "" {
		n.typ = TypeConcept // a name the text gives no kind for
	}
	for a := range names {
		if a != n.name && nameKey(a) != "" {
			n.aliases = append(n.aliases, a)
		}
	}
	slices.Sort(n.aliases)
	n.iri = nodeIRI(n.typ, n.name)
}

// nodeIRI is the IRI of a node: <nhs:org/nhs-digital>, <nhs:concept/...>.
// A long name's slug is cut and given a hash of the whole name, so two
// long names never share an IRI.
func nodeIRI(typ quad.IRI, name string) quad.IRI {
	slug := graph.Slug(name)
	if len(slug) > 80 {
		cut := strings.LastIndexByte(slug[:80], '-')
		if cut < 40 {
			cut = 80
		}
		sum := sha256.Sum256([]byte(slug))
		slug = slug[:cut] + "-" + hex.EncodeToString(sum[:4])
	}
	if slug == "" {
		sum := sha256.Sum256([]byte(name))
		slug = hex.EncodeToString(sum[:6])
	}
	if typ == graph.TypeDate {
		return quad.IRI("nhs:date/" + name)
	}
	return graph.EntityIRI(typ, slug)
}

// keep reports whether an entity is written: it was named outside the
// headings (or is known, or a topic), and it is typed or takes part in a
// relation.
func (d *docState) keep(e *entity) bool {
	if e.drop {
		return false
	}
	if e.body == 0 && e.known == nil && !e.topic {
		return false
	}
	return true
}

// iriOf is the IRI an entity is written as.
func (c *corpusBuilder) iriOf(e *entity) quad.IRI {
	e = e.resolve()
	if n := c.group[e]; n != nil {
		return n.iri
	}
	if e.iri == "" {
		e.iri = nodeIRI(e.typ, e.name)
	}
	return e.iri
}

// quads writes every document's quads, in document and sentence order.
func (c *corpusBuilder) quads() []quad.Quad {
	size := 0
	for _, d := range c.docs {
		size += 8*len(d.sents) + 4*len(d.facts)
	}
	out := make([]quad.Quad, 0, size)
	seen := newQuadIndex(size)
	add := func(s quad.Value, p quad.IRI, o quad.Value, l quad.Value) {
		q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: l}
		h := seen.hash(q)
		if !seen.has(out, q, h) {
			seen.add(h, len(out))
			out = append(out, q)
		}
	}
	written := map[quad.IRI]bool{}
	identity := func(e *entity) quad.IRI {
		e = e.resolve()
		iri := c.iriOf(e)
		if written[iri] {
			return iri
		}
		written[iri] = true
		if n := c.group[e]; n != nil {
			add(iri, graph.RDFType, n.typ, nil)
			add(iri, graph.Name, quad.String(n.name), nil)
			for _, a := range n.aliases {
				add(iri, graph.AlternateName, quad.String(a), nil)
			}
			return iri
		}
		add(iri, graph.RDFType, e.typ, nil)
		name := e.name
		if e.typ == graph.TypeDate && e.dateName != "" {
			name = e.dateName
		}
		add(iri, graph.Name, quad.String(name), nil)
		for _, a := range e.aliases {
			add(iri, graph.AlternateName, quad.String(a), nil)
		}
		return iri
	}
	for _, d := range c.docs {
		label := func(n int) quad.Value { return graph.SentenceIRI(d.id, n) }
		add(d.iri, graph.RDFType, graph.TypeDocument, nil)
		add(d.iri, graph.Name, quad.String(d.title), nil)
		add(d.iri, graph.File, quad.String(d.file), nil)
		add(d.iri, graph.SHA256, quad.String(d.sha), nil)
		if !d.date.IsZero() {
			add(d.iri, graph.DatePublished, quad.String(d.date.Format("2006-01-02")), nil)
		}
		for _, s := range d.sents {
			l := label(s.N)
			add(l, graph.RDFType, graph.TypeSentence, nil)
			add(l, graph.Text, quad.String(s.Text), nil)
			add(l, graph.DerivedFrom, d.iri, nil)
			add(l, graph.Start, quad.Int(s.Start), nil)
			add(l, graph.End, quad.Int(s.End), nil)
		}
		if d.author != nil && d.keep(d.author.resolve()) {
			add(d.iri, graph.AuthoredBy, identity(d.author), label(d.authorAt))
		}
		if d.publisher != nil && d.keep(d.publisher.resolve()) {
			add(identity(d.publisher), graph.Published, d.iri, label(d.publisherAt))
		}
		if d.updated != "" {
			ds := d.dates[d.updated]
			add(d.iri, UpdatedOn, identity(d.dateNode(ds, 0)), label(0))
		}
		for _, m := range d.mentions {
			e := m.ent.resolve()
			if !d.keep(e) || c.group[e] == nil {
				continue
			}
			add(label(m.sent), graph.Mentions, identity(e), label(m.sent))
		}
		for _, f := range d.facts {
			s, o := f.s.resolve(), f.o.resolve()
			if !s.described && c.group[s] == nil || !o.described && c.group[o] == nil {
				continue // an entity that is not written (named only in a heading)
			}
			si, oi := identity(s), identity(o)
			add(si, f.p, oi, label(f.sent))
		}
		for _, e := range d.describedList {
			if !written[c.iriOf(e)] {
				continue // described but related to nothing
			}
			c.describe(d, e, add, label)
		}
		for _, key := range slices.Sorted(maps.Keys(d.dates)) {
			ds := d.dates[key]
			c.dateHierarchy(ds.Key, add)
		}
	}
	return out
}

// describe writes a described node's literals, labelled with the
// sentence that describes it.
func (c *corpusBuilder) describe(d *docState, e *entity, add func(quad.Value, quad.IRI, quad.Value, quad.Value), label func(int) quad.Value) {
	iri := c.iriOf(e)
	var l quad.Value
	if e.sent >= 0 {
		l = label(e.sent)
	}
	if e.desc != "" && e.desc != e.name {
		add(iri, graph.Description, quad.String(e.desc), l)
	}
	if e.hasValue {
		add(iri, graph.Value, quad.Float(e.value), l)
		if e.unit != "" {
			add(iri, graph.Unit, quad.String(e.unit), l)
		}
		if e.hedge != "" {
			add(iri, graph.Hedge, quad.String(e.hedge), l)
		}
		if e.typ == graph.TypeOutcome && !e.plan {
			c.outcomes[d] = append(c.outcomes[d], OutcomeInfo{IRI: iri, Unit: strings.ToLower(e.unit), Value: e.value, Hedge: e.hedge, Doc: d.id, Label: l.(quad.IRI)})
		}
	}
	if e.amount > 0 {
		add(iri, graph.Amount, quad.Int(e.amount), l)
		add(iri, graph.Currency, quad.String("GBP"), l)
		if e.bound != "" {
			add(iri, graph.Bound, quad.String(e.bound), l)
		}
		if e.fundKind != "" {
			add(iri, graph.FundKind, quad.String(e.fundKind), l)
		}
	}
}

// dateHierarchy writes a date node and the coarser dates it falls in.
func (c *corpusBuilder) dateHierarchy(key string, add func(quad.Value, quad.IRI, quad.Value, quad.Value)) {
	for key != "" {
		iri := quad.IRI("nhs:date/" + key)
		add(iri, graph.RDFType, graph.TypeDate, nil)
		add(iri, graph.Name, quad.String(dateName(key)), nil)
		parent := parentDate(key)
		if parent != "" {
			add(iri, graph.Within, quad.IRI("nhs:date/"+parent), nil)
		}
		key = parent
	}
}

// parentDate is the key of the date a date falls in: a day's month, a
// month's year, a financial year's first year.
func parentDate(key string) string {
	switch {
	case strings.HasPrefix(key, "FY") && len(key) >= 6:
		return key[2:6]
	case len(key) == len("2006-01-02"):
		return key[:7]
	case len(key) == len("2006-01"):
		return key[:4]
	}
	return ""
}

// dateName is the readable name of a date key.
func dateName(key string) string {
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	switch {
	case strings.HasPrefix(key, "FY") && len(key) == len("FY2020-21"):
		return "financial year " + key[2:]
	case len(key) == len("2006-01-02"):
		m, _ := strconv.Atoi(key[5:7])
		day, _ := strconv.Atoi(key[8:10])
		if m >= 1 && m <= 12 {
			return strconv.Itoa(day) + " " + months[m-1] + " " + key[:4]
		}
	case len(key) == len("2006-01"):
		m, _ := strconv.Atoi(key[5:7])
		if m >= 1 && m <= 12 {
			return months[m-1] + " " + key[:4]
		}
	}
	return key
}
