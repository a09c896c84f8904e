package loader

import (
	"strings"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The coreference pass: what a noun phrase that is not a name refers to.
// "We", "our" and "us" are the document's author (an organisation that
// speaks in the first person); "it", "its", "they" and "their" the nearest
// organisation, programme or product named before, within the last two
// sentences; "she", "he", "her" and "his" the last person named; "the
// project", "this work", "the programme" the section's or the document's
// topic; "the Lab", "the database", "the app" the last entity named whose
// name has that head noun. Anything else is not resolved, and no relation
// is read from it.

// refState is what coreference remembers while reading a document.
type refState struct {
	lastSubject *entity // the named subject of the previous sentence's first clause
	subjectAt   int
	lastThing   *entity // the last organisation, programme, product or dataset named
	thingAt     int     // the sentence it was named in
	lastPerson  *entity
	personAt    int
	byHead      map[string]*entity // the last entity named whose name ends in a noun
	// the last work named by a title that does not say what kind of work
	// it is ("Putting data at the heart of the NHS")
	lastWork *entity
}

// noteNames updates the coreference state with the names a sentence holds.
func (d *docState) noteNames(st *sent) {
	if st.s.Kind == KindHeading {
		return
	}
	for _, sp := range st.spans {
		if sp.kind != spanName || sp.ent == nil {
			continue
		}
		e := sp.ent.resolve()
		if e.person || e.finalType() == graph.TypePerson {
			d.ref.lastPerson, d.ref.personAt = e, st.n
			continue
		}
		d.ref.lastThing, d.ref.thingAt = e, st.n
		if e.finalType() == graph.TypeCreativeWork && headTypes[headWordOf(e.name)] != graph.TypeCreativeWork {
			d.ref.lastWork = e
		}
		for _, n := range append([]string{e.name}, e.aliases...) {
			if h := headWordOf(n); h != "" && len(n) > len(h) && headTypes[h] != "" {
				d.ref.byHead[h] = e
			}
		}
	}
}

// resolveNP returns the entity noun phrase k stands for, or nil.
func (d *docState) resolveNP(st *sent, ps []phrase, k int) *entity {
	p := ps[k]
	if e := d.nameOf(st, p); e != nil {
		return e
	}
	ws := st.words
	// an amount of money is its fund
	if sp := st.spanAt(p.head); sp != nil && sp.kind == spanMoney {
		return d.fundsByAmount[sp.money.Pounds]
	}
	first := ws[p.i]
	// "the team at UHS", "staff from the trust": the organisation
	if genericHeads[ws[p.head].Low] && k+2 < len(ps) && ps[k+1].kind == phPrep && ps[k+2].kind == phNP {
		switch ws[ps[k+1].i].Low {
		case "at", "of", "from", "in":
			if e := d.nameOf(st, ps[k+2]); e != nil {
				return e
			}
		}
	}
	if p.j-p.i == 1 && first.Tag == TagPron {
		return d.pronoun(st, first.Low, k == 0 || k == 1 && ps[0].kind == phAdv)
	}
	// a name written in lower case, as a title may be ("Bed allocation")
	if e := d.ents.lookup(joinWords(ws[p.i:p.j])); e != nil && d.keep(e) {
		return e
	}
	// "our work", "its programme": the possessor's
	if first.Tag == TagPoss && p.j-p.i >= 2 {
		owner := d.pronoun(st, first.Low, false)
		if owner != nil && topicNouns[ws[p.head].Low] {
			return d.topicOf(st.s)
		}
		return nil
	}
	// "a series of digital playbooks": the thing counted
	if quantifierHeads[ws[p.head].Low] && k+2 < len(ps) && ps[k+1].kind == phPrep && ws[ps[k+1].i].Low == "of" && ps[k+2].kind == phNP {
		return d.resolveNP(st, ps, k+2)
	}
	// "Winners include ...", "the recipients": those of the award or fund
	// the section is about
	if awardeeNouns[ws[p.head].Low] && p.j-p.i <= 2 && (p.j-p.i == 1 || first.Low == "the") && !(k+1 < len(ps) && ps[k+1].kind == phPrep) {
		return d.topicOfKind(st.s, "award")
	}
	if first.Low != "the" && first.Low != "this" && first.Low != "these" && first.Low != "that" {
		return nil
	}
	head := ws[p.head].Low
	if p.j-p.i > 3 {
		return nil // a long description is not a reference back
	}
	// "this 14-week project", "the programme", "this work": the nearest
	// topic of that kind
	if topicNouns[head] {
		if t := d.topicOfKind(st.s, head); t != nil {
			return t
		}
	}
	// "the Lab", "the database": the last entity with that head
	if e := d.ref.byHead[head]; e != nil {
		return e
	}
	if e := d.ref.byHead[singular(head)]; e != nil && head != singular(head) {
		return nil // "the trusts" is not one trust
	}
	// "the report", "the review": the work last named by a bare title
	if headTypes[head] == graph.TypeCreativeWork && head == singular(head) && d.ref.lastWork != nil {
		return d.ref.lastWork
	}
	return nil
}

// awardeeNouns name those an award or fund chose.
var awardeeNouns = map[string]bool{"winners": true, "recipients": true, "awardees": true, "grantees": true, "finalists": true}

// quantifierHeads head a noun phrase that counts what its "of" phrase names.
var quantifierHeads = map[string]bool{"series": true, "number": true, "range": true, "set": true, "suite": true,
	"host": true, "variety": true, "pair": true, "couple": true, "lot": true, "lots": true, "majority": true,
	"handful": true, "group": true, "collection": true, "family": true, "portfolio": true}

// topicNouns refer to what the section or document is about.
var topicNouns = map[string]bool{"project": true, "programme": true, "program": true, "work": true, "team": true,
	"study": true, "initiative": true, "pilot": true, "scheme": true, "investigation": true, "research": true,
	"collaboration": true, "partnership": true, "series": true, "workshops": true, "competition": true, "call": true,
	"award": true, "challenge": true}

// pronoun resolves a personal or possessive pronoun. "It" and "they"
// are resolved only as a sentence's subject, to the previous sentence's
// subject (an organisation, programme or product), or to the section's
// topic if that sentence had none: elsewhere they are too often something
// else.
func (d *docState) pronoun(st *sent, w string, opening bool) *entity {
	switch w {
	case "we", "our", "us", "ours", "ourselves":
		return d.author
	case "she", "he", "her", "his", "him":
		if d.ref.lastPerson != nil && st.n-d.ref.personAt <= 3 {
			return d.ref.lastPerson
		}
	case "it", "its", "they", "their":
		if !opening {
			return nil
		}
		if d.ref.lastSubject != nil && st.n-d.ref.subjectAt <= 1 {
			return d.ref.lastSubject
		}
		if w == "it" || w == "its" {
			return d.topicOf(st.s)
		}
	}
	return nil
}

// topicOf is what a sentence's section is about: the entity its heading
// names, else its parent section's topic, else the document's.
func (d *docState) topicOf(s *Sentence) *entity {
	for sec := s.Section; sec >= 0; sec = d.sents[sec].Section {
		if t := d.sectionTopic[sec]; t != nil {
			return t
		}
		if s.Section == sec && d.sents[sec].Section == sec {
			break
		}
	}
	return d.topic
}

// topicOfKind is the nearest topic a topic noun can refer to: "the
// project" a programme, "the team" an organisation or programme.
func (d *docState) topicOfKind(s *Sentence, noun string) *entity {
	ok := func(e *entity) bool {
		switch e.finalType() {
		case graph.TypeProgramme, graph.TypeFund:
			return true
		case graph.TypeOrganization:
			return noun == "team" || noun == "work" || noun == "partnership" || noun == "collaboration"
		case graph.TypeEvent:
			return noun == "workshops" || noun == "series" || noun == "call" || noun == "competition"
		}
		return false
	}
	for sec := s.Section; sec >= 0; sec = d.sents[sec].Section {
		if t := d.sectionTopic[sec]; t != nil && ok(t) {
			return t
		}
		if d.sents[sec].Section == sec {
			break
		}
	}
	if d.topic != nil && ok(d.topic) {
		return d.topic
	}
	return nil
}

// headingTopic is the entity a heading names, if the heading is a name
// and not a description ("Case Study", "Results"): it must be all of one
// name the text uses elsewhere.
func (d *docState) headingTopic(st *sent) *entity {
	if len(st.spans) != 1 || st.spans[0].kind != spanName || st.spans[0].ent == nil {
		return nil
	}
	sp := st.spans[0]
	// the name must cover the heading, but for a leading article
	lead := 0
	if len(st.words) > 0 && st.words[0].Tag == TagDet {
		lead = 1
	}
	if sp.i > lead || sp.j < len(st.words) {
		return nil
	}
	e := sp.ent.resolve()
	if e.body == 0 && e.known == nil {
		return nil // named only in headings: a heading's capitals, not a name
	}
	return e
}

// structureWords are headings that name a part of a document, not a thing
// the document is about.
var structureWords = map[string]bool{"overview": true, "background": true, "introduction": true, "summary": true,
	"results": true, "outcomes": true, "conclusion": true, "conclusions": true, "lessons": true, "learned": true,
	"learnt": true, "steps": true, "case": true, "study": true, "about": true, "contents": true, "references": true,
	"methodology": true, "method": true, "methods": true, "approach": true, "challenges": true, "contact": true,
	"appendix": true, "glossary": true, "notes": true, "acknowledgements": true, "further": true, "reading": true,
	"resources": true, "links": true, "context": true, "purpose": true, "scope": true, "timeline": true, "faq": true,
	"faqs": true, "questions": true, "answers": true, "discussion": true, "findings": true, "recommendations": true,
	"achievements": true, "responsibilities": true, "priorities": true, "other": true, "key": true, "next": true,
	"our": true, "what": true, "how": true, "why": true, "who": true, "where": true, "when": true, "update": true,
	"updates": true, "news": true, "impact": true, "benefits": true, "requirements": true, "eligibility": true,
	"criteria": true, "output": true, "outputs": true, "documentation": true, "licence": true, "license": true,
	"installation": true, "usage": true, "team": true, "partners": true, "funding": true, "evaluation": true}

// nounHeadingTopic makes a heading that is a short noun phrase the topic
// of its section when the section's text uses the phrase again: "Virtual
// wards" above "there are 44 virtual wards live" is about virtual wards.
// A heading made of words that name a part of a document ("Case Study",
// "Outcomes and lessons learned"), a coordination, or a phrase the section
// never repeats is not.
func (d *docState) nounHeadingTopic(st *sent) *entity {
	ws := st.words
	if len(ws) == 0 || len(ws) > 5 || !nounPhraseTitle(st) {
		return nil
	}
	for _, w := range ws {
		if w.Tag == TagConj || structureWords[w.Low] || w.Digit {
			return nil
		}
	}
	if ws[len(ws)-1].Tag != TagNoun && ws[len(ws)-1].Tag != TagProp {
		return nil
	}
	phrase := strings.ToLower(joinWords(ws))
	// a heading that captions an amount ("Frontline Digitisation" over
	// "£350 million of capital to support ...") names what the money is for
	if st.n+1 < len(d.analysed) {
		next := d.analysed[st.n+1]
		if next.s.Kind != KindHeading && len(next.spans) > 0 && next.spanAt(0) != nil && next.spanAt(0).kind == spanMoney {
			return d.headingEntity(ws, phrase)
		}
	}
	for _, other := range d.analysed[st.n+1:] {
		if other.s.Kind == KindHeading && other.s.Level <= st.s.Level {
			break
		}
		if other.s.Kind != KindHeading && standsAlone(other.words, ws) {
			return d.headingEntity(ws, phrase)
		}
	}
	return nil
}

// standsAlone reports whether the words of a heading occur in a sentence
// as a phrase of their own, not inside a longer name: "Data Protection" is
// not repeated by "the UK Data Protection Act".
func standsAlone(in, heading []Word) bool {
	n := len(heading)
	for i := 0; i+n <= len(in); i++ {
		match := true
		for k := range heading {
			if in[i+k].Low != heading[k].Low {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		before := i > 0 && in[i-1].Cap && !in[i-1].Punct && in[i-1].Low != "the"
		after := i+n < len(in) && in[i+n].Cap && !in[i+n].Punct
		if !before && !after {
			return true
		}
	}
	return false
}

// headingEntity is the entity a heading that is a topic names.
func (d *docState) headingEntity(ws []Word, phrase string) *entity {
	e := d.ents.get(joinWords(ws))
	if e.typ == "" {
		e.typ = typeByHead(strings.Fields(phrase))
	}
	if e.typ == "" || e.typ == graph.TypeOrganization || e.typ == graph.TypePerson {
		e.typ = graph.TypeProgramme // "Virtual clinics": a service, not a body
	}
	e.body++
	return e
}

// titleTopic reads the document's topic off its title: "NHS AI Lab
// Skunkworks project: Parkinson's Disease Pathology Prediction" is a
// project named after the colon, part of what names it; a title that is a
// name the text uses is that entity; a title that is a noun phrase, in a
// document that speaks of "the project" or "this work", names a programme.
func (d *docState) titleTopic() *entity {
	if len(d.sents) == 0 || d.sents[0].Kind != KindHeading {
		return nil
	}
	st := d.analysed[0]
	title := st.s.Text
	// a title that is one name ("AI Deep Dive Workshops") is the topic,
	// whether or not the text names it again; a name of no known kind in
	// a document about "the project" names the project
	e := d.headingTopic(st)
	if e == nil && len(st.spans) == 1 && st.spans[0].kind == spanName && st.spans[0].ent != nil && st.spans[0].j == len(st.words) && st.spans[0].i <= 1 {
		e = st.spans[0].ent.resolve()
	}
	if e != nil {
		if e.finalType() == "" && d.speaksOfProject() {
			e.typ = graph.TypeProgramme
		}
		if e.finalType() != "" {
			e.body++
			return e
		}
	}
	// "NHSX annual report 2020 to 2021": a publication of the organisation
	// that opens it, which is what the document is about
	if sp := st.spanAt(0); sp != nil && sp.kind == spanName && sp.ent != nil {
		for _, w := range st.words[sp.j:] {
			if headTypes[w.Low] == graph.TypeCreativeWork {
				return sp.ent.resolve()
			}
		}
	}
	// "Owner project: Name"
	if i := strings.Index(title, ": "); i > 0 {
		before, after := title[:i], strings.TrimSpace(title[i+2:])
		bw := strings.Fields(strings.ToLower(before))
		if len(bw) > 0 && topicNouns[bw[len(bw)-1]] && len(after) > 3 {
			// the name after the colon, without what follows it ("...
			// Prediction using Colourimetry and Machine Learning")
			var e *entity
			for k, w := range st.words {
				if w.Text == ":" && k+1 < len(st.words) {
					if sp := st.spanAt(k + 1); sp != nil && sp.kind == spanName && sp.ent != nil && sp.j < len(st.words) && st.words[sp.j].Tag == TagVerb {
						e = sp.ent.resolve()
						e.addAlias(after)
					}
					break
				}
			}
			if e == nil {
				e = d.ents.get(after)
			}
			e.typ = graph.TypeProgramme
			e.body++
			owner := strings.Join(strings.Fields(before)[:len(bw)-1], " ")
			if o := d.ents.lookup(owner); o != nil && owner != "" {
				d.addFact(e, graph.PartOf, o, 0, "title")
			}
			return e
		}
	}
	if !d.speaksOfProject() || !nounPhraseTitle(st) {
		return nil
	}
	e = d.ents.get(title)
	if e.typ == "" {
		e.typ = graph.TypeProgramme
	}
	e.body++
	return e
}

// speaksOfProject reports whether the document refers to "the project",
// "this work" or "the programme": it is about one.
func (d *docState) speaksOfProject() bool {
	for _, st := range d.analysed {
		ws := st.words
		for i := 0; i+1 < len(ws); i++ {
			if (ws[i].Low == "the" || ws[i].Low == "this") && (ws[i+1].Low == "project" || ws[i+1].Low == "programme" || ws[i+1].Low == "work") {
				return true
			}
			if ws[i].Low == "this" && i+2 < len(ws) && ws[i+2].Low == "project" {
				return true
			}
		}
	}
	return false
}

// nounPhraseTitle reports whether a title is a noun phrase: no verb, no
// question, not a pronoun.
func nounPhraseTitle(st *sent) bool {
	if len(st.words) == 0 || len(st.words) > 10 {
		return false
	}
	for _, w := range st.words {
		switch w.Tag {
		case TagVerb, TagAux, TagModal, TagWh, TagPron, TagSub:
			return false
		case TagPunct:
			if w.Text == "?" || w.Text == ":" {
				return false
			}
		}
	}
	return true
}
