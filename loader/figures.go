package loader

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The figures pass: money, counts and dates, each read in its own clause.
// An amount of money is a fund, credited with what its own clause says it
// pays for ("£16.6m ... to ensure practices can communicate", "£350 million
// for Frontline Digitisation", "X was allocated £N"), never with the
// headline figures around it. A count in a clause that reports a deed
// ("delivered 11,000 iPads", "over 200,000 patients benefiting") is an
// outcome of the clause's subject; in a clause that plans or aims ("will",
// "aims to", "by September 2021") it is a target; anywhere else it only
// measures what it counts. A date dates the subject of its clause.

// Node types that are not entities of the graph contract: described things
// the text relates entities to, and the posts people hold.
const (
	TypeConcept = graph.TypeConcept
	TypeRole    = graph.TypeRole
)

// described returns the node of type typ with this name in the document,
// making it if it is new: a concept, a role, an outcome, a fund or a target.
func (d *docState) described(typ quad.IRI, name, desc string, sentN int) *entity {
	return d.describedAs(typ, name, name, desc, sentN)
}

// describedAs is described with a key of its own, for nodes whose name is
// not what tells them apart: a post is one per person who holds it.
func (d *docState) describedAs(typ quad.IRI, key, name, desc string, sentN int) *entity {
	name = strings.TrimSpace(strings.TrimRight(collapseSpace(name), " ,;:-–"))
	key = string(typ) + "\x00" + nameKey(key)
	if e, ok := d.describedBy[key]; ok {
		if e.desc == "" {
			e.desc = desc
		}
		return e
	}
	e := &entity{id: -1, name: name, typ: typ, described: true, desc: desc, sent: sentN}
	if key != string(typ)+"\x00"+nameKey(name) {
		e.iri = nodeIRI(typ, strings.TrimPrefix(key, string(typ)+"\x00")) // a post: one per holder
	}
	d.describedBy[key] = e
	d.describedList = append(d.describedList, e)
	return e
}

// addFact records s p o read from sentence sentN.
func (d *docState) addFact(s *entity, p quad.IRI, o *entity, sentN int, rule string) {
	if s == nil || o == nil {
		return
	}
	s, o = s.resolve(), o.resolve()
	if s == o {
		return
	}
	d.facts = append(d.facts, fact{s: s, p: p, o: o, sent: sentN, rule: rule})
	// a described thing is about the names in its words once a relation
	// uses it: a phrase no relation needs is not written
	for _, e := range []*entity{s, o} {
		if e.described && !e.aboutDone && p != graph.About {
			e.aboutDone = true
			for _, n := range e.about {
				d.addFact(e, graph.About, n, e.sent, "about")
			}
		}
	}
}

// linkAbout links a described node to the names inside its phrase. A
// phrase of more than twenty words is too loose a thing to be about them.
func (d *docState) linkAbout(o *entity, names []*entity) {
	if strings.Count(o.name, " ") >= 20 {
		return
	}
	for _, n := range names {
		if n != nil && n.resolve() != o && !slices.Contains(o.about, n.resolve()) {
			o.about = append(o.about, n.resolve())
		}
	}
}

// figuresIn reads the money, counts and dates of a sentence.
func (d *docState) figuresIn(st *sent) {
	ps := chunk(st)
	d.durations(st)
	for si := range st.spans {
		sp := &st.spans[si]
		switch sp.kind {
		case spanMoney:
			d.fund(st, ps, sp)
		case spanQty:
			d.quantity(st, ps, sp)
		}
	}
	// dates last: a date dates the result its sentence reports
	for si := range st.spans {
		if sp := &st.spans[si]; sp.kind == spanDate {
			d.dateFact(st, ps, sp)
		}
	}
}

// clauseAround finds the verb group whose clause holds word i: the nearest
// before it, else the first after it (a fronted "In May 2021, ..."). It
// returns the phrase index, or -1.
func clauseAround(st *sent, ps []phrase, i int) int {
	// "with over 200,000 patients benefiting": the participle after a figure is its own
	for k, p := range ps {
		if p.kind == phVG && p.i > i && int(p.nAux) == 0 && st.words[p.head].Form == FormIng {
			if k > 0 && ps[k-1].kind == phNP && ps[k-1].i <= i {
				return k
			}
		}
	}
	before, after := -1, -1
	for k, p := range ps {
		if p.kind != phVG {
			continue
		}
		if p.j <= i {
			before = k
		} else if after < 0 && p.i > i {
			after = k
		}
	}
	// a clause boundary (";", a relative word) between the verb and the word
	if before >= 0 {
		for k := before + 1; k < len(ps) && ps[k].i < i; k++ {
			if ps[k].kind == phPunct && st.words[ps[k].i].Text == ";" {
				before = -1
				break
			}
		}
	}
	if before >= 0 {
		return before
	}
	return after
}

// clauseSubject is the subject of the clause of verb group k.
func (d *docState) clauseSubject(st *sent, ps []phrase, k int) *entity {
	if k < 0 {
		return d.implicitSubject(st)
	}
	var done []clause
	for j := 0; j < k; j++ {
		if ps[j].kind == phVG {
			s, _ := d.subjectOf(st, ps, j, done)
			done = append(done, clause{vg: j, subject: s})
		}
	}
	s, _ := d.subjectOf(st, ps, k, done)
	return s
}

// planned reports whether the clause of verb group k, or the sentence
// around word i, speaks of what is to come: a modal, an aim verb, or "by"
// before a date ("by September 2021").
func planned(st *sent, ps []phrase, k, i int) bool {
	if k >= 0 {
		if ps[k].future() {
			return true
		}
		for j := k; j >= 0 && j >= k-3; j-- {
			if ps[j].kind == phVG && aimVerbs[st.words[ps[j].head].Lemma] {
				return true
			}
		}
	}
	ws := st.words
	for j := i; j < len(ws); j++ {
		if ws[j].Low == "by" && j+1 < len(ws) && (ws[j+1].Cap && monthNames[ws[j+1].Low] || ws[j+1].Digit) {
			return true
		}
		if ws[j].Low == "target" || ws[j].Low == "ambition" || ws[j].Low == "aim" || ws[j].Low == "goal" {
			return true
		}
	}
	return false
}

// fund makes the fund node of an amount of money and links it to what its
// own clause says.
func (d *docState) fund(st *sent, ps []phrase, sp *span) {
	m := sp.money
	if m.Vague || m.Pounds <= 0 {
		return
	}
	ws := st.words
	// money saved is a result, not a fund: "saved the NHS at least £300m"
	k := clauseAround(st, ps, sp.i)
	if saving(st, ps, k, sp) {
		subj := d.clauseSubject(st, ps, k)
		if subj == nil {
			return
		}
		o := d.described(graph.TypeOutcome, "money saved: "+m.Text, sentenceDesc(st), st.n)
		o.value, o.hasValue, o.unit, o.hedge = float64(m.Pounds), true, "GBP saved", m.Bound
		d.addFact(subj, graph.Achieved, o, st.n, "saving")
		for _, co := range d.coSubjects(st, ps, k) {
			d.addFact(co, graph.Achieved, o, st.n, "saving")
		}
		return
	}
	f := d.fundNode(st, ps, sp)
	named := d.fundNamed(st, sp)
	if named != nil {
		d.addFact(f, graph.Funds, named, st.n, "named-fund")
	}
	// "X invested £N in Y", "X was allocated £N", "X received £N"
	if k >= 0 && ps[k].j <= sp.i {
		subj := d.clauseSubject(st, ps, k)
		lemma := st.words[ps[k].head].Lemma
		switch {
		case ps[k].passive && subj == f:
			// "£6.5 million was allocated to 35 applications": the money is
			// the subject; what it went to follows "to" or "for"
			if objs := d.objectsAfterPrep(st, ps, k, "to", "for"); len(objs) > 0 {
				for _, o := range objs {
					d.addFact(f, graph.Funds, o, st.n, "fund-recipient")
				}
			}
		case ps[k].passive && (lemma == "allocate" || lemma == "award" || lemma == "give" || lemma == "grant"):
			d.addFact(f, graph.Funds, subj, st.n, "fund-recipient")
		case lemma == "receive" || lemma == "secure" || lemma == "win" || lemma == "get":
			d.addFact(subj, Received, f, st.n, "fund-recipient")
			// "secured £2.1bn in the Spending Review"
			for _, o := range st.spans {
				if o.kind == spanName && o.i > sp.j && o.i > 0 && st.words[o.i-1].Low == "the" && o.i > 1 && st.words[o.i-2].Low == "in" {
					if e := o.ent.resolve(); e.finalType() == graph.TypeEvent {
						d.addFact(f, SecuredIn, e, st.n, "fund-event")
					}
				}
			}
		case lemma == "invest" || lemma == "provide" || lemma == "commit" || lemma == "allocate" || lemma == "award" || lemma == "spend" || lemma == "give" || lemma == "announce" || lemma == "pledge":
			// "with a commitment to invest £150m": whose commitment a noun's
			// infinitive does not say
			if k >= 2 && ps[k-1].kind == phTo && ps[k-2].kind == phNP {
				break
			}
			if subj != nil && !subj.described && subj.finalType() == graph.TypeOrganization {
				d.addFact(f, graph.ProvidedBy, subj, st.n, "fund-provider")
			}
		}
	}
	// what the amount pays for: "£N to V ...", "£N for X"
	j := sp.j
	for j < len(ws) && (ws[j].Tag == TagNoun || ws[j].Tag == TagAdj || ws[j].Low == "of") && j-sp.j < 4 {
		j++
	}
	if named != nil {
		j = st.spanAt(sp.j).j
	}
	if j < len(ws) {
		switch {
		case ws[j].Low == "to" && j+1 < len(ws) && ws[j+1].Tag == TagVerb:
			purpose := d.described(TypeConcept, clauseText(st, j+1), "", st.n)
			d.addFact(f, Purpose, purpose, st.n, "fund-purpose")
			d.linkAbout(purpose, namesIn(st, j+1, len(ws)))
		case ws[j].Low == "for" && j+1 < len(ws):
			if e := d.nameAt(st, j+1); e != nil {
				d.addFact(f, graph.Funds, e, st.n, "fund-for")
			} else {
				end := d.purposeEnd(st, j+1)
				purpose := d.described(TypeConcept, strings.TrimRight(joinWords(ws[j+1:end]), " ,:"), "", st.n)
				d.addFact(f, Purpose, purpose, st.n, "fund-for")
				d.linkAbout(purpose, namesIn(st, j+1, end))
			}
		}
	}
	// a fund under a programme's heading is part of that programme's
	// money: it pays for what its own words say, not for every result of
	// the section
	if t := d.sectionTopicOf(st.s); t != nil && named == nil && t.finalType() == graph.TypeFund && t != f {
		// "During the first round, £6.5 million was allocated": under a
		// fund's heading, an amount is part of that fund
		d.addFact(f, graph.PartOf, t, st.n, "fund-section")
	} else if t != nil && named == nil && t.finalType() == graph.TypeProgramme {
		// the one amount a programme's heading captions is its funding;
		// an amount further down (one of a list of results, one of several)
		// is a part of its money, not what bought every result the section lists
		if d.amountsIn(st.s.Section) == 1 && st.n == st.s.Section+1 {
			d.addFact(f, graph.Funds, t, st.n, "fund-section")
		} else {
			d.addFact(f, graph.PartOf, t, st.n, "fund-section")
		}
	}
	for _, o := range st.spans {
		if o.kind == spanDate {
			d.addFact(f, graph.Date, d.dateNode(*o.date, st.n), st.n, "fund-date")
		}
	}
}

// objectsAfterPrep reads the objects of the first of preps after verb
// group k, in its clause.
func (d *docState) objectsAfterPrep(st *sent, ps []phrase, k int, preps ...string) []*entity {
	for m := k + 1; m+1 < len(ps); m++ {
		if ps[m].kind == phVG || ps[m].kind == phPunct && st.words[ps[m].i].Text == ";" {
			break
		}
		if ps[m].kind == phPrep && slices.Contains(preps, st.words[ps[m].i].Low) && ps[m+1].kind == phNP {
			objs, _ := d.objectsFrom(st, ps, m+1)
			return objs
		}
	}
	return nil
}

// saving reports whether the amount at sp is money a clause saved.
func saving(st *sent, ps []phrase, k int, sp *span) bool {
	return k >= 0 && ps[k].j <= sp.i && savingVerbs[st.words[ps[k].head].Lemma] && !ps[k].neg
}

// fundNamed is the fund or programme named right after an amount ("the
// £140 million AI in Health and Care Award"), or nil.
func (d *docState) fundNamed(st *sent, sp *span) *entity {
	if sp.j < len(st.words) {
		if n := st.spanAt(sp.j); n != nil && n.kind == spanName && n.ent != nil {
			if t := n.ent.resolve().finalType(); t == graph.TypeFund || t == graph.TypeProgramme {
				return n.ent.resolve()
			}
		}
	}
	return nil
}

// fundNode makes (or finds) the fund node of the amount at sp: named after
// the fund the text names with it, else the noun phrase it is of ("a three
// year capital spending settlement of £2.1bn"), else the amount and what it
// is of ("£590 million revenue"). The same amount again in a document is
// the same fund, its other names aliases. It returns nil for an amount
// that is no fund.
func (d *docState) fundNode(st *sent, ps []phrase, sp *span) *entity {
	m := sp.money
	if m.Vague || m.Pounds <= 0 || saving(st, ps, clauseAround(st, ps, sp.i), sp) {
		return nil
	}
	ws := st.words
	name := m.Text
	if i := strings.Index(name, "£"); i > 0 {
		name = name[i:] // "at least £300m" is the amount £300m, bounded
	}
	amount := name
	after := nounAfter(ws, sp.j)
	switch named := d.fundNamed(st, sp); {
	case named != nil:
		name = named.name
	case fundPhraseBefore(st, ps, sp) != "":
		name = fundPhraseBefore(st, ps, sp)
	case after != "":
		name = amount + " " + after
	}
	f := d.fundsByAmount[m.Pounds]
	switch {
	case f == nil:
		f = d.described(graph.TypeFund, name, clauseText(st, sp.i), st.n)
		d.fundsByAmount[m.Pounds] = f
	case name == f.name:
	case strings.HasPrefix(f.name, "£") && !strings.HasPrefix(name, "£"):
		f.addAlias(f.name)
		f.name = name
	default:
		f.addAlias(name)
	}
	f.amount = m.Pounds
	if m.Bound != "" {
		f.bound = m.Bound
	}
	capital, revenue := false, false
	for _, w := range ws[sp.j:min(len(ws), sp.j+5)] {
		capital = capital || w.Low == "capital"
		revenue = revenue || w.Low == "revenue"
	}
	switch {
	case capital && revenue:
		f.fundKind = "capital and revenue"
	case capital && f.fundKind == "":
		f.fundKind = "capital"
	case revenue && f.fundKind == "":
		f.fundKind = "revenue"
	}
	return f
}

// savingVerbs make an amount of money a saving.
var savingVerbs = map[string]bool{"save": true, "underspend": true, "cut": true, "reduce": true}

// fundHeads name what an amount of money is.
var fundHeads = map[string]bool{"settlement": true, "allocation": true, "fund": true, "budget": true,
	"investment": true, "grant": true, "funding": true, "package": true, "award": true, "pot": true, "programme": true}

// fundPhraseBefore is the noun phrase an amount is "of": "a three year
// capital spending settlement of £2.1bn".
func fundPhraseBefore(st *sent, ps []phrase, sp *span) string {
	ws := st.words
	if sp.i < 2 || ws[sp.i-1].Low != "of" {
		return ""
	}
	for k, p := range ps {
		if p.kind == phNP && p.j == sp.i-1 && fundHeads[ws[p.head].Low] {
			_ = k
			return trimArticles(joinWords(ws[p.i:p.j]))
		}
	}
	return ""
}

// budgets makes the amounts a document gives after it names an
// allocation part of that allocation: "NHSX was allocated £1,097 million
// ... The main areas of investment are: ... £350 million ..." An amount
// already given to or by someone, or larger, is not.
func (d *docState) budgets() {
	var budget *entity
	// money given to an organisation, or by one
	givenTo := map[*entity]bool{}
	for _, f := range d.facts {
		if f.s.typ == graph.TypeFund && (f.p == graph.Funds || f.p == graph.ProvidedBy) && !f.o.described && f.o.finalType() == graph.TypeOrganization {
			givenTo[f.s] = true
		}
	}
	for _, f := range d.describedList {
		if f.typ != graph.TypeFund {
			continue
		}
		switch {
		case budget == nil:
			if givenTo[f] && allocationWords(f) {
				budget = f
			}
		case f.amount < budget.amount && f.sent >= budget.sent && !givenTo[f]:
			d.addFact(f, graph.PartOf, budget, f.sent, "budget")
		}
	}
}

// allocationWords reports whether a fund's words make it a budget to be
// divided: an allocation, funding, a budget, a settlement.
func allocationWords(f *entity) bool {
	for _, n := range append([]string{f.name, f.desc}, f.aliases...) {
		for _, w := range strings.Fields(strings.ToLower(n)) {
			switch w {
			case "allocation", "allocated", "funding", "budget", "settlement":
				return true
			}
		}
	}
	return false
}

// amountsIn counts the amounts of money in the sentences of a section
// (not in its subsections).
func (d *docState) amountsIn(section int) int {
	n := 0
	for _, st := range d.analysed {
		if st.s.Section != section || st.s.Kind == KindHeading {
			continue
		}
		for _, sp := range st.spans {
			if sp.kind == spanMoney && !sp.money.Vague {
				n++
			}
		}
	}
	return n
}

// nounAfter is the noun an amount is of: "funding", "of capital".
func nounAfter(ws []Word, j int) string {
	if j < len(ws) && ws[j].Low == "of" {
		j++
	}
	if j < len(ws) {
		switch ws[j].Low {
		case "funding", "investment", "capital", "revenue", "grant", "budget", "allocation", "settlement", "package", "fund":
			return ws[j].Low
		}
	}
	return ""
}

// nameAt returns the entity named at word i (after an article), or nil.
func (d *docState) nameAt(st *sent, i int) *entity {
	if i < len(st.words) && st.words[i].Low == "the" {
		i++
	}
	if sp := st.spanAt(i); sp != nil && sp.kind == spanName && sp.ent != nil {
		return sp.ent.resolve()
	}
	return nil
}

// namesIn lists the entities named in words [i, j).
func namesIn(st *sent, i, j int) []*entity {
	var out []*entity
	for _, sp := range st.spans {
		if sp.kind == spanName && sp.ent != nil && sp.i >= i && sp.j <= j {
			out = append(out, sp.ent.resolve())
		}
	}
	return out
}

// sectionTopicOf is the topic of the sentence's own section heading only.
func (d *docState) sectionTopicOf(s *Sentence) *entity {
	if s.Section < 0 {
		return nil
	}
	return d.sectionTopic[s.Section]
}

// descriptiveVerbs state what something is or has, not what was done:
// a figure in their clause measures, it is not an outcome.
var descriptiveVerbs = map[string]bool{"be": true, "have": true, "include": true, "contain": true, "occupy": true,
	"cover": true, "use": true, "account": true, "represent": true, "comprise": true, "consist": true, "range": true,
	"cost": true, "need": true, "require": true, "take": true, "last": true, "stay": true, "remain": true, "spend": true,
	"number": true, "total": true, "exceed": true, "involve": true, "span": true, "access": true, "hold": true,
	"lack": true, "face": true, "wait": true, "score": true, "rate": true, "measure": true, "weigh": true, "run": true}

// quantity reads a counted figure: an outcome, a target, or a measure.
func (d *docState) quantity(st *sent, ps []phrase, sp *span) {
	q := sp.qty
	ws := st.words
	// a range ("from 1 to 5", "1 to 2 years") or a size is not an outcome
	if sp.j < len(ws) && (ws[sp.j].Low == "to" || ws[sp.j].Text == "-" || ws[sp.j].Text == "–") && sp.j+1 < len(ws) && ws[sp.j+1].Digit {
		return
	}
	if sp.i > 0 && (ws[sp.i-1].Low == "to" || ws[sp.i-1].Text == "-" || ws[sp.i-1].Text == "–") && sp.i > 1 && ws[sp.i-2].Digit {
		return
	}
	// "From 2m to now over 24m people": the figure after "from" is where
	// it started, not what was achieved
	if sp.i > 0 && ws[sp.i-1].Low == "from" && sp.j < len(ws) && ws[sp.j].Low == "to" {
		return
	}
	k := clauseAround(st, ps, sp.i)
	if k >= 0 && (ps[k].neg || conditional(st, ps, k)) {
		return // "this was not developed within 14 weeks"
	}
	subj := d.clauseSubject(st, ps, k)
	// the figure and what it measures, in the text's words: "over 200,000
	// patients benefiting", "40,000 laptops to the system"
	name := strings.TrimSpace(q.Text + " " + measureAfter(st, sp))
	// "used records of 40,000 admissions": a figure inside the phrase of an
	// object, not at its head, counts that object
	if o := d.itemAround(st.n, sp.i, sp.j); o != nil && !d.itemStartsAt(st.n, sp.i) {
		if !o.hasValue {
			o.setFigure(*q)
		}
		return
	}
	switch {
	case planned(st, ps, k, sp.i):
		if timeUnits[strings.ToLower(q.Unit)] {
			return // "over three years" says how long, not what is aimed at
		}
		if countsKinds(q.Unit) {
			return // "will focus on four key areas": how many kinds, no aim
		}
		if subj == nil || subj.described {
			// "all 42 partnerships should have a shared care record by
			// September 2021": an aim of the programme the section is about
			subj = d.sectionTopicOf(st.s)
			if subj == nil || subj.finalType() != graph.TypeProgramme {
				return
			}
		}
		// the target says what is to be done: "all 42 partnerships to
		// have a shared care record by September 2021"
		end := clauseEnd(st, sp.i)
		kv := -1 // the verb the figure is the subject of
		for m := range ps {
			if ps[m].kind == phVG && ps[m].i >= sp.j && ps[m].i < end {
				if m > 0 && ps[m-1].kind == phNP && ps[m-1].j == ps[m].i && st.spanAt(ps[m-1].i) == sp || ps[m].i == sp.j {
					kv = m
				}
				break
			}
		}
		if kv >= 0 {
			name = shorten(joinWords(st.words[sp.i:end]), 200)
		} else if by := byDate(st, sp.j, end); by != "" {
			name += " " + by // "5,000 nurses by March 2025"
		}
		t := d.described(graph.TypeOutcome, name, clauseText(st, max(0, sp.i)), st.n)
		t.setFigure(*q)
		t.plan = true
		d.linkAbout(t, namesIn(st, sp.i, end))
		// and what it is about: the thing the figure is to have
		if kv >= 0 {
			if _, o := relationRest(st, ps, kv); o >= 0 && d.nameOf(st, ps[o]) == nil && ps[o].i < end {
				if core := coreNP(st, ps[o]); core != "" {
					t.about = append(t.about, d.described(TypeConcept, core, "", st.n))
				}
			}
		}
		d.addFact(subj, Targets, t, st.n, "target")
	case (d.reportsDeed(st, ps, k, sp) || d.resultItem(st) || growthTo(st, ps, k, sp)) && !timeUnits[strings.ToLower(q.Unit)]:
		o := d.described(graph.TypeOutcome, name, sentenceDesc(st), st.n)
		o.setFigure(*q)
		by := subj
		absolute := k >= 2 && st.words[ps[k].head].Form == FormIng && int(ps[k].nAux) == 0 && ps[k-1].kind == phNP && withBefore(st, ps, k-1)
		switch {
		case absolute:
			// "We scaled X, with over 200,000 patients benefiting": the main
			// clause's subject did it
			by = nil
			for j := k - 1; j >= 0 && by == nil; j-- {
				if ps[j].kind == phVG {
					by = d.clauseSubject(st, ps, j)
				}
			}
		case d.resultItem(st) && (by == nil || by.described) || by == nil && !explicitSubject(st, ps, k):
			by = d.implicitSubject(st)
		case k >= 0 && sp.i < ps[k].i && (ps[k].passive || int(ps[k].nAux) == 0 && st.words[ps[k].head].Form != FormS) && (by == nil || by.described):
			// "11,000 iPads were delivered to care homes": the figure is
			// what was done; the doer is the agent, else the section's
			// topic or the document's author
			by = nil
			if objs := d.objectsAfterPrep(st, ps, k, "by"); len(objs) == 1 && !objs[0].described {
				by = objs[0]
			} else if len(objs) > 0 {
				return // "were treated by nurses": the doer is named, in words
			} else if by = d.sectionTopicOf(st.s); by == nil {
				by = d.author
			}
		}
		// "1,100 joined the Digital Nurse Network": the network gained them
		if k >= 0 && joinVerbs[st.words[ps[k].head].Lemma] && sp.i < ps[k].i {
			if _, objStart := relationRest(st, ps, k); objStart >= 0 {
				if e := d.nameOf(st, ps[objStart]); e != nil {
					by = e
				}
			}
		}
		if by == nil {
			return
		}
		d.addFact(by, graph.Achieved, o, st.n, "outcome")
		// "We scaled remote monitoring, with over 200,000 patients
		// benefiting": what the main clause did achieved it too
		if k > 0 && st.words[ps[k].head].Form == FormIng && int(ps[k].nAux) == 0 && sp.i < ps[k].i {
			for j := k - 1; j >= 0; j-- {
				if ps[j].kind == phVG {
					if _, objStart := relationRest(st, ps, j); objStart >= 0 && ps[objStart].i < sp.i {
						if main := d.itemAround(st.n, ps[objStart].i, ps[objStart].j); main != nil && d.itemStartsAt(st.n, ps[objStart].i) {
							d.addFact(main, graph.Achieved, o, st.n, "outcome-of-object")
						} else if e := d.nameOf(st, ps[objStart]); e != nil {
							d.addFact(e, graph.Achieved, o, st.n, "outcome-of-object")
						}
					}
					break
				}
			}
		}
		// "through the Digital Aspirant programme": the programme achieved it too
		if via := d.meansIn(st, ps, k); via != nil && via != by {
			d.addFact(via, graph.Achieved, o, st.n, "outcome-means")
		}
		d.linkAbout(o, namesIn(st, sp.i, sp.j))
	default:
		// a measure of something: the figure describes the object it counts
		if o := d.itemAround(st.n, sp.i, sp.j); o != nil {
			if !o.hasValue {
				o.setFigure(*q)
			}
			return
		}
		// a figure outside the objects a clause relates is left alone: the
		// clause's subject is seldom what it measures
	}
}

// explicitSubject reports whether the clause of verb group k has a noun
// phrase for a subject, resolved or not.
func explicitSubject(st *sent, ps []phrase, k int) bool {
	if k < 0 {
		return false
	}
	for j := k - 1; j >= 0; j-- {
		switch ps[j].kind {
		case phAdv:
			continue
		case phNP, phWh:
			return true
		case phPunct:
			if st.words[ps[j].i].Text == ")" {
				continue
			}
		}
		return false
	}
	return false
}

// meansIn returns the programme or fund a clause names as its means:
// "through the Digital Aspirant programme", "via the Adoption Fund", "as
// part of the X programme".
func (d *docState) meansIn(st *sent, ps []phrase, k int) *entity {
	if k < 0 {
		return nil
	}
	ws := st.words
	for m := k + 1; m+1 < len(ps); m++ {
		if ps[m].kind == phPunct && ws[ps[m].i].Text == ";" {
			break
		}
		if ps[m].kind != phPrep {
			continue
		}
		switch ws[ps[m].i].Low {
		case "through", "via", "under":
			if e := d.nameOf(st, ps[m+1]); e != nil {
				if t := e.finalType(); t == graph.TypeProgramme || t == graph.TypeFund {
					return e
				}
			}
		}
	}
	return nil
}

// resultItem reports whether a sentence is a bullet of a list of results
// ("As a result of the sessions:").
func (d *docState) resultItem(st *sent) bool {
	if st.s.Kind != KindBullet || st.s.Intro < 0 {
		return false
	}
	in := d.intros[st.s.Intro]
	return in != nil && in.results && !in.plan
}

// withBefore reports whether noun phrase m follows "with" (perhaps after
// a hedge: "with over 200,000 patients").
func withBefore(st *sent, ps []phrase, m int) bool {
	for j := m - 1; j >= 0; j-- {
		if ps[j].kind == phPrep {
			if st.words[ps[j].i].Low == "with" {
				return true
			}
			continue // "over"
		}
		return false
	}
	return false
}

// joinVerbs take as object what the figure became part of.
var joinVerbs = map[string]bool{"join": true, "register": true, "sign": true, "enrol": true, "enroll": true, "subscribe": true}

// timeUnits are units of a duration: "in 14 weeks" is how long, not what
// was achieved.
var timeUnits = map[string]bool{"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true,
	"hours": true, "day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true,
	"year": true, "years": true, "week project": true, "weeks'": true, "years'": true}

// deedVerbs report a result when their object is a figure: things
// delivered, reached, saved, trained, helped.
var deedVerbs = map[string]bool{"achieve": true, "deliver": true, "provide": true, "distribute": true, "train": true,
	"register": true, "reach": true, "save": true, "reduce": true, "cut": true, "increase": true, "raise": true,
	"support": true, "help": true, "enable": true, "connect": true, "recruit": true, "treat": true, "complete": true,
	"publish": true, "launch": true, "deploy": true, "roll": true, "create": true, "generate": true, "award": true,
	"fund": true, "install": true, "equip": true, "process": true, "onboard": true, "vaccinate": true, "join": true,
	"benefit": true, "sign": true, "issue": true, "send": true, "answer": true, "handle": true, "serve": true,
	"employ": true, "hire": true, "secure": true, "attract": true, "engage": true, "improve": true, "double": true,
	"halve": true, "free": true, "release": true, "detect": true, "prevent": true, "avoid": true,
	"exceed": true, "surpass": true, "grow": true, "expand": true, "open": true, "build": true, "produce": true,
	"download": true, "use": true, "access": true, "view": true, "book": true, "order": true, "receive": true,
	"scale": true, "digitise": true, "test": true, "screen": true, "visit": true}

// reportsDeed reports whether a figure is what a clause says was done: the
// clause's verb reports a result (deedVerbs) in the past or present
// perfect (or the figure heads a bullet of results with a participle:
// "11,000 iPads delivered").
func (d *docState) reportsDeed(st *sent, ps []phrase, k int, sp *span) bool {
	if k < 0 {
		return false
	}
	v := ps[k]
	w := st.words[v.head]
	if w.Tag != TagVerb || !deedVerbs[w.Lemma] {
		return false
	}
	if w.Form == FormIng {
		// "with over 200,000 patients benefiting": the figure is the subject of a result
		return v.i > sp.i && int(v.nAux) == 0
	}
	// "30% of bed days are used by long stayers": a passive in the
	// present states how things are, not what was done
	if v.passive && !pastAux(v) {
		return false
	}
	return doneForm(st, v)
}

// pastAux reports whether a verb group's auxiliaries put it in the past
// or the perfect: "was", "were", "has been", "had".
func pastAux(v phrase) bool { return v.auxes&auxPast != 0 }

// doneForm reports whether verb group v tells of something done: a past
// tense or participle, or a perfect ("has trained").
func doneForm(st *sent, v phrase) bool {
	switch st.words[v.head].Form {
	case FormPast, FormPart:
		return true
	}
	return v.auxes&auxPerfect != 0
}

// measureAfter is measureText without the unit the figure's own text holds.
func measureAfter(st *sent, sp *span) string {
	m := measureText(st, sp)
	if u := sp.qty.Unit; u != "" && strings.HasPrefix(m, u) {
		m = strings.TrimSpace(m[len(u):])
	}
	return m
}

// measureText is what a figure counts, in the text's words: its unit and
// what follows it in its noun phrase ("patients benefiting from remote
// monitoring at home", "GP practices").
func measureText(st *sent, sp *span) string {
	ws := st.words
	unit := sp.qty.Unit
	j := sp.j
	var b []string
	if unit != "" {
		b = append(b, unit)
	}
	// the words after the figure up to a clause break: "of participants
	// more confident in ..."
	verbs := 0
	for j < len(ws) && j-sp.j < 12 {
		w := ws[j]
		// a dash standing alone ("160 blueprints - guides helping ...")
		// starts a gloss
		if w.Punct && w.Text != "’" || w.Tag == TagWh || w.Tag == TagSub || w.Tag == TagConj && j+1 < len(ws) && ws[j+1].Tag == TagVerb {
			break
		}
		// "42 winners ... and over 300 applications": another figure's phrase
		if w.Tag == TagConj && j+1 < len(ws) && (ws[j+1].Digit || ws[j+1].Tag == TagNum || hedgeWords[ws[j+1].Low] || st.spanAt(j+1) != nil && st.spanAt(j+1).kind == spanQty) {
			break
		}
		// "people are now using the app": the auxiliary is not the measure
		if w.Tag == TagAux || w.Tag == TagModal {
			if len(b) > 0 && b[len(b)-1] == "to" {
				b = b[:len(b)-1] // "messages to be sent": "messages sent"
			}
			m := j + 1
			for m < len(ws) && (ws[m].Tag == TagAdv || ws[m].Tag == TagAux) {
				m++
			}
			if m < len(ws) && ws[m].Tag == TagVerb && (ws[m].Form == FormIng || ws[m].Form == FormPart || ws[m].Form == FormPast) {
				j = m
				continue
			}
			break
		}
		// one verb at most: "1,100 joined the network supporting teams"
		if w.Tag == TagVerb {
			if verbs++; verbs > 1 {
				break
			}
		}
		// "through the Digital Aspirant programme": the means is not the
		// measure; "in 2021": nor is the time
		if w.Low == "through" || w.Low == "via" || w.Low == "thanks" || w.Low == "before" || w.Low == "after" || w.Low == "during" || w.Low == "since" || w.Low == "until" {
			break
		}
		if n := st.spanAt(j + 1); (w.Tag == TagPrep || w.Low == "so") && n != nil && n.kind == spanDate {
			break
		}
		if n := st.spanAt(j); n != nil && n.kind == spanDate {
			break
		}
		// a name is not cut in two
		if n := st.spanAt(j); n != nil && n.j > j+1 {
			b = append(b, joinWords(ws[j:n.j]))
			j = n.j
			continue
		}
		b = append(b, w.Text)
		j++
	}
	for len(b) > 1 && (trailingFunctionWord(b[len(b)-1]) || strings.HasSuffix(b[len(b)-1], "ly") && len(b[len(b)-1]) > 4) {
		b = b[:len(b)-1] // "... to rapidly": cut short, not to end on a word that needs more
	}
	return strings.TrimSpace(strings.Join(b, " "))
}

// trailingFunctionWord reports whether a phrase cut short ends in a word
// that needs more after it.
func trailingFunctionWord(w string) bool {
	switch strings.ToLower(w) {
	case "and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "by", "at", "from", "more", "as":
		return true
	}
	return false
}

// sentenceDesc is a sentence's text, short enough to describe a figure.
func sentenceDesc(st *sent) string { return shorten(st.s.Text, 300) }

// setFigure gives a node a figure's value, unit and hedge.
func (e *entity) setFigure(q Quantity) {
	e.value, e.hasValue, e.hedge = q.Value, true, q.Hedge
	e.unit = q.Unit
	if q.Percent {
		e.unit = "%"
		if q.Unit != "" {
			e.unit = "% of " + q.Unit
		}
	}
}

// dateFact dates the subject of the date's clause: established, announced,
// published or launched on it, or simply dated.
func (d *docState) dateFact(st *sent, ps []phrase, sp *span) {
	// "the Control of Patient Information (COPI) (2002) Regulations": a
	// year in brackets inside a name is part of it
	if sp.i > 0 && st.words[sp.i-1].Text == "(" && sp.j < len(st.words) && st.words[sp.j].Text == ")" && sp.j+1 < len(st.words) && st.words[sp.j+1].Cap {
		return
	}
	// "the UK Data Protection Act 2018": a year right after a capitalised
	// word ends a name
	if sp.i > 0 && st.words[sp.i-1].Cap && !st.words[sp.i-1].Punct && len(sp.date.Key) == 4 && !monthNames[st.words[sp.i-1].Low] {
		return
	}
	// "after the 2020 COVID waves": a year that modifies a noun dates that
	// thing, not the fact the sentence states
	if sp.j < len(st.words) && (st.words[sp.j].Tag == TagNoun || st.words[sp.j].Tag == TagProp) && sp.i > 0 && st.words[sp.i-1].Tag == TagDet {
		return
	}
	k := clauseAround(st, ps, sp.i)
	if k >= 0 && (ps[k].neg || ps[k].hedged()) {
		return
	}
	// "NHS.UK received over a billion visits in 2021": the date dates the
	// result the sentence reports, not who achieved it
	var dated bool
	for i := len(d.facts) - 1; i >= 0 && d.facts[i].sent == st.n; i-- {
		if f := d.facts[i]; (f.p == graph.Achieved || f.p == Targets) && f.o.hasValue {
			d.addFact(f.o, graph.Date, d.dateNode(*sp.date, st.n), st.n, "outcome-date")
			dated = true
		}
	}
	if dated {
		return
	}
	subj := d.clauseSubject(st, ps, k)
	if subj == nil {
		return
	}
	date := d.dateNode(*sp.date, st.n)
	p := graph.Date
	lemma := ""
	if k >= 0 {
		lemma = st.words[ps[k].head].Lemma
		switch lemma {
		case "establish", "found", "create", "form":
			p = graph.EstablishedOn
		case "announce":
			p = graph.AnnouncedOn
		}
	}
	// a date dates a programme, a fund, a product, a publication or an
	// event; an organisation or a person only when it was set up or
	// announced something then
	switch subj.finalType() {
	case graph.TypeOrganization, graph.TypePerson, TypeConcept, "":
		if p == graph.Date && !datedDeeds[lemma] {
			return
		}
	}
	d.addFact(subj, p, date, st.n, "date")
}

// datedDeeds date the organisation or person that did them: what was
// launched, published or delivered on a date.
var datedDeeds = map[string]bool{"launch": true, "publish": true, "release": true, "deliver": true, "open": true,
	"close": true, "start": true, "begin": true, "complete": true, "sign": true, "award": true, "merge": true,
	"become": true, "introduce": true, "roll": true, "commission": true, "contract": true, "appoint": true}

// dateNode is the node of a date read from sentence n. A range ("from
// March to August 2020") ends at its end date, which the sentence says.
func (d *docState) dateNode(ds DateSpan, n int) *entity {
	d.dates[ds.Key] = ds
	if ds.EndKey != "" {
		end := d.dateNode(DateSpan{Key: ds.EndKey, Name: dateName(ds.EndKey)}, n)
		start := d.described(graph.TypeDate, ds.Key, "", -1)
		d.addFact(start, graph.DateEnd, end, n, "date-range")
	}
	e := d.described(graph.TypeDate, ds.Key, "", -1)
	e.dateName = ds.Name
	return e
}

// formatPounds writes an amount for a name: 16600000 as "16.6m".
func formatPounds(p int64) string {
	switch {
	case p >= 1e9:
		return strconv.FormatFloat(float64(p)/1e9, 'f', -1, 64) + "bn"
	case p >= 1e6:
		return strconv.FormatFloat(math.Round(float64(p)/1e5)/10, 'f', -1, 64) + "m"
	}
	return strconv.FormatInt(p, 10)
}

// coreNP is a noun phrase's words without its determiner or its figure:
// "a shared care record" is "shared care record". Empty for a pronoun or
// a phrase of one function word.
func coreNP(st *sent, p phrase) string {
	ws := st.words
	i := p.i
	for i < p.j && (ws[i].Tag == TagDet || ws[i].Tag == TagPoss || ws[i].Tag == TagNum) {
		i++
	}
	if i >= p.j || ws[p.head].Tag == TagPron || p.j-i > 6 {
		return ""
	}
	return joinWords(ws[i:p.j])
}

// purposeEnd is where what money is for, from word i, ends: at the end of
// its clause, or before the occasion or time it was given in ("in the
// Spending Review", "in 2021").
func (d *docState) purposeEnd(st *sent, i int) int {
	ws := st.words
	end := len(ws)
	for j := i; j < len(ws); j++ {
		if ws[j].Punct && (ws[j].Text == ";" || ws[j].Text == "." && j == len(ws)-1) {
			end = j
			break
		}
		if p := ws[j].Low; (p == "in" || p == "at" || p == "during" || p == "through") && j+1 < len(ws) {
			k := j + 1
			if ws[k].Low == "the" && k+1 < len(ws) {
				k++
			}
			if sp := st.spanAt(k); sp != nil && (sp.kind == spanDate || sp.kind == spanName && sp.ent != nil && sp.ent.resolve().finalType() == graph.TypeEvent) {
				end = j
				break
			}
		}
	}
	return end
}

// kindNouns name kinds or parts of a plan, which a figure counts without
// measuring anything done: "four key areas", "three priorities".
var kindNouns = map[string]bool{"area": true, "priority": true, "way": true, "theme": true, "pillar": true,
	"mission": true, "goal": true, "step": true, "phase": true, "principle": true, "category": true, "type": true,
	"stage": true, "objective": true, "aim": true, "strand": true, "workstream": true, "part": true, "round": true,
	"element": true, "domain": true, "question": true, "challenge": true, "recommendation": true, "focus": true}

// countsKinds reports whether a figure's unit is a kind noun, perhaps
// after adjectives ("key areas", "strategic priorities").
func countsKinds(unit string) bool {
	f := strings.Fields(strings.ToLower(unit))
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	return kindNouns[singular(f[len(f)-1])]
}

// growthVerbs tell of a change from one figure to another.
var growthVerbs = map[string]bool{"go": true, "grow": true, "rise": true, "increase": true, "climb": true, "jump": true, "expand": true}

// growthTo reports whether a figure is where a done change ended: "we have
// gone from 2m users to over 24m".
func growthTo(st *sent, ps []phrase, k int, sp *span) bool {
	ws := st.words
	if k < 0 || sp.i == 0 || ws[sp.i-1].Low != "to" || !growthVerbs[ws[ps[k].head].Lemma] || !doneForm(st, ps[k]) {
		return false
	}
	for j := ps[k].j; j < sp.i-1; j++ {
		if ws[j].Low == "from" {
			return true
		}
	}
	return false
}

// byDate is the "by <date>" that bounds a target, in the clause from word
// i to end, or "".
func byDate(st *sent, i, end int) string {
	for j := i; j+1 < end; j++ {
		if st.words[j].Low == "by" {
			if sp := st.spanAt(j + 1); sp != nil && sp.kind == spanDate {
				return joinWords(st.words[j:sp.j])
			}
		}
	}
	return ""
}
