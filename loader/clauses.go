package loader

import (
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The relation pass reads a sentence clause by clause. For each verb group
// it finds the subject (the noun phrase before it, the antecedent of a
// relative word, the subject of the verb it is coordinated with or
// subordinate to, or the section's topic for a bullet with none), the
// relation phrase in the manner of ReVerb (a verb, or a verb followed by
// nouns, adjectives or adverbs and a preposition: "is part of", "provides
// access to"), and the objects after it (a noun phrase with its
// prepositional phrases, or names coordinated by "and"). Passive clauses
// take their agent from "by"; what is planned ("will", "aims to") is kept
// apart from what was done; a negated or conditional clause states nothing.

// fact is one relation a sentence states.
type fact struct {
	s, o *entity
	p    quad.IRI
	sent int    // the sentence it was read from: the quad's label
	rule string // the rule that read it
}

// clause is what relationsIn learned about one verb group.
type clause struct {
	vg      int     // index of the verb group in the phrases
	subject *entity // resolved subject, nil if none
	plan    bool    // the clause speaks of an aim or a plan
	skip    bool    // negated or conditional: it states nothing, nor do clauses that hang from it
	until   int     // a plan read whole: the word its text runs to
	object  *entity // the first object
	lemma   string  // the verb
	passive bool
	helped  bool // the verb after "help": "helps build"
}

// relationsIn reads the relations of one sentence.
func (d *docState) relationsIn(st *sent) {
	ps := chunk(st)
	if d.listItem(st, ps) {
		return
	}
	d.appositions(st, ps)
	d.possessives(st, ps)
	var done []clause
	until := 0
	for k := range ps {
		if ps[k].kind != phVG {
			continue
		}
		if ps[k].i < until {
			// inside a plan already read whole: it is part of that plan
			c := clause{vg: k, plan: true, skip: true}
			if len(done) > 0 {
				c.subject = done[len(done)-1].subject
			}
			done = append(done, c)
			continue
		}
		c := d.readClause(st, ps, k, done)
		until = max(until, c.until)
		done = append(done, c)
	}
	d.noteIntro(st, ps, done)
	d.ref.lastSubject = nil
	if len(done) > 0 && done[0].subject != nil && !done[0].subject.person {
		d.ref.lastSubject, d.ref.subjectAt = done[0].subject, st.n
		// "We launched the portal. It has received ...": after "we", "it"
		// is what we did something to
		if done[0].subject == d.author && firstPersonSubject(st) {
			d.ref.lastSubject = done[0].object
		}
		if d.ref.lastSubject != nil && d.ref.lastSubject.described && d.ref.lastSubject.typ == TypeConcept {
			d.ref.lastSubject = nil
		}
	}
}

// readClause reads the clause of verb group k.
func (d *docState) readClause(st *sent, ps []phrase, k int, done []clause) clause {
	ws := st.words
	vg := ps[k]
	verb := ws[vg.head]
	lemma := verb.Lemma
	if verb.Tag == TagAux {
		lemma = auxLemma(verb.Low)
	}
	c := clause{vg: k, passive: vg.passive, lemma: lemma}
	subj, subjKind := d.subjectOf(st, ps, k, done)
	if subj == nil && vg.passive {
		subj = d.firstConjunct(st, ps, k)
	}
	if subj == nil && subjKind == "np" {
		subj = d.measuredSubject(st, ps, k)
	}
	c.subject = subj
	if inherited := subjKind == "coordinated" || subjKind == "purpose" || subjKind == "participle"; inherited && len(done) > 0 {
		c.plan = done[len(done)-1].plan
		c.skip = done[len(done)-1].skip
	}
	// "works with X to enhance Y", "exists to support Z": the purpose of
	// something that is so, not a deed done
	if subjKind == "purpose" && len(done) > 0 && !doneForm(st, ps[done[len(done)-1].vg]) && ws[ps[done[len(done)-1].vg].head].Tag == TagVerb {
		c.plan = true
	}
	if subjKind == "implicit" && st.s.Intro >= 0 && d.intros[st.s.Intro] != nil {
		c.plan = d.intros[st.s.Intro].plan
	}
	// "announced plans to upgrade", "an ambition to connect": a plan;
	// "were keen to invest": a wish
	if subjKind == "purpose" && k >= 2 && ps[k-1].kind == phTo && (ps[k-2].kind == phNP && (planNouns[ws[ps[k-2].head].Low] || desireWords[ws[ps[k-2].head].Low])) {
		c.plan = true
	}
	// "how we work with data", "whether it is possible": an embedded
	// question states nothing
	if k >= 2 && ps[k-1].kind == phNP {
		if m := chainStart(st, ps, k-1); m >= 1 && (ps[m-1].kind == phWh || ps[m-1].kind == phSub) && questionWords[ws[ps[m-1].i].Low] && (m < 2 || ps[m-2].kind != phPunct) {
			c.skip = true
		}
	}
	if vg.future() {
		c.plan = true
	}
	if vg.hedged() {
		c.skip = true // "should", "could", "may": advice or possibility, neither deed nor plan
	}
	if vg.neg || conditional(st, ps, k) || st.quoted[vg.head] {
		c.skip = true // a quotation is its speaker's, whose "we" is not the author
	}
	if c.plan && int(vg.nAux) > 0 {
		// what a plan's clause says after its verb is part of the plan,
		// whether or not its subject is known
		c.until = clauseEnd(st, vg.head)
	}
	if subj == nil || c.skip {
		return c
	}
	// "the insight we have gathered together with guidance": a relative
	// clause without its relative word, whose object is the noun before it
	if k >= 3 && ps[k-1].kind == phNP && isPronounNP(st, ps[k-1]) && ps[k-2].kind == phNP && !isPronounNP(st, ps[k-2]) && slices.ContainsFunc(ps[:k-2], func(p phrase) bool { return p.kind == phVG }) {
		return c // (the noun is an earlier verb's object: not "Through our lab we ...")
	}
	// "aims to", "plans to", "seeks to": what follows is an aim
	if aimVerbs[lemma] && k+2 < len(ps) && ps[k+1].kind == phTo && ps[k+2].kind == phVG {
		c.plan = true
		return c // the infinitive's own clause states it, as a plan
	}
	if c.plan && (vg.passive || vg.copula(ws)) && !agentive(subj) {
		return c // "NDAs will be put in place", "the database will be a resource": no one's plan
	}
	// "£40 million was dedicated to X, using single sign-on": money does
	// nothing; a participle after it speaks of what it pays for
	if subj.described && subj.typ == graph.TypeFund && subjKind == "participle" {
		if len(done) == 0 || done[len(done)-1].object == nil || done[len(done)-1].object.typ == graph.TypeFund {
			return c
		}
		subj = done[len(done)-1].object
		c.subject = subj
	}
	if c.plan {
		// what is planned is a plan, not a fact: the action, its objects and
		// its purpose, to the end of the clause
		end := clauseEnd(st, vg.head)
		plan := d.described(graph.TypeOutcome, joinWords(ws[vg.head:end]), "", st.n)
		plan.plan = true
		d.linkAbout(plan, namesIn(st, vg.head, end))
		d.addFact(subj, Plans, plan, st.n, "plan")
		c.until = end
		return c
	}
	// "NHSX was created to give staff the technology they need": what it
	// was set up for
	participial := int(vg.nAux) == 0 && (verb.Form == FormPart || verb.Form == FormPast) && k > 0 && ps[k-1].kind == phPunct
	if (vg.passive || participial) && purposeVerbs[lemma] && k+2 < len(ps) && ps[k+1].kind == phTo && ps[k+2].kind == phVG {
		end := clauseEnd(st, ps[k+2].head)
		purpose := d.described(TypeConcept, joinWords(ws[ps[k+2].i:end]), "", st.n)
		d.linkAbout(purpose, namesIn(st, ps[k+2].i, end))
		d.addFact(subj, Purpose, purpose, st.n, "purpose")
		c.until = end
		return c
	}
	rest, objStart := relationRest(st, ps, k)
	// "we have gone from 2m users to over 24m": the figures say it
	if growthVerbs[lemma] && strings.HasPrefix(rest, "from") {
		return c
	}
	// "operating in partnership with X": the partner, which coAgents
	// reads, is what it says
	if rest == "in" && objStart >= 0 && (ws[ps[objStart].i].Low == "partnership" || ws[ps[objStart].i].Low == "collaboration" || ws[ps[objStart].i].Low == "conjunction") {
		d.coAgents(st, ps, k, subj)
		return c
	}
	// "Winners include automating early lung cancer detection and
	// developing ...": gerund clauses are the objects
	if objStart < 0 && nominalGerundVerbs[lemma] && k+1 < len(ps) && gerundAt(st, ps, k+1) {
		m := relPredicate(lemma, "")
		if k > 0 && ps[k-1].kind == phNP && awardeeNouns[ws[ps[k-1].head].Low] {
			m = Awarded
		}
		for _, o := range d.gerundObjects(st, ps, k+1) {
			d.addFact(subj, m, o, st.n, "gerund-object")
		}
		return c
	}
	if objStart < 0 && k+2 < len(ps) && ps[k+1].kind == phConj && ps[k+2].kind == phVG {
		// "funded and supported an investigation": the object both share
		_, objStart = relationRest(st, ps, k+2)
	}
	if objStart < 0 {
		d.agentlessPassive(st, ps, k, subj, lemma, c)
		return c
	}
	// "making it one of the largest collections": the noun phrase says
	// what "it" became, not a second object
	if complementVerbs[lemma] && rest == "" && isPronounNP(st, ps[objStart]) && objStart+1 < len(ps) && ps[objStart+1].kind == phNP {
		return c
	}
	stop := ""
	if withObject[lemma] && rest == "" {
		stop = "with"
	}
	objs, end := d.objectsUntil(st, ps, objStart, stop)
	// "provides organisations with AI support": what is provided follows "with"
	if stop != "" && end < len(ws) && ws[end].Low == "with" {
		for m := objStart; m+1 < len(ps); m++ {
			if ps[m].kind == phPrep && ps[m].i == end && ps[m+1].kind == phNP {
				objs, end = d.objectsFrom(st, ps, m+1)
				break
			}
		}
	}
	// "gave organisations the confidence", "saved the NHS £300m": two
	// objects, the first for whom
	if ditransitive[lemma] && rest == "" && end < len(ws) {
		for m := objStart; m < len(ps); m++ {
			if ps[m].i == end && ps[m].kind == phNP && !isPronounNP(st, ps[m]) {
				objs, end = d.objectsFrom(st, ps, m)
				break
			}
			if ps[m].i >= end {
				break
			}
		}
	}
	if len(objs) == 0 {
		return c
	}
	// "The project team, consisting of experts from A, B and C": the
	// organisations the team is drawn from are the project's partners
	if memberVerbs[lemma] && k >= 2 && ps[k-1].kind == phPunct && ps[k-2].kind == phNP && teamNouns[ws[ps[k-2].head].Low] {
		stop := len(ws) // the members run to the main clause's verb
		for m := objStart; m < len(ps); m++ {
			if ps[m].kind == phVG {
				stop = ps[m].i
				break
			}
		}
		for _, e := range namesIn(st, ps[objStart].i, stop) {
			if e != nil && e != subj && !e.person && e.finalType() != graph.TypePlace {
				d.addFact(subj, HasPartner, e, st.n, "team-member")
			}
		}
		return c
	}
	// a passive with its agent: "was developed by X", or a participle
	// with one ("the fund, set up by X"), is X developed or set it up
	participle := int(vg.nAux) == 0 && (verb.Form == FormPart || verb.Form == FormPast)
	if (vg.passive || participle) && (rest == "by" || strings.HasSuffix(rest, " by")) {
		particle := strings.TrimSpace(strings.TrimSuffix(rest, "by"))
		for _, o := range objs {
			if o.described {
				continue
			}
			if m, ok := predicateFor(lemma, particle); ok {
				d.relate(o, subj, m, st.n, "passive-agent")
			} else {
				d.addFact(subj, relPredicate("be "+verb.Low, rest), o, st.n, "passive-agent")
			}
			d.coAgents(st, ps, k, o) // "set up by NHSX in partnership with X": the agent's partner
		}
		return c
	}
	if vg.passive {
		// "£6.5 million was allocated to 35 applications": what money went to
		if subj.finalType() == graph.TypeFund && spendVerbs[lemma] && (rest == "to" || rest == "for" || rest == "on") {
			for _, o := range objs {
				d.addFact(subj, graph.Funds, o, st.n, "fund-passive")
			}
			c.object = objs[0]
			return c
		}
		// "was identified as", "is run by": the relation of the participle
		for _, o := range objs {
			d.addFact(subj, relPredicate("be "+verb.Low, rest), o, st.n, "passive")
		}
		return c
	}
	d.coAgents(st, ps, k, subj)
	if verb.Tag == TagAux && vg.copula(ws) {
		// "being more confident in AI", a bullet with no subject of its own:
		// no identity with the list's topic
		if subjKind != "implicit" {
			d.copulaFact(st, ps, k, subj, rest, objs, end)
		}
		return c
	}
	// "trained 600 porters": a figure a deed produced is an outcome, which
	// the figures pass makes; the object would say it twice
	if deedVerbs[lemma] && verb.Tag == TagVerb && doneForm(st, vg) {
		objs = slices.DeleteFunc(objs, func(o *entity) bool { return o.described && d.itemHeadedByFigure(st, o) })
	}
	m, ok := predicateFor(lemma, rest)
	// "helps build an organisation's capability": the subject helps; the
	// deed is someone else's, so the relation keeps both verbs
	if subjKind == "coordinated" && len(done) > 0 && (done[len(done)-1].vg == k-1 && done[len(done)-1].lemma == "help" || done[len(done)-1].helped && k >= 2 && ps[k-1].kind == phConj) {
		c.helped = true
		m, ok = relMap{}, false
		lemma = "help " + lemma
	}
	subjects := []*entity{subj}
	for _, co := range d.coSubjects(st, ps, k) {
		if co != subj {
			subjects = append(subjects, co)
		}
	}
	for _, s := range subjects {
		for _, o := range objs {
			if (lightVerbs[lemma] || givingVerbs[lemma]) && o.described && abstractNouns[headWordOf(o.name)] {
				continue // "took action", "have an important role": nothing related
			}
			if lemma == "have" && rest == "" && o.described && !o.hasValue && len(o.about) == 0 {
				continue // "has digital running through it": having a thing in words states little
			}
			switch {
			case ok && (!namedOnly[m.p] || !o.described && !s.described):
				d.relate(s, o, m, st.n, "verb")
			default:
				d.addFact(s, relPredicate(lemma, rest), o, st.n, "verb")
			}
		}
	}
	if len(objs) > 0 {
		c.object = objs[0]
	}
	// "We supported 60 trusts through the Digital Aspirant programme": the
	// means it worked through
	if via := d.throughName(st, ps, k); via != nil && !subj.described && via != subj {
		d.addFact(subj, Through, via, st.n, "through")
	}
	return c
}

// throughName is the name after "through" or "via" in the clause of verb
// group k: a programme, a fund or a body, not a place or a person.
func (d *docState) throughName(st *sent, ps []phrase, k int) *entity {
	ws := st.words
	end := clauseEnd(st, ps[k].head)
	for m := k + 1; m+1 < len(ps) && ps[m].i < end; m++ {
		if ps[m].kind == phVG && m > k+1 {
			break // the next clause's
		}
		if ps[m].kind != phPrep || (ws[ps[m].i].Low != "through" && ws[ps[m].i].Low != "via") {
			continue
		}
		n := m + 1
		if n+2 < len(ps) && ps[n+1].kind == phPoss && ps[n+2].kind == phNP {
			n += 2 // "through the Home Office's ACE"
		}
		if e := d.nameOf(st, ps[n]); e != nil && !e.person {
			switch e.finalType() {
			case graph.TypeProgramme, graph.TypeFund, graph.TypeOrganization:
				return e
			case "":
				if e.short != "" {
					return e // a name the text abbreviates: "the Home Office's ACE"
				}
			}
		}
	}
	return nil
}

// namedOnly are the predicates that hold between named things only: a
// thing described in words is not led, set up, merged or partnered.
var namedOnly = map[quad.IRI]bool{graph.LedBy: true, graph.EstablishedBy: true, graph.PartOf: true,
	graph.MergedInto: true, graph.PartneredWith: true, HasPartner: true, WorksFor: true, graph.RoleAt: true}

// clauseEnd is the end of the clause a verb at word i is in: the next
// semicolon, colon or full stop, or a comma before a new subject and verb.
func clauseEnd(st *sent, i int) int {
	ws := st.words
	for j := i + 1; j < len(ws); j++ {
		w := ws[j]
		if w.Punct && (w.Text == ";" || w.Text == ":" || w.Text == "." && j == len(ws)-1 || w.Text == "–" || w.Text == "—") {
			return j
		}
		// ", which ...", ", as recommended ...", ", and the brand would ...":
		// a comma before a new clause
		if w.Text == "," && j+1 < len(ws) {
			n := ws[j+1]
			if n.Tag == TagWh || n.Tag == TagSub || n.Low == "as" || n.Low == "while" || n.Low == "so" || n.Tag == TagVerb && n.Form == FormIng {
				return j
			}
		}
		// "and the NHSX brand would be retired": "and" before a new subject and verb
		if w.Low == "and" && j+2 < len(ws) && (ws[j+1].Tag == TagDet || ws[j+1].Tag == TagProp || ws[j+1].Tag == TagPron) && newClauseAt(ws, j+1) {
			return j
		}
	}
	return len(ws)
}

// newClauseAt reports whether a subject and a finite verb start at word i.
func newClauseAt(ws []Word, i int) bool {
	for j := i; j < len(ws) && j < i+8; j++ {
		switch ws[j].Tag {
		case TagDet, TagProp, TagNoun, TagAdj, TagNum, TagPron, TagPoss:
			continue
		case TagModal, TagAux:
			return j > i
		case TagVerb:
			return j > i && (ws[j].Form == FormS || ws[j].Form == FormPast)
		}
		return false
	}
	return false
}

// planNouns name an intention: what the infinitive after them says is not
// done yet.
var planNouns = map[string]bool{"plan": true, "plans": true, "ambition": true, "ambitions": true, "aim": true,
	"aims": true, "intention": true, "proposal": true, "proposals": true, "commitment": true, "commitments": true,
	"target": true, "targets": true, "goal": true, "goals": true, "pledge": true, "bid": true, "vision": true,
	"mission": true, "strategy": true, "opportunity": true, "need": true, "ability": true, "capacity": true}

// lightVerbs with an abstract noun say little of their own: "took
// action", "has an important role", "made progress".
var lightVerbs = map[string]bool{"have": true, "take": true, "make": true, "play": true, "get": true, "do": true}

// abstractNouns are the nouns a light verb takes without relating anything.
var abstractNouns = map[string]bool{"action": true, "role": true, "opportunity": true, "step": true, "steps": true,
	"progress": true, "part": true, "place": true, "effort": true, "efforts": true, "decision": true, "interest": true,
	"look": true, "view": true, "chance": true, "difference": true, "impact": true, "use": true, "sense": true}

// purposeVerbs, in the passive, take an infinitive of what the thing was
// made for: "was created to", "was set up to", "is designed to".
var purposeVerbs = map[string]bool{"create": true, "establish": true, "set": true, "found": true, "design": true,
	"build": true, "develop": true, "launch": true, "form": true, "intend": true, "use": true}

// ditransitive verbs take who for, then what: "gave staff the tools".
var ditransitive = map[string]bool{"give": true, "offer": true, "send": true, "grant": true, "award": true,
	"show": true, "tell": true, "bring": true, "save": true, "hand": true, "lend": true, "pay": true, "teach": true,
	"cost": true, "owe": true, "allocate": true}

// withObject verbs take who benefits as their object and what they give
// after "with".
var withObject = map[string]bool{"provide": true, "supply": true, "equip": true, "furnish": true, "present": true}

// aimVerbs take an infinitive that states an aim, not a deed.
var aimVerbs = map[string]bool{"prepare": true, "aim": true, "seek": true, "plan": true, "intend": true, "want": true, "hope": true,
	"strive": true, "propose": true, "expect": true, "wish": true, "endeavour": true, "try": true, "attempt": true}

// auxLemma is the base form of an auxiliary used as a main verb.
func auxLemma(w string) string {
	switch w {
	case "is", "are", "was", "were", "be", "been", "being", "am":
		return "be"
	case "has", "have", "had", "having":
		return "have"
	case "do", "does", "did", "doing":
		return "do"
	}
	return w
}

// relate records subj m o, the way round the predicate points, typing the
// ends where the predicate says what they are.
func (d *docState) relate(subj, o *entity, m relMap, sent int, rule string) {
	p := m.p
	if p == graph.DevelopedBy && o.finalType() == graph.TypeOrganization {
		p = graph.EstablishedBy // an organisation is set up, not developed
	}
	if p == LinkedWith && !o.described && o.finalType() == graph.TypeOrganization && subj.finalType() == graph.TypeOrganization {
		p = graph.MergedInto // organisations that integrate become one
	}
	if m.inverse {
		d.addFact(o, p, subj, sent, rule)
	} else {
		d.addFact(subj, p, o, sent, rule)
	}
	switch p {
	case graph.Published:
		if !o.described {
			o.vote(graph.TypeCreativeWork, 1)
		}
	case graph.PartneredWith:
		if !o.described {
			o.vote(graph.TypeOrganization, 1)
		}
	case Uses:
		if !o.described {
			o.vote(graph.TypeProduct, 1)
		}
	}
}

// conditional reports whether the clause of verb group k is hedged by "if",
// "unless" or "whether", or asked as a question.
func conditional(st *sent, ps []phrase, k int) bool {
	for j := k - 1; j >= 0; j-- {
		p := ps[j]
		if p.kind == phPunct && strings.ContainsAny(st.words[p.i].Text, ".;:") {
			break
		}
		if p.kind == phSub {
			switch st.words[p.i].Low {
			case "if", "unless", "whether":
				return true
			}
			break
		}
		if p.kind == phVG {
			break
		}
	}
	return strings.HasSuffix(strings.TrimSpace(st.s.Text), "?")
}

// desireWords before "to" make what follows a wish: "keen to invest".
var desireWords = map[string]bool{"keen": true, "eager": true, "willing": true, "hoping": true, "ready": true,
	"determined": true, "anxious": true, "interested": true, "minded": true}

// questionWords open an embedded question.
var questionWords = map[string]bool{"how": true, "what": true, "why": true, "whether": true, "where": true,
	"when": true, "if": true, "which": true, "who": true}

// complementVerbs take an object and what it is or becomes: "made it
// the largest", "called it a success".
var complementVerbs = map[string]bool{"make": true, "call": true, "name": true, "consider": true, "keep": true,
	"leave": true, "render": true, "deem": true, "label": true}

// givingVerbs with an abstract object relate nothing: "gave us a good
// opportunity", "provided a way".
var givingVerbs = map[string]bool{"give": true, "provide": true, "offer": true, "create": true}

// spendVerbs say where money went.
var spendVerbs = map[string]bool{"allocate": true, "award": true, "give": true, "grant": true, "spend": true,
	"invest": true, "distribute": true, "provide": true, "commit": true, "pay": true, "use": true, "earmark": true, "dedicate": true}

// memberVerbs say what a group is made of.
var memberVerbs = map[string]bool{"consist": true, "comprise": true, "include": true, "involve": true, "bring": true}

// teamNouns name a group of people from several organisations.
var teamNouns = map[string]bool{"team": true, "consortium": true, "partnership": true, "collaboration": true, "group": true}

// nominalGerundVerbs take gerund clauses as objects that name things done:
// "include developing", "involved testing".
var nominalGerundVerbs = map[string]bool{"include": true, "involve": true, "comprise": true, "cover": true}

// gerundAt reports whether phrase k is a bare gerund: "developing".
func gerundAt(st *sent, ps []phrase, k int) bool {
	return ps[k].kind == phVG && int(ps[k].nAux) == 0 && st.words[ps[k].head].Form == FormIng
}

// gerundObjects reads gerund clauses coordinated by "and" or commas from
// phrase k, each a concept named by its words.
func (d *docState) gerundObjects(st *sent, ps []phrase, k int) []*entity {
	ws := st.words
	end := clauseEnd(st, ps[k].head)
	var out []*entity
	add := func(i, j int) {
		for j > i && (ws[j-1].Punct || ws[j-1].Low == "and" || ws[j-1].Low == "or") {
			j--
		}
		if j-i < 2 {
			return
		}
		o := d.described(TypeConcept, joinWords(ws[i:j]), "", st.n)
		d.linkAbout(o, namesIn(st, i, j))
		out = append(out, o)
	}
	start := ps[k].i
	for m := k + 1; m < len(ps) && ps[m].i < end; m++ {
		if gerundAt(st, ps, m) && ps[m-1].kind == phConj || gerundAt(st, ps, m) && ps[m-1].kind == phPunct && st.words[ps[m-1].i].Text == "," {
			add(start, ps[m].i)
			start = ps[m].i
		}
	}
	add(start, end)
	return out
}

// measuredSubject is the subject of a clause that measures something the
// text describes rather than names: "Long stayers at the Eastmoor Trust
// occupy an average of 278 beds a day". The noun phrase before verb group
// k becomes a described node when it holds a name and the clause's object
// holds a figure; other descriptions stay unread as subjects.
func (d *docState) measuredSubject(st *sent, ps []phrase, k int) *entity {
	if k < 1 || ps[k-1].kind != phNP || int(ps[k].nAux) > 0 && ps[k].passive {
		return nil
	}
	m := chainStart(st, ps, k-1)
	if isPronounNP(st, ps[m]) || len(namesIn(st, ps[m].i, ps[k-1].j)) == 0 {
		return nil
	}
	if m > 0 && ps[m-1].kind != phPunct && ps[m-1].kind != phSub {
		return nil // the noun phrase is some other clause's object
	}
	_, o := relationRest(st, ps, k)
	if o < 0 {
		return nil
	}
	end := clauseEnd(st, ps[k].head)
	figure := false
	for _, sp := range st.spans {
		if sp.kind == spanQty && sp.i >= ps[o].i && sp.i < end {
			figure = true
		}
	}
	if !figure {
		return nil
	}
	s := d.described(TypeConcept, trimArticles(joinWords(st.words[ps[m].i:ps[k-1].j])), "", st.n)
	d.linkAbout(s, namesIn(st, ps[m].i, ps[k-1].j))
	return s
}

// agentive reports whether an entity can have plans of its own: an
// organisation, a person, or a programme.
func agentive(e *entity) bool {
	switch e.finalType() {
	case graph.TypeOrganization, graph.TypePerson, graph.TypeProgramme:
		return true
	}
	return e.person
}
