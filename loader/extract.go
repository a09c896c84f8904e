// Package loader turns plain-text documents into quads that follow the graph
// contract: documents, sentences with their offsets, entities with canonical
// names and aliases, funds, outcomes and dates, and the relations between
// them, every fact labelled with the sentence it was read from.
//
// The pipeline is rule-based, in the manner of GATE ANNIE: decode the bytes,
// classify lines, split sentences, mark entities from a gazetteer and from
// patterns, parse money, dates and quantities, then read relations off verb
// patterns between the marks.
package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// Extractor runs the pipeline. It holds only read-only tables, so one
// Extractor serves any number of goroutines.
type Extractor struct {
	gaz     *Gazetteer
	scratch sync.Pool // *scratch, reused from one document to the next
}

// scratch is the working space of one document's extraction, kept for the
// next so that its quad set and token lists are not made anew each time.
type scratch struct {
	quads   *quadSet
	tidier  *tidier      // for the document's own tidy
	offsets []quad.Value // quad.Int(n) at n, boxed once for every document
	ruleTok ruleText
	gazTok  []token

	// a sentence's candidate marks, and those it keeps before they are
	// copied to a list of their own
	cands, rest, marks []mark
	sents              []Sentence        // the document's sentences while the rules read them
	named              map[identity]bool // docState.named
}

func (x *Extractor) getScratch() *scratch {
	if sc, ok := x.scratch.Get().(*scratch); ok {
		return sc
	}
	return &scratch{quads: newQuadSet(0), tidier: newTidier(), named: map[identity]bool{}}
}

// offset is n (a sentence's start or end) as a quad.Int, boxed once for
// all the documents sc serves: the corpus's quads share it.
func (sc *scratch) offset(n int) quad.Value {
	if n < 0 || n >= 1<<16 {
		return quad.Int(n)
	}
	if n >= len(sc.offsets) {
		sc.offsets = slices.Grow(sc.offsets, n+1-len(sc.offsets))[:n+1]
	}
	if sc.offsets[n] == nil {
		sc.offsets[n] = quad.Int(n)
	}
	return sc.offsets[n]
}

// New returns an Extractor using the built-in gazetteer.
func New() *Extractor { return &Extractor{gaz: DefaultGazetteer()} }

// NewWithGazetteer returns an Extractor using g.
func NewWithGazetteer(g *Gazetteer) *Extractor { return &Extractor{gaz: g} }

// Result is what one document yields.
type Result struct {
	DocID     string
	DocIRI    quad.IRI
	Title     string
	SHA256    string
	Sentences []Sentence
	Quads     []quad.Quad
	Outcomes  []OutcomeInfo // for cross-document conflict detection
}

// OutcomeInfo describes one outcome node so figures for the same measure
// can be compared across documents.
type OutcomeInfo struct {
	IRI   quad.IRI
	Unit  string // lower case; "% of trusts" for a percentage
	Value float64
	Hedge string
	Doc   string
	Label quad.IRI
}

// DocID derives a document's id, used in its IRI, from its file name.
func DocID(file string) string {
	base := filepath.Base(file)
	for _, ext := range []string{".txt", ".md", ".markdown", ".text"} {
		if strings.HasSuffix(strings.ToLower(base), ext) {
			base = base[:len(base)-len(ext)]
			break
		}
	}
	var b strings.Builder
	for _, r := range base {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "doc"
	}
	return b.String()
}

// Extract reads one document. file is its name (used for the document id
// and nhs:file); data its bytes.
func (x *Extractor) Extract(file string, data []byte) (*Result, error) {
	r, sc, err := x.extract(file, data)
	if err != nil {
		return nil, err
	}
	r.Quads = slices.Clone(r.Quads) // they live in sc, which the next document reuses
	x.scratch.Put(sc)
	return r, nil
}

// extract is Extract with the result's Quads still in sc's quad set: they
// hold until sc goes back to x.scratch.
func (x *Extractor) extract(file string, data []byte) (*Result, *scratch, error) {
	t, err := decode(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	sc := x.getScratch()
	sum := sha256.Sum256(data)
	d := &docState{
		x:      x,
		id:     DocID(file),
		file:   filepath.Base(file),
		text:   t,
		sha:    hex.EncodeToString(sum[:]),
		outIdx: map[string]*OutcomeInfo{},
		dates:  map[string]quad.Value{},
		named:  sc.named,
		sc:     sc,
	}
	d.iri = graph.DocIRI(d.id)
	d.iriValue = d.iri
	d.sents = segmentInto(sc.sents[:0], t.s)
	d.quads = sc.quads.reset(quadsPerSentence * len(d.sents))
	d.labels = make([]quad.Value, len(d.sents))
	for i := range d.sents {
		s := &d.sents[i]
		s.Start, s.End = t.source(s.dStart), t.source(s.dStart+len(s.span))
		d.labels[i] = graph.SentenceIRI(d.id, s.N)
	}
	d.run()
	r := &Result{
		DocID: d.id, DocIRI: d.iri, Title: d.title, SHA256: d.sha,
		Sentences: keptSentences(d.sents), Quads: sc.tidier.add(d.quads.list[:0], d.quads.list, onlyAliasesRepeat, true), Outcomes: d.outcomes,
	}
	clear(d.sents) // the scratch holds nothing of this document but its quads
	clear(sc.named)
	sc.tidier.reset()
	sc.sents = d.sents[:0]
	return r, sc, nil
}

// keptSentences is what a Result keeps of the sentences the rules read: a
// list of the right size (segment's is scratch, reused by the next
// document) without the blanked copies of their text, which only
// the rules need.
func keptSentences(sents []Sentence) []Sentence {
	kept := slices.Clone(sents)
	for i := range kept {
		kept[i].span = ""
	}
	return kept
}

// docState is the working state of one document's extraction.
type docState struct {
	x        *Extractor
	id       string
	iri      quad.IRI
	iriValue quad.Value // iri, made a Value once for every sentence's quads
	file     string
	text     *text
	sha      string
	title    string
	date     time.Time
	author   *Entry
	authorAt int    // the sentence the author was read from
	topic    *Entry // what the document is about: "It" at a sentence start
	lastWork *Entry // the publication named last, for "the report"
	sents    []Sentence
	labels   []quad.Value // per sentence: its IRI, the label of what it says (made a Value once, not per quad)
	marks    [][]mark     // per sentence
	lower    []string     // per sentence: its span with A-Z lowered, or "" if not made yet
	we       bool         // the document speaks as "we" (firstPerson)
	quads    *quadSet

	dates map[string]quad.Value // date nodes written, by key
	named map[identity]bool     // entity identities written
	keys  keyHits               // scratch for the rules' key words
	sc    *scratch

	outcomes []OutcomeInfo
	outIdx   map[string]*OutcomeInfo
	fundIdx  map[int64]quad.IRI

	// the budget later amounts in the document are shares of
	allocation       quad.IRI
	allocationPounds int64
}

// quadSet collects quads in order, once each.
type quadSet struct {
	list      []quad.Quad
	seen      *quadIndex // of list
	bySubject map[quad.Value][]quad.Quad
}

// quadsPerSentence is about how many quads a sentence yields (11 on the
// seeds' sentences), so a document's quad set is made the right size.
const quadsPerSentence = 12

func newQuadSet(size int) *quadSet {
	return &quadSet{list: make([]quad.Quad, 0, size), seen: newQuadIndex(size), bySubject: map[quad.Value][]quad.Quad{}}
}

// reset empties qs for a document of about size quads, keeping its space.
func (qs *quadSet) reset(size int) *quadSet {
	clear(qs.list[:cap(qs.list)]) // let go of the last document's values
	qs.list = slices.Grow(qs.list[:0], size)
	qs.seen.reset()
	clear(qs.bySubject)
	return qs
}

// datedBy reports whether a specific date predicate already links s to a
// date with this label.
func (qs *quadSet) datedBy(s quad.Value, label quad.Value) bool {
	for _, p := range []quad.IRI{graph.EstablishedOn, graph.AnnouncedOn} {
		for _, q := range qs.bySubject[s] {
			if q.Predicate == p && q.Label == label {
				return true
			}
		}
	}
	return false
}

// add is small enough to inline, so that a constant predicate is made a
// Value without allocating.
func (qs *quadSet) add(s quad.Value, p quad.IRI, o quad.Value, label quad.Value) {
	qs.addQuad(quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
}

func (qs *quadSet) addQuad(q quad.Quad) {
	h := qs.seen.hash(q)
	if qs.seen.has(qs.list, q, h) {
		return
	}
	qs.seen.add(h, len(qs.list))
	qs.list = append(qs.list, q)
	if q.Predicate == graph.EstablishedOn || q.Predicate == graph.AnnouncedOn {
		qs.bySubject[q.Subject] = append(qs.bySubject[q.Subject], q)
	}
}

func (d *docState) run() {
	d.title = d.findTitle()
	d.date = d.findDate()
	d.marks = make([][]mark, len(d.sents))
	d.lower = make([]string, len(d.sents))
	for i := range d.sents {
		d.marks[i] = d.markSentence(i)
	}
	d.we = d.countWe() >= 2
	d.author, d.authorAt = d.findAuthor()
	if !d.firstPerson() {
		d.author = nil // only a document that speaks as "we" has an author to resolve it to
	}
	d.topic = d.findTopic()
	d.emitDocument()
	for i := range d.sents {
		d.emitSentence(i)
	}
}

var titleDateRe = regexp.MustCompile(`(?i)^(published|updated|posted|date|last updated)?[\p{Zs}:]*`)

func (d *docState) findTitle() string {
	for _, s := range d.sents {
		if s.Kind == KindHeading {
			return s.Text
		}
		break
	}
	if len(d.sents) > 0 {
		return shorten(d.sents[0].Text, 120)
	}
	return d.file
}

// shorten cuts s to at most n bytes at a word (or at least a rune)
// boundary, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndex(s[:cut], " "); sp > 0 {
		cut = sp
	}
	return s[:cut] + "…"
}

// findDate looks for the document's own date in its first lines: a
// "Published 15 October 2021" line or a byline.
func (d *docState) findDate() time.Time {
	for i, s := range d.sents {
		if i >= 6 {
			break
		}
		if s.Kind == KindParagraph && len(s.Text) > 80 {
			continue
		}
		if tm, ok := ParseDocDate(collapseSpace(s.span)); ok {
			return tm
		}
	}
	return time.Time{}
}

func (d *docState) emitDocument() {
	q := d.quads
	q.add(d.iri, graph.RDFType, graph.TypeDocument, nil)
	q.add(d.iri, graph.Name, quad.String(d.title), nil)
	q.add(d.iri, graph.File, quad.String(d.file), nil)
	q.add(d.iri, graph.SHA256, quad.String(d.sha), nil)
	if !d.date.IsZero() {
		q.add(d.iri, graph.DatePublished, quad.String(d.date.Format("2006-01-02")), nil)
	}
	if d.author != nil {
		d.entity(d.author, "", nil)
		q.add(d.iri, graph.AuthoredBy, d.author.IRI(), d.label(d.authorAt))
	}
}

// label is the IRI of sentence i, the label of every quad read from it.
func (d *docState) label(i int) quad.Value { return d.labels[i] }

func (d *docState) emitSentence(i int) {
	s := &d.sents[i]
	l := d.label(i)
	q := d.quads
	q.add(l, graph.RDFType, graph.TypeSentence, nil)
	q.add(l, graph.Text, quad.String(s.Text), nil)
	q.add(l, graph.DerivedFrom, d.iriValue, nil)
	q.add(l, graph.Start, d.sc.offset(s.Start), nil)
	q.add(l, graph.End, d.sc.offset(s.End), nil)
	for _, m := range d.marks[i] {
		if m.entry != nil {
			d.entity(m.entry, m.surface, l)
		}
	}
	d.emitFacts(i)
}

// entity writes an entity's identity quads (type, canonical name, the
// surface form as an alias) once, without a label, so each holds exactly
// once however many sentences mention it; the mention itself is labelled.
func (d *docState) entity(e *Entry, surface string, label quad.Value) quad.IRI {
	iri := e.IRI()
	v := e.boxed // the IRI as a quad.Value, made once
	if v == nil {
		v = iri
	}
	q := d.quads
	if id := (identity{iri, e.Type, e.Name, surface}); !d.named[id] {
		d.named[id] = true // the same quads again would add nothing
		q.add(v, graph.RDFType, e.Type, nil)
		q.add(v, graph.Name, quad.String(e.Name), nil)
		if surface = cleanSurface(surface); surface != "" && surface != e.Name {
			q.add(v, graph.AlternateName, quad.String(surface), nil)
		}
	}
	if label != nil {
		q.add(label, graph.Mentions, v, label)
		if e.Confidence > 0 {
			q.add(v, graph.Confidence, quad.Float(e.Confidence), label)
		}
	}
	return iri
}

// identity is what entity writes an entity's identity quads from.
type identity struct {
	iri, typ      quad.IRI
	name, surface string
}

// cleanSurface trims possessives and articles off a surface form and
// collapses its white space, so aliases are names, not fragments.
func cleanSurface(s string) string {
	s = collapseSpace(s)
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		s = strings.TrimSuffix(s, suf)
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "the ") {
		s = s[4:]
	}
	return strings.TrimSpace(s)
}
