package loader

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The relation phrase after a verb and the objects it takes: names
// coordinated in a list, or a noun phrase with its prepositional phrases
// kept as a described node.

// relationRest reads the words that complete the relation phrase after
// verb group k (a preposition, or relational nouns or an adjective and a
// preposition), and returns them with the index of the first object
// phrase, or -1 when no object follows.
func relationRest(st *sent, ps []phrase, k int) (string, int) {
	ws := st.words
	n := k + 1
	// particles are in the verb group; include them in the phrase
	var rest []string
	for w := ps[k].head + 1; w < ps[k].j; w++ {
		if ws[w].Tag == TagPart {
			rest = append(rest, ws[w].Low)
		}
	}
	// "joining together", "worked closely with": an adverb after the verb
	// is no object
	for n < len(ps) && ps[n].kind == phAdv {
		n++
	}
	if n >= len(ps) {
		return "", -1
	}
	// "put in place the guidance", "set out the plan": an idiom's
	// particle phrase stays in the relation
	if n+2 < len(ps) && ps[n].kind == phPrep && ws[ps[n].i].Low == "in" && ps[n+1].kind == phNP && ps[n+1].j-ps[n+1].i == 1 && ws[ps[n+1].i].Low == "place" && ps[n+2].kind == phNP {
		rest = append(rest, "in", "place")
		return strings.Join(rest, " "), n + 2
	}
	switch ps[n].kind {
	case phPrep:
		// "joining over 23,000 systems": a hedge before a figure, not a
		// preposition
		if n+1 < len(ps) && ps[n+1].kind == phNP && hedgeWords[ws[ps[n].i].Low] {
			if sp := st.spanAt(ps[n+1].i); sp != nil && (sp.kind == spanQty || sp.kind == spanMoney) {
				return strings.Join(rest, " "), n + 1
			}
		}
		rest = append(rest, ws[ps[n].i].Low)
		if n+1 < len(ps) && ps[n+1].kind == phNP {
			return strings.Join(rest, " "), n + 1
		}
		return "", -1
	case phNP:
		// "is part of", "provides access to", "is responsible for":
		// relational words then a preposition
		if n+2 < len(ps) && ps[n+1].kind == phPrep && ps[n+2].kind == phNP && relationalNP(st, ps[n]) {
			for w := ps[n].i; w < ps[n].j; w++ {
				if ws[w].Tag != TagDet {
					rest = append(rest, ws[w].Low)
				}
			}
			rest = append(rest, ws[ps[n+1].i].Low)
			return strings.Join(rest, " "), n + 2
		}
		return strings.Join(rest, " "), n
	}
	return "", -1
}

// hedgeWords stand before a figure to bound it.
var hedgeWords = map[string]bool{"over": true, "around": true, "about": true, "nearly": true, "almost": true, "approximately": true, "roughly": true, "under": true}

// relationalNP reports whether a noun phrase is part of a relation phrase
// rather than an object: a short phrase of relational words ("part",
// "access", "a collaboration", "responsible").
func relationalNP(st *sent, p phrase) bool {
	if p.j-p.i > 3 {
		return false
	}
	n := 0
	for w := p.i; w < p.j; w++ {
		x := st.words[w]
		if x.Tag == TagDet {
			continue
		}
		if !relationalWords[x.Low] {
			return false
		}
		n++
	}
	return n > 0
}

// relationalWords form relation phrases with a preposition after a verb.
var relationalWords = map[string]bool{"part": true, "access": true, "member": true, "home": true, "collaboration": true,
	"partnership": true, "responsible": true, "accountable": true, "available": true, "open": true, "subject": true,
	"similar": true, "due": true, "able": true, "key": true, "central": true, "critical": true, "essential": true,
	"integral": true, "committed": true, "dedicated": true, "focused": true, "based": true, "aligned": true,
	"contribution": true, "role": true, "lead": true, "responsibility": true, "charge": true, "use": true, "support": true,
	"funding": true, "investment": true, "response": true, "basis": true, "backup": true, "copy": true, "result": true,
	"pilot": true, "project": true, "extension": true, "continuation": true}

// objectsFrom reads the objects starting at phrase n: a list of items
// coordinated by commas and "and"; an item that is a name is that entity
// (the owned thing of "the Home Office's ACE", the name after a colon in
// "the Home Office programme: ACE"); any other item is a described node of
// its words with their prepositional phrases, linked to the names inside
// them. It returns the objects and the end (a word index) of what it read.
func (d *docState) objectsFrom(st *sent, ps []phrase, n int) ([]*entity, int) {
	return d.objectsUntil(st, ps, n, "")
}

// objectsUntil is objectsFrom with prepositional phrases that start with
// stop left out of the items ("provides organisations with support").
func (d *docState) objectsUntil(st *sent, ps []phrase, n int, stop string) ([]*entity, int) {
	ws := st.words
	var out []*entity
	end := ps[n].i
	m := n
	// "set ourselves five missions", "give people the tools": the first of
	// two objects is who for; the second is what
	if m+1 < len(ps) && ps[m+1].kind == phNP && isPronounNP(st, ps[m]) {
		m++
	}
	// "contracted for development of a second app": what the deed makes
	if m+2 < len(ps) && nominalDeeds[ws[ps[m].head].Low] && ps[m+1].kind == phPrep && ws[ps[m+1].i].Low == "of" && ps[m+2].kind == phNP {
		m += 2
	}
	// "some of its projects", "all of the trusts", "a series of offers":
	// what the quantifier counts
	if m+2 < len(ps) && ps[m+1].kind == phPrep && ws[ps[m+1].i].Low == "of" && ps[m+2].kind == phNP {
		switch {
		case ps[m].j-ps[m].i == 1 && quantifierWords[ws[ps[m].i].Low]:
			m += 2
		case quantifierHeads[ws[ps[m].head].Low] && ps[m].j-ps[m].i <= 2 && st.spanAt(ps[m].i) == nil:
			m += 2
		}
	} else if m+3 < len(ps) && ps[m+1].kind == phPrep && ws[ps[m+1].i].Low == "of" && ps[m+2].kind == phAdv && ps[m+3].kind == phNP && quantifierHeads[ws[ps[m].head].Low] && ps[m].j-ps[m].i <= 2 {
		m += 3 // "a series of easily accessible offers"
	}
	for m < len(ps) && ps[m].kind == phNP {
		// one item: NP ('s NP)? (: NP)? (prep NP)*
		first := m
		last := m
		if m+2 < len(ps) && ps[m+1].kind == phPoss && ps[m+2].kind == phNP {
			// "the Home Office's ACE" is ACE; "5 years' worth of data" stays whole
			if sp := st.spanAt(ps[m].i); sp != nil && (sp.kind == spanQty || sp.kind == spanDate) {
				last = m + 2
			} else {
				first, last = m+2, m+2
			}
		}
		if last+2 < len(ps) && ps[last+1].kind == phPunct && ws[ps[last+1].i].Text == ":" && d.nameOf(st, ps[last+2]) != nil && (!d.isName(st, ps[last]) || genericHeads[ws[ps[last].head].Low]) {
			first, last = last+2, last+2
		}
		for last+2 < len(ps) && (ps[last+1].kind == phPrep && ws[ps[last+1].i].Low != "by" && ws[ps[last+1].i].Low != stop && !meansPrep(ws[ps[last+1].i].Low) && !coAgentAt(ws, ps[last+1].i) || ps[last+1].kind == phPoss) && ps[last+2].kind == phNP && !isPronounNP(st, ps[last+2]) && !timePhrase(st, ps[last+2]) {
			last += 2
			// "approaches to allocating a bed": a gerund read as a noun
			// takes the noun phrase after it as its object
			if ps[last].j-ps[last].i == 1 && strings.HasSuffix(ws[ps[last].i].Low, "ing") && last+1 < len(ps) && ps[last+1].kind == phNP && !subjectOfClause(st, ps, last+1) {
				last++
			}
		}
		// "the possibility of producing a tool": "of" and a gerund with its
		// object complete the noun
		if last+3 < len(ps) && ps[last+1].kind == phPrep && (ws[ps[last+1].i].Low == "of" || ws[ps[last+1].i].Low == "to" || ws[ps[last+1].i].Low == "for") && ps[last+2].kind == phVG && int(ps[last+2].nAux) == 0 && ws[ps[last+2].head].Form == FormIng && ps[last+3].kind == phNP {
			last += 3
			for last+2 < len(ps) && ps[last+1].kind == phPrep && ps[last+2].kind == phNP && !meansPrep(ws[ps[last+1].i].Low) && !timePhrase(st, ps[last+2]) && ws[ps[last+1].i].Low != "by" {
				last += 2
			}
		}
		// "ensure the assessment is carried out": the noun phrase is the
		// subject of a clause, not an object
		if last+1 < len(ps) && ps[last+1].kind == phVG && (int(ps[last+1].nAux) > 0 || ws[ps[last+1].head].Form == FormS) {
			break
		}
		// "health and care community", "talented and experienced suppliers":
		// bare modifiers coordinated before one head are one item
		for bareModifier(st, ps[last]) && d.nameOf(st, ps[last]) == nil {
			// ", NP", "and NP", ", and NP"
			k := last + 1
			if k < len(ps) && ps[k].kind == phPunct && ws[ps[k].i].Text == "," {
				k++
			}
			if k < len(ps) && ps[k].kind == phConj {
				k++
			}
			if k == last+1 || k >= len(ps) || ps[k].kind != phNP || d.nameOf(st, ps[k]) != nil || subjectOfClause(st, ps, k) {
				break
			}
			last = k
			for last+2 < len(ps) && ps[last+1].kind == phPrep && ps[last+2].kind == phNP && ws[ps[last+1].i].Low != "by" && ws[ps[last+1].i].Low != stop && !isPronounNP(st, ps[last+2]) && !meansPrep(ws[ps[last+1].i].Low) && !coAgentAt(ws, ps[last+1].i) && !timePhrase(st, ps[last+2]) {
				last += 2
			}
		}
		// "a dataset containing digitised slices of brains": a participle
		// with its object, no comma between, describes the item
		if last+2 < len(ps) && ps[last+1].kind == phVG && int(ps[last+1].nAux) == 0 && ws[ps[last+1].head].Form == FormIng && ps[last+2].kind == phNP && ws[ps[last+1].head].Low != "including" && d.nameOf(st, ps[first]) == nil {
			k := last + 2
			for k+2 < len(ps) && ps[k+1].kind == phPrep && ps[k+2].kind == phNP && !meansPrep(ws[ps[k+1].i].Low) && !timePhrase(st, ps[k+2]) && ws[ps[k+1].i].Low != "by" {
				k += 2
			}
			if ps[k].j-ps[first].i <= 16 {
				last = k
			}
		}
		// "teams including EPR, business intelligence, ...": examples belong
		// to the item, to the end of the clause
		if k := last; k+1 < len(ps) && ps[k+1].kind == phPrep && (ws[ps[k+1].i].Low == "including" || ws[ps[k+1].i].Low == "like") {
			end := clauseEnd(st, ps[k+1].i)
			for last+1 < len(ps) && ps[last+1].j <= end && ps[last+1].kind != phVG && ps[last+1].kind != phWh {
				last++
			}
		}
		// "throughout the NHS and adult social care sectors": after a
		// prepositional phrase, "and" joins that phrase's object
		for last > first && last+2 < len(ps) && ps[last+1].kind == phConj && ps[last+2].kind == phNP && !(d.isName(st, ps[first]) && d.isName(st, ps[last+2])) && !subjectOfClause(st, ps, last+2) {
			last += 2
			for last+2 < len(ps) && ps[last+1].kind == phPrep && ps[last+2].kind == phNP && ws[ps[last+1].i].Low != "by" && ws[ps[last+1].i].Low != stop && !isPronounNP(st, ps[last+2]) && !meansPrep(ws[ps[last+1].i].Low) && !coAgentAt(ws, ps[last+1].i) && !timePhrase(st, ps[last+2]) {
				last += 2
			}
		}
		// an abbreviation in brackets belongs to the item
		itemEnd := ps[last].j
		if itemEnd+2 < len(ws)+1 && itemEnd < len(ws) && ws[itemEnd].Text == "(" {
			if c := closeBracket(ws, itemEnd); c > 0 && c-itemEnd <= 3 {
				itemEnd = c + 1
			}
		}
		if e := d.nameOf(st, ps[first]); e != nil {
			out = append(out, e)
		} else if isPronounNP(st, ps[first]) && (ws[ps[first].i].Low == "us" || ws[ps[first].i].Low == "we") && d.author != nil {
			out = append(out, d.author) // "approached us"
		} else if e := d.resolveNP(st, ps, first); e != nil && first == last && !isPronounNP(st, ps[first]) {
			out = append(out, e) // "the database"
		} else if sp := st.spanAt(ps[first].i); sp != nil && (sp.kind == spanMoney || sp.kind == spanDate) {
			// an amount of money is a fund, a date a date: the figures pass relates them
		} else if !isPronounNP(st, ps[first]) {
			text := trimArticles(joinWords(ws[ps[first].i:itemEnd]))
			if text != "" && !onlyFunctionWords(ws[ps[first].i:itemEnd]) && !timeWord(text) && strings.Trim(text, "0123456789,.") != "" {
				if quality(ws[ps[first].i:itemEnd]) {
					goto next // "tested positive": a quality, not a thing
				}
				o := d.described(conceptType(st, ps[first]), text, clauseText(st, ps[first].i), st.n)
				d.linkAbout(o, namesIn(st, ps[first].i, itemEnd))
				// "remote monitoring of patients at home" is also called
				// "remote monitoring": its first noun phrase, if it has two
				// words or more and no figure
				if last > first && ps[first].j-ps[first].i >= 2 {
					if core := aliasNP(st, ps[first]); strings.Contains(core, " ") && !ws[ps[first].i].Digit && st.spanAt(ps[first].i) == nil {
						o.addAlias(core)
					}
				}
				d.items = append(d.items, item{sent: st.n, i: ps[first].i, j: itemEnd, node: o})
				out = append(out, o)
			}
		}
	next:
		end = itemEnd
		// skip to the phrase after the item
		m = last + 1
		for m < len(ps) && ps[m].i < itemEnd {
			m++
		}
		// "35 applications such as A, B and C": the examples are objects too
		if m+2 < len(ps) && ps[m].kind == phNP && ws[ps[m].i].Low == "such" && ps[m].j-ps[m].i == 1 && ps[m+1].kind == phPrep && ws[ps[m+1].i].Low == "as" && ps[m+2].kind == phNP {
			ex, exEnd := d.examples(st, ps, m+2)
			out = append(out, ex...)
			end = max(end, exEnd)
			break
		}
		// another item: ", NP", "and NP", ", and NP"
		k := m
		if k < len(ps) && ps[k].kind == phPunct && ws[ps[k].i].Text == "," {
			k++
		}
		if k < len(ps) && ps[k].kind == phConj {
			k++
		}
		if k == m || k >= len(ps) || ps[k].kind != phNP {
			break
		}
		// ", NP" followed by a verb starts a new clause, not an item
		if k+1 < len(ps) && (ps[k+1].kind == phVG || ps[k+1].kind == phWh) {
			break
		}
		// "other healthcare agencies and bodies": a bare noun or two after
		// "and" shares the item's modifiers
		if ps[k-1].kind == phConj && len(out) > 0 && out[len(out)-1].described && bareTail(st, ps[k]) && (k+1 >= len(ps) || ps[k+1].kind != phPrep) {
			o := out[len(out)-1]
			d.extendItem(o, st, ps[k].j)
			end = ps[k].j
			m = k + 1
			break
		}
		m = k
	}
	return out, end
}

// examples reads a list of examples from phrase n to the end of the
// clause: noun phrases, each with its prepositional phrases or an
// infinitive that says what it is for ("initiatives to support digital
// inclusion"), separated by commas and "and". It returns them as
// described nodes, and the word where the list ends.
func (d *docState) examples(st *sent, ps []phrase, n int) ([]*entity, int) {
	ws := st.words
	end := clauseEnd(st, ps[n].i)
	var out []*entity
	i := ps[n].i
	emit := func(j int) {
		for j > i && (ws[j-1].Punct || ws[j-1].Low == "and" || ws[j-1].Low == "or") {
			j--
		}
		if j <= i {
			return
		}
		if e := d.nameAt(st, i); e != nil && st.spanAt(i).j == j {
			out = append(out, e)
			return
		}
		o := d.described(TypeConcept, trimArticles(joinWords(ws[i:j])), clauseText(st, i), st.n)
		d.linkAbout(o, namesIn(st, i, j))
		out = append(out, o)
	}
	for m := n; m < len(ps) && ps[m].i < end; m++ {
		if ps[m].kind == phWh || ps[m].kind == phVG && ps[m-1].kind != phTo {
			end = ps[m].i // a new clause
			break
		}
		// an item ends at a comma, or at "and" before a noun phrase that
		// is not part of a coordinated head ("cardiology and cardiac surgery")
		if ps[m].kind == phPunct && ws[ps[m].i].Text == "," {
			emit(ps[m].i)
			i = ps[m].j
			for i < end && (ws[i].Low == "and" || ws[i].Low == "or") {
				i++
			}
		}
	}
	emit(end)
	return out, end
}

// subjectOfClause reports whether the noun phrase at m, with its
// prepositional phrases, is followed by a finite verb: "and a series of
// playbooks have been launched" starts a clause.
func subjectOfClause(st *sent, ps []phrase, m int) bool {
	for m+2 < len(ps) && ps[m+1].kind == phPrep && ps[m+2].kind == phNP {
		m += 2
	}
	if m+1 >= len(ps) || ps[m+1].kind != phVG {
		return false
	}
	v := ps[m+1]
	return int(v.nAux) > 0 || st.words[v.head].Form == FormS || st.words[v.head].Form == FormPast
}

// coAgentAt reports whether words from i say who else did it: "in
// conjunction with", "in partnership with", "alongside".
func coAgentAt(ws []Word, i int) bool {
	for _, f := range coAgentPreps {
		if i+len(f) <= len(ws) && matchLows(ws[i:i+len(f)], f) {
			return true
		}
	}
	return false
}

// meansPrep introduces the means of a deed, not part of its object.
func meansPrep(w string) bool { return w == "through" || w == "via" }

// quantifierWords stand for a part of what their "of" phrase names.
var quantifierWords = map[string]bool{"some": true, "many": true, "all": true, "most": true, "several": true, "one": true,
	"each": true, "none": true, "both": true, "any": true, "few": true, "much": true}

// aliasNP is a noun phrase's words without its article: "a second app"
// is also called "second app".
func aliasNP(st *sent, p phrase) string {
	ws := st.words
	i := p.i
	for i < p.j && (ws[i].Tag == TagDet || ws[i].Tag == TagPoss) {
		i++
	}
	if i >= p.j || ws[p.head].Tag == TagPron || p.j-i > 6 {
		return ""
	}
	return joinWords(ws[i:p.j])
}

// timePhrase reports whether a noun phrase says when or for how long:
// "in 12 weeks", "in May 2021" modify the verb, not the object before them.
func timePhrase(st *sent, p phrase) bool {
	if sp := st.spanAt(p.i); sp != nil && sp.kind == spanDate {
		return true
	}
	for _, du := range durationsIn(st) {
		if du.i >= p.i && du.i < p.j && du.j >= p.j-1 {
			return true
		}
	}
	return false
}

// itemStartsAt reports whether a described object of sentence n starts at
// word i (after an article): a figure there heads it ("11,000 iPads").
func (d *docState) itemStartsAt(n, i int) bool {
	for k := len(d.items) - 1; k >= 0; k-- {
		it := d.items[k]
		if it.sent < n {
			break
		}
		if it.sent == n && (it.i == i || it.i == i-1) {
			return true
		}
	}
	return false
}

// bareTail reports whether a noun phrase is one or two nouns with no
// article: "bodies" in "agencies and bodies".
func bareTail(st *sent, p phrase) bool {
	if p.j-p.i > 2 {
		return false
	}
	for w := p.i; w < p.j; w++ {
		if st.words[w].Tag != TagNoun {
			return false
		}
	}
	return true
}

// extendItem makes a described object's words run to word j of its
// sentence, renaming it.
func (d *docState) extendItem(o *entity, st *sent, j int) {
	for k := len(d.items) - 1; k >= 0; k-- {
		it := &d.items[k]
		if it.node == o && it.sent == st.n {
			it.j = j
			o.name = trimArticles(joinWords(st.words[it.i:j]))
			return
		}
	}
}

// quality reports whether an item's words are a quality rather than a
// thing, read off their parts of speech in the sentence: an adjective or
// adverb first, and no noun until a preposition or the end.
func quality(ws []Word) bool {
	if len(ws) > 1 && (ws[0].Low == "most" || ws[0].Low == "more" || ws[0].Low == "less" || ws[0].Low == "very") && ws[1].Tag == TagAdj {
		ws = ws[1:] // "most proud of"
	}
	if len(ws) == 0 || ws[0].Tag != TagAdj && ws[0].Tag != TagAdv {
		return false
	}
	for _, w := range ws[1:] {
		switch w.Tag {
		case TagNoun, TagProp, TagNum:
			return false
		case TagPrep, TagTo, TagPunct:
			return true
		}
	}
	return true
}

// timeWord reports whether an object is only a time ("Tuesday", "last
// week"): "announced on Tuesday" does not relate anything to Tuesday.
func timeWord(text string) bool {
	w := strings.Fields(strings.ToLower(text))
	last := w[len(w)-1]
	return len(w) <= 2 && (weekdays[last] || monthNames[last] || last == "week" || last == "month" || last == "year" || last == "today" || last == "yesterday")
}

// nominalDeeds name a deed by its product: "the development of X" is X
// developed.
var nominalDeeds = map[string]bool{"development": true, "creation": true, "provision": true, "delivery": true,
	"introduction": true, "implementation": true, "rollout": true, "roll-out": true, "deployment": true,
	"establishment": true, "construction": true, "design": true, "procurement": true, "production": true}

// itemHeadedByFigure reports whether a described object of st starts with
// a counted figure ("600 porters ...").
func (d *docState) itemHeadedByFigure(st *sent, o *entity) bool {
	for k := len(d.items) - 1; k >= 0; k-- {
		it := d.items[k]
		if it.sent < st.n {
			break
		}
		if it.node == o && it.sent == st.n {
			i := it.i
			if i < len(st.words) && st.words[i].Tag == TagDet {
				i++
			}
			sp := st.spanAt(i)
			return sp != nil && sp.kind == spanQty
		}
	}
	return false
}

// closeBracket is the index of the ")" closing the "(" at i, or -1.
func closeBracket(ws []Word, i int) int {
	for j := i + 1; j < len(ws) && j < i+12; j++ {
		if ws[j].Text == ")" {
			return j
		}
		if ws[j].Text == "(" {
			return -1
		}
	}
	return -1
}

// onlyFunctionWords reports whether words hold no noun, name or figure.
func onlyFunctionWords(ws []Word) bool {
	for _, w := range ws {
		switch w.Tag {
		case TagNoun, TagProp, TagNum, TagAdj:
			return false
		}
	}
	return true
}

// isName reports whether a noun phrase is headed by a name.
func (d *docState) isName(st *sent, p phrase) bool { return d.nameOf(st, p) != nil }

// bareModifier reports whether a noun phrase is one or two words without
// an article that can modify a noun after it: "health" in "health and care
// community", "talented" in "talented and experienced suppliers".
func bareModifier(st *sent, p phrase) bool {
	i := p.i
	if st.words[i].Tag == TagDet {
		i++
	}
	if p.j-i > 3 || p.j <= i {
		return false
	}
	for w := i; w < p.j; w++ {
		switch st.words[w].Tag {
		case TagNoun, TagAdj:
		default:
			return false
		}
	}
	// a plural noun heads its own item ("beds and people")
	h := st.words[p.j-1]
	return st.words[p.j-1].Tag == TagAdj || !strings.HasSuffix(h.Low, "s") || strings.HasSuffix(h.Low, "ss")
}

// item is a described object and the words it was read from.
type item struct {
	sent, i, j int
	node       *entity
}

// itemAround returns the described object of sentence n whose words hold
// [i, j), or nil.
func (d *docState) itemAround(n, i, j int) *entity {
	for k := len(d.items) - 1; k >= 0; k-- {
		it := d.items[k]
		if it.sent == n && it.i <= i && j <= it.j {
			return it.node
		}
		if it.sent < n {
			break
		}
	}
	return nil
}

// isPronounNP reports whether a noun phrase is a lone pronoun.
func isPronounNP(st *sent, p phrase) bool {
	return p.j-p.i == 1 && st.words[p.i].Tag == TagPron
}

// nameOf returns the named entity a noun phrase stands for: the name that
// heads it ("the Home Office", "NHSX"), or a name followed only by a
// generic noun ("the NHS AI Lab Skunkworks team").
func (d *docState) nameOf(st *sent, p phrase) *entity {
	sp := st.spanAt(p.head)
	if sp != nil && sp.kind == spanName && sp.ent != nil {
		return sp.ent.resolve()
	}
	// a name before a generic head: "the Kettering team"; "a frontline
	// NHS IT team" is some team, not the name inside it
	if p.head > p.i && genericHeads[st.words[p.head].Low] && st.words[p.i].Low != "a" && st.words[p.i].Low != "an" {
		if sp := st.spanAt(p.head - 1); sp != nil && sp.kind == spanName && sp.ent != nil {
			return sp.ent.resolve()
		}
	}
	return nil
}

// genericHeads are nouns that, after a name, still mean the named thing.
var genericHeads = map[string]bool{"team": true, "teams": true, "organisation": true, "programme": true,
	"project": true, "initiative": true, "website": true, "site": true, "colleagues": true}

// trimArticles drops a leading article or demonstrative.
func trimArticles(s string) string {
	for _, a := range []string{"the ", "a ", "an ", "The ", "A ", "An ", "this ", "This ", "these ", "These ", "its ", "their ", "our ", "Our ", "Their ", "Its "} {
		if strings.HasPrefix(s, a) {
			return strings.TrimSpace(s[len(a):])
		}
	}
	return strings.TrimSpace(s)
}

// clauseText is the sentence from word i to the end of its clause: the
// next semicolon, or a comma before a new verb group, or the end.
func clauseText(st *sent, i int) string {
	ws := st.words
	j := i
	for j < len(ws) {
		if ws[j].Punct && (ws[j].Text == ";" || ws[j].Text == "." && j == len(ws)-1) {
			break
		}
		j++
	}
	return strings.TrimRight(joinWords(ws[i:j]), " ,:")
}

// verbPhraseText is the verb group's words after its auxiliaries: the
// action itself ("work", "publish").
func verbPhraseText(st *sent, p phrase) string {
	ws := st.words
	var out []string
	for w := p.i; w < p.j; w++ {
		switch ws[w].Tag {
		case TagModal, TagAux, TagNeg, TagAdv:
			if w != p.head {
				continue
			}
		}
		out = append(out, ws[w].Text)
	}
	return strings.Join(out, " ")
}

// conceptType types a described object by its head noun: a tool is a
// product, a database a dataset, a report a creative work; anything else
// is a concept.
func conceptType(st *sent, p phrase) quad.IRI {
	h := st.words[p.head].Low
	switch typeVote(h) {
	case graph.TypeProduct:
		return graph.TypeProduct
	case graph.TypeDataset:
		return graph.TypeDataset
	case graph.TypeCreativeWork:
		return graph.TypeCreativeWork
	}
	if h == "data" {
		return graph.TypeDataset
	}
	return TypeConcept
}
