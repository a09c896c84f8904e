// Package loader turns plain-text and Markdown documents into quads that
// follow the graph contract: documents, sentences with their offsets,
// entities with canonical names and aliases, funds, outcomes and dates, and
// the relations between them, every fact labelled with the sentence it was
// read from.
//
// It runs explicit passes over each document, in the manner of GATE's
// ANNIE, each in its own file with its own tests:
//
//	decode.go     bytes to text, keeping a map back to file offsets
//	segment.go    lines, headings, bullets, tables, sentences
//	structure.go  heading levels, sections, the sentence a list hangs from
//	words.go      words with offsets
//	pos.go        parts of speech (lexicon/ holds the closed classes and verbs)
//	money.go, dates.go, quantity.go   figures, dates and amounts
//	acronyms.go   abbreviations the text defines (Schwartz and Hearst)
//	names.go      names: the gazetteer's, capitalised runs typed by their
//	              head noun (heads.go), people, coordinated names split
//	entities.go   one entity per real thing, whichever variant names it
//	chunk.go      noun phrases and verb groups
//	coref.go      pronouns, "the project", "the Lab": what they refer to
//	clauses.go    relations, clause by clause (predicates.go maps verbs)
//	figures.go    funds, outcomes and targets, each from its own clause
//	emit.go       quads
//
// and, over a corpus, corpus.go merges entities across documents and links
// figures that disagree.
package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// Extractor runs the pipeline. It holds only read-only tables, so one
// Extractor serves any number of goroutines.
type Extractor struct {
	gaz *Gazetteer
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
	d, err := x.read(file, data)
	if err != nil {
		return nil, err
	}
	d.finish()
	c := newCorpusBuilder([]*docState{d})
	r := d.result()
	r.Quads = c.quads()
	r.Outcomes = c.outcomes[d]
	return r, nil
}

// docState is the working state of one document's extraction.
type docState struct {
	x     *Extractor
	id    string
	iri   quad.IRI
	file  string
	text  *text
	sha   string
	title string
	date  time.Time

	sents    []Sentence
	analysed []*sent

	ents          *entities
	shortForms    map[string]*entity // abbreviations defined, to their entity
	terms         map[string]string  // abbreviations of terms ("AI": "artificial intelligence")
	describedBy   map[string]*entity // described nodes by type and name
	describedList []*entity          // the same, in the order they were made
	dates         map[string]DateSpan
	facts         []fact
	items         []item // described objects with their words, in sentence order
	mentions      []naming
	fundsByAmount map[int64]*entity
	ruleText      ruleText // the figure grammars' tokens, reused sentence after sentence

	author       *entity // who "we" is, in a document that speaks in the first person
	authorAt     int
	publisher    *entity // who published the document, as the document says
	publisherAt  int
	topic        *entity         // what the document is about
	sectionTopic map[int]*entity // what each heading's section is about
	introSubject map[int]*entity // the subject of each list's introducing sentence
	intros       map[int]*intro  // what each list's introducing sentence says of its items
	ref          refState
	updated      string // the date key of an "(updated 8 April 2020)" title
}

func (d *docState) result() *Result {
	return &Result{DocID: d.id, DocIRI: d.iri, Title: d.title, SHA256: d.sha, Sentences: keptSentences(d.sents)}
}

// keptSentences is what a Result keeps of the sentences: without the
// blanked copies of their text, which only the passes need.
func keptSentences(sents []Sentence) []Sentence {
	kept := make([]Sentence, len(sents))
	copy(kept, sents)
	for i := range kept {
		kept[i].span = ""
	}
	return kept
}

// read runs every pass over one document.
func (x *Extractor) read(file string, data []byte) (*docState, error) {
	t, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	sum := sha256.Sum256(data)
	d := &docState{
		x: x, id: DocID(file), file: filepath.Base(file), text: t, sha: hex.EncodeToString(sum[:]),
		ents: newEntities(x.gaz), shortForms: map[string]*entity{}, terms: map[string]string{},
		describedBy: map[string]*entity{}, dates: map[string]DateSpan{}, fundsByAmount: map[int64]*entity{}, sectionTopic: map[int]*entity{}, introSubject: map[int]*entity{}, intros: map[int]*intro{},
		ref: refState{byHead: map[string]*entity{}},
	}
	d.iri = graph.DocIRI(d.id)
	d.sents = segment(t.s)
	structure(d.sents)
	for i := range d.sents {
		s := &d.sents[i]
		s.Start, s.End = t.source(s.dStart), t.source(s.dStart+len(s.span))
	}
	d.title = d.findTitle()
	d.date = d.findDate()
	d.run()
	return d, nil
}

// naming is a sentence naming an entity: the evidence for the entity.
type naming struct {
	sent int
	ent  *entity
}

// finish keeps what writing the quads needs, the names each sentence
// mentions, and lets the sentences' words, phrases and spans go: a corpus
// of documents waiting to be written holds their facts, not their analysis.
func (d *docState) finish() {
	for _, st := range d.analysed {
		for _, sp := range st.spans {
			if sp.kind == spanName && sp.ent != nil {
				d.mentions = append(d.mentions, naming{st.n, sp.ent})
			}
		}
	}
	d.analysed, d.items, d.intros, d.text = nil, nil, nil, nil
	for i := range d.sents {
		d.sents[i].span = ""
	}
}

// run is the order of the passes after segmentation.
func (d *docState) run() {
	d.analysed = make([]*sent, len(d.sents))
	for i := range d.sents {
		d.analysed[i] = wordsOf(&d.sents[i])
	}
	// abbreviations first, so a short form used before its definition is known
	for _, st := range d.analysed {
		for _, a := range findAcronyms(st.words) {
			d.acronymEntity(a)
		}
	}
	for _, st := range d.analysed {
		d.markFigures(st)
		d.markNames(st)
	}
	d.mergeVariants()
	d.nameParts()
	d.findAuthor()
	d.findPublisher()
	d.topic = d.titleTopic()
	for _, st := range d.analysed {
		if st.s.Kind == KindHeading && st.n > 0 {
			e := d.headingTopic(st)
			if e == nil {
				e = d.nounHeadingTopic(st)
			}
			if e != nil {
				d.sectionTopic[st.n] = e
				e.topic = true
			}
		}
	}
	if d.topic != nil {
		d.topic.topic = true
	}
	d.datedTitle()
	// funds first, so that "£40 million was dedicated to ..." has its fund
	// as the subject
	for _, st := range d.analysed {
		for i := range st.spans {
			if st.spans[i].kind == spanMoney && !st.s.Row {
				d.fundNode(st, chunk(st), &st.spans[i])
			}
		}
	}
	d.tables()
	for _, st := range d.analysed {
		switch {
		case st.s.Kind == KindHeading:
			d.noteHeading(st)
			continue
		case st.s.Row:
			// read by the tables pass, cell by cell
		default:
			d.relationsIn(st)
			d.figuresIn(st)
		}
		d.noteNames(st)
	}
	d.budgets()
}

var timeZero time.Time

func (d *docState) findTitle() string {
	if len(d.sents) > 0 {
		if d.sents[0].Kind == KindHeading {
			return d.sents[0].Text
		}
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

// datedTitle reads "(updated 8 April 2020)" off a title: the document's
// date of update.
func (d *docState) datedTitle() {
	if len(d.analysed) == 0 || d.sents[0].Kind != KindHeading {
		return
	}
	st := d.analysed[0]
	for _, sp := range st.spans {
		if sp.kind == spanDate && sp.i > 0 && (st.words[sp.i-1].Low == "updated" || st.words[sp.i-1].Low == "published") {
			d.updated = sp.date.Key
			d.dates[sp.date.Key] = *sp.date
		}
	}
}

// findAuthor decides who "we" is. A document that says "we", "our" or "us"
// at least twice outside quotations speaks for an organisation: the one
// that opens its title ("NHSX annual report"), else the one it names most.
func (d *docState) findAuthor() {
	n := 0
	for _, st := range d.analysed {
		quoted := false
		for _, w := range st.words {
			switch w.Text {
			case "“", "”", "\"":
				quoted = !quoted
			}
			if !quoted && (w.Low == "we" || w.Low == "our" || w.Low == "us") {
				n++
			}
		}
	}
	if n < 2 {
		return
	}
	// an organisation that opens one of the first headings ("NHSX annual
	// report 2020 to 2021", "NHSX A year in healthtech 2020"); of several,
	// the one the text names most
	var opener *entity
	top := 0
	headings := 0
	for _, st := range d.analysed {
		if st.s.Kind != KindHeading {
			continue
		}
		if headings++; headings > 4 {
			break
		}
		sp := st.spanAt(0)
		if sp == nil || sp.kind != spanName || sp.ent == nil {
			continue
		}
		e := sp.ent.resolve()
		if e.finalType() != graph.TypeOrganization {
			continue
		}
		if score := e.body + 1; score > top {
			opener, top = e, score
			d.authorAt = st.n
		}
	}
	if opener != nil {
		d.author = opener
		return
	}
	// else the organisation that is most often the subject of a sentence,
	// if clearly most: twice as often as any other
	subjects := map[*entity]int{}
	for _, st := range d.analysed {
		if st.s.Kind == KindHeading {
			continue
		}
		ps := chunk(st)
		for k, p := range ps {
			if p.kind != phVG {
				continue
			}
			if k > 0 && ps[k-1].kind == phNP {
				if e := d.nameOf(st, ps[chainStart(st, ps, k-1)]); e != nil && e.finalType() == graph.TypeOrganization {
					subjects[e]++
				}
			}
			break
		}
	}
	best, most, second := (*entity)(nil), 0, 0
	for _, e := range d.ents.live() {
		switch n := subjects[e]; {
		case n > most:
			best, most, second = e, n, most
		case n > second:
			second = n
		}
	}
	if best != nil && most >= 2*second && most >= 2 {
		d.author = best
		for _, st := range d.analysed {
			for _, sp := range st.spans {
				if sp.kind == spanName && sp.ent != nil && sp.ent.resolve() == best {
					d.authorAt = st.n
					return
				}
			}
		}
	}
}

// mergeVariants makes the variants of one name in a document one entity:
// an organisation named with and without its ending ("Kettering General
// Hospital", "... NHS Trust", "... NHS Foundation Trust"), and a shorter
// name whose words all occur in order in exactly one longer name with the
// same last word ("AI Skunkworks", "NHS AI Lab Skunkworks").
func (d *docState) mergeVariants() {
	live := d.ents.live()
	core := map[string][]*entity{}
	for _, e := range live {
		if e.person || e.known != nil && e.known.Type != graph.TypeOrganization {
			continue
		}
		if k := orgCore(e.name); k != "" {
			core[k] = append(core[k], e)
		}
	}
	for _, group := range core {
		if len(group) < 2 {
			continue
		}
		longest := group[0]
		for _, e := range group[1:] {
			if len(e.name) > len(longest.name) {
				longest = e
			}
		}
		for _, e := range group {
			if e != longest {
				d.ents.merge(e, longest)
			}
		}
	}
	live = d.ents.live()
	words := make(map[*entity][]string, len(live))
	for _, e := range live {
		words[e] = strings.Fields(strings.ToLower(e.name))
	}
	for _, a := range live {
		if a.person || a.known != nil {
			continue
		}
		aw := words[a]
		if len(aw) == 0 {
			continue
		}
		var into *entity
		for _, b := range live {
			if b == a || b.person || b.drop {
				continue
			}
			bw := words[b]
			if len(bw) > len(aw) && aw[len(aw)-1] == bw[len(bw)-1] && subsequence(aw, bw) {
				if into != nil {
					into = nil
					break
				}
				into = b
			}
		}
		if into != nil {
			d.ents.merge(a, into)
		}
	}
}

// nameParts reads what a name says of itself: a name that opens with the
// name of another organisation of the document names a part of it ("UHS
// Digital" of UHS, "NHS AI Lab Skunkworks" of the NHS AI Lab). A name that
// opens with "NHS", "UK" or "National" alone says nothing of the kind.
func (d *docState) nameParts() {
	for _, e := range d.ents.live() {
		if e.person || e.known != nil || e.first < 0 {
			continue
		}
		words := strings.Fields(e.name)
		for n := len(words) - 1; n >= 1; n-- {
			prefix := strings.Join(words[:n], " ")
			if genericPrefixes[strings.ToLower(prefix)] {
				break
			}
			p := d.ents.lookup(prefix)
			if p == nil {
				p = d.shortForms[prefix]
			}
			if p == nil || p == e || p.person || p.finalType() != graph.TypeOrganization {
				continue
			}
			// "Imperial College London" is Imperial College, where it is
			if rest := strings.Join(words[n:], " "); d.x.gaz.lookupName(rest) != nil && d.x.gaz.lookupName(rest).Type == graph.TypePlace {
				d.ents.merge(p, e)
				break
			}
			if t := e.finalType(); t != "" && t != graph.TypeOrganization && t != graph.TypeProgramme {
				break
			}
			d.addFact(e, graph.PartOf, p, e.first, "name-part")
			break
		}
	}
}

// genericPrefixes open many names without naming an organisation.
var genericPrefixes = map[string]bool{"nhs": true, "uk": true, "hm": true, "national": true, "the": true, "royal": true}

// orgCore is an organisation's name without its ending ("NHS Foundation
// Trust"), lower case, or "" if nothing is left or nothing was removed.
func orgCore(name string) string {
	w := strings.Fields(strings.ToLower(name))
	n := len(w)
	for n > 0 && orgSuffix[w[n-1]] {
		n--
	}
	if n == 0 || n < 2 && n == len(w) {
		return ""
	}
	return strings.Join(w[:n], " ")
}

// subsequence reports whether a's words occur in b in order.
func subsequence(a, b []string) bool {
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}

// findPublisher reads who published the document from a sentence about the
// document itself: "Published by NHSX", "This report was published by the
// Lab", "This is a copy of the case study published on the NHS England
// website". The organisation is the first name after "by", or the name
// before "website" after "on".
func (d *docState) findPublisher() {
	for _, st := range d.analysed {
		ws := st.words
		if len(ws) < 3 {
			continue
		}
		self := ws[0].Low == "published" || ws[0].Low == "this"
		if !self {
			continue
		}
		for i := 0; i+2 < len(ws); i++ {
			if ws[i].Low != "published" {
				continue
			}
			for j := i + 1; j < len(ws) && j <= i+3; j++ {
				switch ws[j].Low {
				case "by":
					if e := d.nameAt(st, j+1); e != nil && !e.person && e.finalType() != graph.TypeCreativeWork {
						e.body++ // named in a byline, it is no heading's fragment
						d.publisher, d.publisherAt = e, st.n
						return
					}
				case "on":
					k := j + 1
					if k < len(ws) && ws[k].Low == "the" {
						k++
					}
					if sp := st.spanAt(k); sp != nil && sp.kind == spanName && sp.ent != nil && sp.j < len(ws) && (ws[sp.j].Low == "website" || ws[sp.j].Low == "site" || ws[sp.j].Low == "web") {
						d.publisher, d.publisherAt = sp.ent.resolve(), st.n
						return
					}
				}
			}
		}
	}
}
