package loader

import (
	"strings"

	"github.com/nhsgraph/nhsgraph/graph"
)

// sent is one sentence as the passes after segmentation see it: its words
// with their parts of speech, and the spans the mention pass recognised.
type sent struct {
	n     int // index in the document's sentences
	s     *Sentence
	words []Word
	spans []span
	at    []int // for each word, the index of the span holding it, or -1
	// phrases are the chunks, made once all spans are known (chunk)
	phrases []phrase
	quoted  []bool // for each word, whether it stands inside quotation marks
}

// spanAt returns the span holding word i, or nil.
func (st *sent) spanAt(i int) *span {
	if i < 0 || i >= len(st.at) || st.at[i] < 0 {
		return nil
	}
	return &st.spans[st.at[i]]
}

// addSpan records a span unless it overlaps one already recorded.
func (st *sent) addSpan(sp span) bool {
	if sp.i >= sp.j || sp.i < 0 || sp.j > len(st.words) {
		return false
	}
	for k := sp.i; k < sp.j; k++ {
		if st.at[k] >= 0 {
			return false
		}
	}
	st.spans = append(st.spans, sp)
	for k := sp.i; k < sp.j; k++ {
		st.at[k] = len(st.spans) - 1
	}
	return true
}

// wordsOf tokenises and tags a sentence.
func wordsOf(s *Sentence) *sent {
	st := &sent{n: s.N, s: s}
	st.words = tokenizeWords(s.span, nil)
	tagWords(st.words)
	st.at = make([]int, len(st.words))
	for i := range st.at {
		st.at[i] = -1
	}
	st.quoted = make([]bool, len(st.words))
	in := false
	for i, w := range st.words {
		switch w.Text {
		case "“":
			in = true
		case "”":
			in = false
		case "\"":
			in = !in
		}
		st.quoted[i] = in
	}
	return st
}

// wordRange converts byte offsets in the sentence into the words they
// cover, [i, j); ok is false when no word starts and ends there.
func (st *sent) wordRange(start, end int) (int, int, bool) {
	i, j := -1, -1
	for k, w := range st.words {
		if i < 0 && w.Start >= start {
			i = k
		}
		if w.End <= end {
			j = k + 1
		}
	}
	if i < 0 || j <= i {
		return 0, 0, false
	}
	return i, j, true
}

// markFigures records the money, dates and quantities in a sentence, read
// by the grammars of money.go, dates.go and quantity.go.
func (d *docState) markFigures(st *sent) {
	if !mightHoldFigure(st.words) {
		return // no digit, pound sign, number word or date word: no grammar can match
	}
	text := st.s.span
	t := ruleTokenizeInto(&d.ruleText, text)
	money := moneyScan(t)
	dates := dateScan(t, d.date)
	for k := range money {
		if i, j, ok := st.wordRange(money[k].Start, money[k].End); ok {
			st.addSpan(span{i: i, j: j, kind: spanMoney, money: &money[k]})
		}
	}
	for k := range dates {
		if i, j, ok := st.wordRange(dates[k].Start, dates[k].End); ok {
			st.addSpan(span{i: i, j: j, kind: spanDate, date: &dates[k]})
		}
	}
	qs := qtyScan(t, money, dateScan(t, timeZero))
	for k := range qs {
		if i, j, ok := st.wordRange(qs[k].Start, qs[k].End); ok {
			st.addSpan(span{i: i, j: j, kind: spanQty, qty: &qs[k]})
		}
	}
}

// markNames records the names in a sentence: the gazetteer's, the
// abbreviations the document defines, people (after an honorific, or with
// a post beside them), then every other run of capitalised words.
func (d *docState) markNames(st *sent) {
	ws := st.words
	heading := st.s.Kind == KindHeading
	add := func(i, j int, e *entity) {
		if st.addSpan(span{i: i, j: j, kind: spanName, ent: e}) && !heading {
			e.body++
			if e.first < 0 {
				e.first = st.n
			}
		}
	}
	// "author of 'Putting data at the heart of the NHS'", "a report called
	// “Data Saves Lives”": a quoted title is one name, a creative work
	for _, q := range quotedTitles(ws) {
		e := d.ents.get(joinWords(ws[q[0]:q[1]]))
		if e.finalType() == "" {
			e.typ = graph.TypeCreativeWork
		}
		add(q[0], q[1], e)
	}
	for _, h := range d.x.gaz.matchWords(ws) {
		// a known name inside a longer run of capitals is part of another
		// name: "NHS AI Lab Skunkworks" is not the NHS AI Lab
		if h.j < len(ws) && startsName(ws[h.j]) || h.i > 0 && startsName(ws[h.i-1]) {
			continue
		}
		// a name the gazetteer writes in capitals, found in lower case, is
		// ordinary words ("digital health")
		if !ws[h.i].Cap && !ws[h.i].Digit && h.entry.Name != strings.ToLower(h.entry.Name) {
			continue
		}
		add(h.i, h.j, d.ents.get(joinWords(ws[h.i:h.j])))
	}
	// abbreviations: the long form and the short form are one entity
	for _, a := range findAcronyms(ws) {
		if e := d.acronymEntity(a); e != nil {
			if st.at[a.li] < 0 || st.spanAt(a.li).ent == e {
				add(a.li, a.lj, e)
			}
			add(a.si, a.sj, e)
		}
	}
	taken := make([]bool, len(ws))
	for i := range ws {
		if st.at[i] >= 0 || !ws[i].Cap {
			continue
		}
		// a short form used alone ("UHS Digital" is another name)
		if e, ok := d.shortForms[ws[i].Text]; ok && !(i+1 < len(ws) && startsName(ws[i+1])) {
			add(i, i+1, e)
			continue
		}

		if j, name, ok := personAt(ws, i); ok && free(st, i, j) {
			e := d.ents.get(name)
			e.person = true
			e.addAlias(joinWords(ws[i:j]))
			add(i, j, e)
		}
	}
	for i := range ws {
		taken[i] = taken[i] || st.at[i] >= 0
	}
	for _, c := range capitalSpans(ws, taken, d.x.gaz) {
		if c.role {
			st.addSpan(span{i: c.i, j: c.j, kind: spanRole, name: c.name})
			continue
		}
		if !d.nameWorthy(ws, c) {
			continue
		}
		// the short form of a term ("AI" for artificial intelligence)
		// standing alone is no name ("NHS AI Lab" still is one)
		if _, ok := d.terms[c.name]; ok && c.j-c.i == 1 {
			continue
		}
		// a person: two or three capitalised words with a post beside them
		person := false
		if looksLikePersonName(ws, c) {
			if _, _, ok := roleAfter(ws, c.j); ok {
				person = true
			} else if _, ok := roleBefore(ws, c.i); ok {
				person = true
			} else if p := d.ents.lookup(c.name); p != nil && p.person {
				person = true
			} else if theLexicon().given[ws[c.i].Low] {
				person = true // "Matthew Gould": a given name and a surname
			}
		}
		e := d.ents.lookup(c.name)
		if e == nil {
			// a person named again by surname alone: "Gould"
			if c.j-c.i == 1 {
				e = d.surname(ws[c.i].Text)
			}
		}
		if e == nil {
			e = d.ents.get(c.name)
		}
		if c.known != nil && e.known == nil {
			e.known, e.typ = c.known, c.known.Type
		}
		if e.typ == "" && c.typ != "" && !person {
			e.typ = c.typ
		}
		if person {
			e.person = true
		}
		if c.name != joinWords(ws[c.i:c.j]) {
			e.addAlias(c.name)
		}
		e.addAlias(joinWords(ws[c.i:c.j]))
		add(c.i, c.j, e)
	}
}

// free reports whether words [i, j) hold no span yet.
func free(st *sent, i, j int) bool {
	for k := i; k < j; k++ {
		if st.at[k] >= 0 {
			return false
		}
	}
	return true
}

// nameWorthy rules out capitalised runs that are not names: a single
// capitalised common word at the start of a sentence, a run that is only a
// heading's Title Case (kept only if it has a typing head or is known), a
// lone number.
func (d *docState) nameWorthy(ws []Word, c nameCandidate) bool {
	if c.known != nil {
		return true
	}
	first := ws[c.i]
	if c.j-c.i == 1 && (first.Digit || len(first.Text) < 2) {
		return false
	}
	// "the Award", "the Lab": a kind noun alone, capitalised, refers back to
	// a name; it names nothing by itself
	if c.j-c.i == 1 && !first.Caps && headTypes[first.Low] != "" && c.i > 0 && (ws[c.i-1].Low == "the" || ws[c.i-1].Low == "this") {
		return false
	}
	return true
}

// acronymEntity returns the entity an abbreviation's long form names, and
// makes the short form stand for it in the rest of the document. A long form
// in lower case ("artificial intelligence (AI)") is a term, not a name: its
// short form is noted, but no entity is made unless its head says what it is.
func (d *docState) acronymEntity(a acronymDef) *entity {
	if e, ok := d.shortForms[a.short]; ok {
		return e
	}
	words := strings.Fields(strings.ToLower(a.long))
	named := false
	for i, w := range strings.Fields(a.long) {
		// a capital that only starts the sentence says nothing
		if len(w) > 0 && (w[0] >= 'A' && w[0] <= 'Z') && !(i == 0 && a.li == 0) {
			named = true
		}
	}
	if !named && typeByHead(words) == "" {
		d.terms[a.short] = a.long
		return nil
	}
	e := d.ents.lookup(a.long)
	if e == nil {
		e = d.ents.lookup(a.short)
	}
	if e == nil {
		e = d.ents.get(a.long)
	}
	if e.typ == "" {
		e.typ = typeByHead(words)
	}
	d.ents.alias(e, a.short)
	d.ents.alias(e, a.long+" ("+a.short+")")
	e.short = a.short
	d.shortForms[a.short] = e.resolve()
	return e.resolve()
}

// surname returns the person of the document whose name ends in w, if
// exactly one does.
func (d *docState) surname(w string) *entity {
	var found *entity
	for _, e := range d.ents.live() {
		if !e.person {
			continue
		}
		parts := strings.Fields(e.name)
		if len(parts) > 1 && parts[len(parts)-1] == w {
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	return found
}

// figureWords are the words without a digit that can start or make up a
// figure the money, date and quantity grammars read: number words, scales,
// fractions, months, seasons, currencies and the words of relative dates.
var figureWords = func() map[string]bool {
	m := map[string]bool{"hundred": true, "hundreds": true, "thousands": true, "millions": true, "billions": true,
		"dozen": true, "dozens": true, "half": true, "halves": true, "third": true, "thirds": true, "quarter": true,
		"quarters": true, "pound": true, "pounds": true, "gbp": true, "sterling": true, "last": true, "this": true,
		"next": true, "spring": true, "summer": true, "autumn": true, "winter": true, "fall": true, "per": true}
	for _, words := range []map[string]int{ruleSmall, ruleTens, ruleScale} {
		for w := range words {
			m[w] = true
		}
	}
	for w := range monthNames {
		m[w] = true
	}
	return m
}()

// mightHoldFigure reports whether a sentence's words could hold money, a
// date or a quantity: the grammars need a digit, a pound sign or one of
// figureWords (also as the first part of a hyphenated word: "two-thirds").
func mightHoldFigure(ws []Word) bool {
	for i := range ws {
		w := &ws[i]
		if w.Digit || strings.ContainsRune(w.Text, '£') || figureWords[w.Low] {
			return true
		}
		if k := strings.IndexByte(w.Low, '-'); k > 0 && figureWords[w.Low[:k]] {
			return true
		}
	}
	return false
}
