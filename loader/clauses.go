package loader

import (
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
	c := clause{vg: k}
	subj, subjKind := d.subjectOf(st, ps, k, done)
	c.subject = subj
	if inherited := subjKind == "coordinated" || subjKind == "purpose" || subjKind == "participle"; inherited && len(done) > 0 {
		c.plan = done[len(done)-1].plan
		c.skip = done[len(done)-1].skip
	}
	if subjKind == "implicit" && st.s.Intro >= 0 && d.intros[st.s.Intro] != nil {
		c.plan = d.intros[st.s.Intro].plan
	}
	// "announced plans to upgrade", "an ambition to connect": a plan
	if subjKind == "purpose" && k >= 2 && ps[k-1].kind == phTo && ps[k-2].kind == phNP && planNouns[ws[ps[k-2].head].Low] {
		c.plan = true
	}
	if vg.future() {
		c.plan = true
	}
	if vg.hedged() {
		c.skip = true // "should", "could", "may": advice or possibility, neither deed nor plan
	}
	if vg.neg || conditional(st, ps, k) {
		c.skip = true
	}
	if subj == nil || c.skip {
		return c
	}
	verb := ws[vg.head]
	lemma := verb.Lemma
	if verb.Tag == TagAux {
		lemma = auxLemma(verb.Low)
	}
	// "aims to", "plans to", "seeks to": what follows is an aim
	if aimVerbs[lemma] && k+2 < len(ps) && ps[k+1].kind == phTo && ps[k+2].kind == phVG {
		c.plan = true
		return c // the infinitive's own clause states it, as a plan
	}
	rest, objStart := relationRest(st, ps, k)
	if objStart < 0 && k+2 < len(ps) && ps[k+1].kind == phConj && ps[k+2].kind == phVG {
		// "funded and supported an investigation": the object both share
		_, objStart = relationRest(st, ps, k+2)
	}
	if objStart < 0 {
		d.agentlessPassive(st, ps, k, subj, lemma, c)
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
	if len(objs) == 0 {
		return c
	}
	// a passive with its agent: "was developed by X" is X developed it
	if vg.passive && rest == "by" {
		for _, o := range objs {
			if o.described {
				continue
			}
			if m, ok := predicateFor(lemma, ""); ok {
				d.relate(o, subj, m, st.n, "passive-agent")
			} else {
				d.addFact(subj, relPredicate("be "+verb.Low+" by", ""), o, st.n, "passive-agent")
			}
		}
		return c
	}
	if vg.passive {
		// "was identified as", "is run by": the relation of the participle
		for _, o := range objs {
			d.addFact(subj, relPredicate("be "+verb.Low, rest), o, st.n, "passive")
		}
		return c
	}
	d.coAgents(st, ps, k, subj)
	if verb.Tag == TagAux && vg.copula(ws) {
		d.copulaFact(st, ps, k, subj, rest, objs, end)
		return c
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
	m, ok := predicateFor(lemma, rest)
	subjects := []*entity{subj}
	for _, co := range d.coSubjects(st, ps, k) {
		if co != subj {
			subjects = append(subjects, co)
		}
	}
	for _, s := range subjects {
		for _, o := range objs {
			if o.described && predicateAdjective(o.name) {
				continue // "became clear": a quality, not a thing
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
	c.lemma = lemma
	return c
}

// firstPersonSubject reports whether a sentence's first noun phrase is
// "we".
func firstPersonSubject(st *sent) bool {
	for _, w := range st.words {
		if w.Tag == TagPron {
			return w.Low == "we"
		}
		if w.Tag == TagNoun || w.Tag == TagProp {
			return false
		}
	}
	return false
}

// coSubjects are the names coordinated with a clause's subject: "We and
// NHS Digital saved ...", "NHSX and NHS Digital have developed ...".
func (d *docState) coSubjects(st *sent, ps []phrase, k int) []*entity {
	j := k - 1
	for j >= 0 && ps[j].kind == phAdv {
		j--
	}
	var out []*entity
	for j >= 2 && ps[j].kind == phNP && ps[j-1].kind == phConj && ps[j-2].kind == phNP {
		for _, m := range []int{j, j - 2} {
			if e := d.resolveNP(st, ps, m); e != nil && !e.described {
				out = append(out, e)
			}
		}
		j -= 2
	}
	return out
}

// coAgentPreps name who else did what a clause's subject did: "worked with
// X, alongside Y", "in conjunction with Z".
var coAgentPreps = fieldsOf("in conjunction with", "in partnership with", "in collaboration with", "together with",
	"jointly with", "alongside", "working alongside", "working with", "with the support of", "supported by")

// coAgentFirst are the first words of coAgentPreps.
var coAgentFirst = map[string]bool{"in": true, "together": true, "jointly": true, "alongside": true, "working": true,
	"with": true, "supported": true}

// fieldsOf splits each phrase into its words.
func fieldsOf(phrases ...string) [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(p)
	}
	return out
}

// coAgents reads the partners a clause names after its verb: "launched the
// database, with the British Society of Thoracic Imaging and Royal Surrey";
// "work ... in conjunction with NHS Digital". A bare "with" counts only
// after a comma, where it cannot belong to the object ("a deal with
// Microsoft").
func (d *docState) coAgents(st *sent, ps []phrase, k int, subj *entity) {
	if subj == nil || subj.described {
		return
	}
	ws := st.words
	end := clauseEnd(st, ps[k].head)
	start := ps[k].j
	// "With Cheshire and Mersey ICS, we initiated ...": a fronted partner
	if len(ws) > 1 && ws[0].Low == "with" {
		start = 0
	}
	for i := start; i < end; i++ {
		n := 0
		if !coAgentFirst[ws[i].Low] && ws[i].Low != "with" {
			continue
		}
		for _, f := range coAgentPreps {
			if i+len(f) <= end && matchLows(ws[i:i+len(f)], f) {
				n = len(f)
				break
			}
		}
		if n == 0 && ws[i].Low == "with" && (i > 0 && ws[i-1].Text == "," || i == 0) {
			n = 1
		}
		if n == 0 {
			continue
		}
		// the names that follow, coordinated
		j := i + n
		for j < end {
			if ws[j].Low == "the" || ws[j].Text == "," || ws[j].Low == "and" {
				j++
				continue
			}
			sp := st.spanAt(j)
			if sp == nil || sp.kind != spanName || sp.ent == nil {
				break
			}
			if e := sp.ent.resolve(); e != subj && (e.finalType() == graph.TypeOrganization || e.person) {
				d.addFact(subj, graph.PartneredWith, e, st.n, "co-agent")
			}
			j = sp.j
			if j < len(ws) && ws[j].Tag == TagPoss {
				break
			}
		}
		i = j - 1
	}
}

func matchLows(ws []Word, f []string) bool {
	for i, w := range ws {
		if w.Low != f[i] {
			return false
		}
	}
	return true
}

// agentlessPassive reads "A Buyer's Guide ... were published" in a
// document that speaks as an organisation: a deed in the passive with no
// agent named is the author's, as a report tells of its own work.
func (d *docState) agentlessPassive(st *sent, ps []phrase, k int, subj *entity, lemma string, c clause) {
	if !ps[k].passive || d.author == nil || c.plan || subj == d.author {
		return
	}
	if !authorDeeds[lemma] {
		return
	}
	m, ok := predicateFor(lemma, "")
	if !ok {
		return
	}
	d.relate(d.author, subj, m, st.n, "passive-author")
}

// authorDeeds are the deeds a report's agentless passive attributes to
// its author: what an organisation makes public or puts in place.
var authorDeeds = map[string]bool{"publish": true, "launch": true, "deliver": true, "develop": true, "release": true,
	"deploy": true, "roll": true, "distribute": true, "introduce": true, "establish": true, "commission": true}

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

// subjectOf finds the subject of verb group k and says how it found it.
func (d *docState) subjectOf(st *sent, ps []phrase, k int, done []clause) (*entity, string) {
	ws := st.words
	j := k - 1
	for j >= 0 && ps[j].kind == phAdv {
		if ws[ps[j].i].Low == "there" || ws[ps[j].i].Low == "here" {
			return nil, "" // "There have been challenges": no subject
		}
		j--
	}
	prevSubject := func() *entity {
		if len(done) > 0 {
			return done[len(done)-1].subject
		}
		return nil
	}
	v := ws[ps[k].head]
	if j < 0 {
		// a verb opening a sentence: a bullet or heading that starts with a
		// verb speaks of the introducer's subject or the section's topic;
		// a gerund followed by a verb of its own ("Managing beds presents
		// ...") is a subject itself, not a clause
		if (v.Form == FormIng || v.Low == "having") && fronted(st, ps, k) {
			// "Having piloted the process, we arranged ...": the main clause's subject
			if m := mainClauseAfterComma(st, ps, k); m > 0 {
				s, _ := d.subjectOf(st, ps, m, nil)
				return s, "participle"
			}
		}
		if v.Form == FormIng && finiteAfter(st, ps, k) {
			return nil, ""
		}
		if st.s.Kind == KindBullet {
			return d.implicitSubject(st), "implicit"
		}
		return nil, ""
	}
	// "Accelerated Capability Environment (ACE) is ...": skip the brackets
	if ps[j].kind == phPunct && ws[ps[j].i].Text == ")" {
		for j >= 0 && !(ps[j].kind == phPunct && ws[ps[j].i].Text == "(") {
			j--
		}
		j--
		if j < 0 {
			return nil, ""
		}
	}
	switch ps[j].kind {
	case phNP:
		// "a tool using X", "data collected by Y": a participle right after a
		// noun phrase modifies it; only a name it modifies is a subject
		m := chainStart(st, ps, j)
		inside := m > 0 && (ps[m-1].kind == phVG || ps[m-1].kind == phPrep)
		if len(ps[k].aux) == 0 && (v.Form == FormIng || v.Form == FormPart || v.Form == FormPast && inside) {
			return d.nameOf(st, ps[j]), "reduced"
		}
		if m > 0 && ps[m-1].kind == phPoss && m >= 2 && ps[m-2].kind == phNP {
			// "the Home Office's ACE provides": the possessed thing
			return d.resolveNP(st, ps, m), "np"
		}
		if first := ps[m].i; first > 0 && ws[first-1].Tag == TagVerb && ws[first-1].Form == FormIng && m == 1 {
			return nil, "" // "Managing hundreds of beds presents ...": a gerund's object
		}
		if m > 0 && ps[m-1].kind == phVG && ws[ps[m-1].head].Form == FormIng {
			return nil, "" // the noun phrase is the object of a gerund
		}
		return d.resolveNP(st, ps, m), "np"
	case phWh:
		a := j - 1
		if a >= 0 && ps[a].kind == phPunct && ws[ps[a].i].Text == "," {
			a--
		}
		if a >= 0 && ps[a].kind == phNP {
			m := chainStart(st, ps, a)
			if e := d.resolveNP(st, ps, m); e != nil {
				return e, "relative"
			}
			// "a deal with Microsoft which saved ...": the thing described
			// as an object before
			return d.itemAround(st.n, ps[m].i, ps[a].j), "relative"
		}
		return nil, ""
	case phConj:
		if len(done) > 0 && done[len(done)-1].vg < j {
			return prevSubject(), "coordinated"
		}
	case phTo:
		// "support to care providers to comply": the providers comply
		if j >= 2 && ps[j-1].kind == phNP && ps[j-2].kind == phPrep && (ws[ps[j-2].i].Low == "to" || ws[ps[j-2].i].Low == "for") {
			return d.nameOf(st, ps[j-1]), "purpose"
		}
		if len(done) > 0 {
			prev := done[len(done)-1]
			// "supporting 80 winners to develop ...": the winners develop
			if objectControl[prev.lemma] && prev.object != nil {
				if prev.object.described {
					return nil, ""
				}
				return prev.object, "purpose"
			}
			return prevSubject(), "purpose"
		}
		if j == 0 && st.s.Kind == KindBullet {
			return d.implicitSubject(st), "implicit"
		}
	case phPunct:
		// "Baroness Blackwood, Parliamentary Under Secretary of State at the
		// Department of Health, identified ...": the name before the apposition
		if ws[ps[j].i].Text == "," && j > 0 && ps[j-1].kind == phNP && (v.Form == FormPast || v.Form == FormS || len(ps[k].aux) > 0) {
			m := chainStart(st, ps, j-1)
			if m >= 2 && ps[m-1].kind == phPunct && ws[ps[m-1].i].Text == "," && ps[m-2].kind == phNP {
				if e := d.nameOf(st, ps[m-2]); e != nil {
					return e, "np"
				}
			}
		}
		if v.Form == FormIng && len(ps[k].aux) == 0 && len(done) > 0 && ws[ps[j].i].Text == "," {
			return prevSubject(), "participle"
		}
		if (v.Form == FormPart || v.Form == FormPast) && len(ps[k].aux) == 0 && ws[ps[j].i].Text == "," && j > 0 && ps[j-1].kind == phNP {
			// "weekly workshops, delivered online": the participle describes them
			return d.nameOf(st, ps[j-1]), "reduced"
		}
		if j == 0 && st.s.Kind == KindBullet {
			return d.implicitSubject(st), "implicit"
		}
	}
	return nil, ""
}

// objectControl verbs make their object the doer of the infinitive after
// it: "helped trusts to digitise", "support winners to develop".
var objectControl = map[string]bool{"help": true, "support": true, "enable": true, "allow": true, "encourage": true,
	"ask": true, "invite": true, "require": true, "fund": true, "empower": true, "equip": true, "train": true,
	"permit": true, "persuade": true, "urge": true, "commission": true, "contract": true}

// fronted reports whether verb group k opens a phrase that a comma ends
// before the main clause: "Having piloted the process, we ...".
func fronted(st *sent, ps []phrase, k int) bool {
	return mainClauseAfterComma(st, ps, k) > 0
}

// mainClauseAfterComma is the verb group of the clause after the first
// comma following verb group k, if that clause has a subject of its own.
func mainClauseAfterComma(st *sent, ps []phrase, k int) int {
	for m := k + 1; m+2 < len(ps); m++ {
		if ps[m].kind == phVG {
			return -1
		}
		if ps[m].kind == phPunct && st.words[ps[m].i].Text == "," {
			if ps[m+1].kind == phNP {
				for n := m + 2; n < len(ps); n++ {
					if ps[n].kind == phVG {
						return n
					}
					if ps[n].kind != phNP && ps[n].kind != phAdv && ps[n].kind != phPrep {
						return -1
					}
				}
			}
			return -1
		}
	}
	return -1
}

// finiteAfter reports whether a finite verb group follows verb group k in
// the same clause.
func finiteAfter(st *sent, ps []phrase, k int) bool {
	for m := k + 1; m < len(ps); m++ {
		p := ps[m]
		if p.kind == phPunct && strings.ContainsAny(st.words[p.i].Text, ";:.") || p.kind == phWh || p.kind == phSub {
			return false
		}
		if p.kind == phVG {
			w := st.words[p.head]
			if len(p.aux) > 0 || w.Form == FormS || w.Form == FormPast || w.Tag == TagAux {
				return true
			}
		}
	}
	return false
}

// chainStart walks back from noun phrase j over "NP prep NP" attachments
// ("the team at Kettering General Hospital") to the phrase that heads the
// chain, which is the subject.
func chainStart(st *sent, ps []phrase, j int) int {
	for j >= 2 && ps[j-1].kind == phPrep && ps[j-2].kind == phNP {
		switch st.words[ps[j-1].i].Low {
		case "of", "at", "in", "from", "for", "within", "across", "on", "with", "by":
			j -= 2
			continue
		}
		break
	}
	// "the Home Office's Accelerated Capability Environment": the possessed
	return j
}

// implicitSubject is the subject of a clause that has none written: a
// bullet's introducer's subject, else the section's topic, else the
// document's author or topic.
func (d *docState) implicitSubject(st *sent) *entity {
	if st.s.Intro >= 0 {
		if in := d.intros[st.s.Intro]; in != nil && in.blocked {
			return nil
		}
		if e := d.introSubject[st.s.Intro]; e != nil {
			return e
		}
	}
	return d.topicOf(st.s)
}

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
	if n >= len(ps) {
		return "", -1
	}
	switch ps[n].kind {
	case phPrep:
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

// relationalNP reports whether a noun phrase is part of a relation phrase
// rather than an object: a short phrase of relational words ("part",
// "access", "a collaboration", "responsible").
func relationalNP(st *sent, p phrase) bool {
	if p.j-p.i > 3 {
		return false
	}
	for w := p.i; w < p.j; w++ {
		x := st.words[w]
		if x.Tag == TagDet {
			continue
		}
		if !relationalWords[x.Low] {
			return false
		}
	}
	return true
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
	for m < len(ps) && ps[m].kind == phNP {
		// one item: NP ('s NP)? (: NP)? (prep NP)*
		first := m
		last := m
		if m+2 < len(ps) && ps[m+1].kind == phPoss && ps[m+2].kind == phNP {
			first, last = m+2, m+2
		}
		if last+2 < len(ps) && ps[last+1].kind == phPunct && ws[ps[last+1].i].Text == ":" && d.nameOf(st, ps[last+2]) != nil && (!d.isName(st, ps[last]) || genericHeads[ws[ps[last].head].Low]) {
			first, last = last+2, last+2
		}
		for last+2 < len(ps) && (ps[last+1].kind == phPrep && ws[ps[last+1].i].Low != "by" && ws[ps[last+1].i].Low != stop || ps[last+1].kind == phPoss) && ps[last+2].kind == phNP && !isPronounNP(st, ps[last+2]) {
			last += 2
		}
		// "ensure the assessment is carried out": the noun phrase is the
		// subject of a clause, not an object
		if last+1 < len(ps) && ps[last+1].kind == phVG && (len(ps[last+1].aux) > 0 || ws[ps[last+1].head].Form == FormS) {
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
			if k == last+1 || k >= len(ps) || ps[k].kind != phNP || d.nameOf(st, ps[k]) != nil {
				break
			}
			last = k
			for last+2 < len(ps) && ps[last+1].kind == phPrep && ps[last+2].kind == phNP && ws[ps[last+1].i].Low != "by" && ws[ps[last+1].i].Low != stop && !isPronounNP(st, ps[last+2]) {
				last += 2
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
		for last > first && last+2 < len(ps) && ps[last+1].kind == phConj && ps[last+2].kind == phNP && !(d.isName(st, ps[first]) && d.isName(st, ps[last+2])) {
			last += 2
			for last+2 < len(ps) && ps[last+1].kind == phPrep && ps[last+2].kind == phNP && ws[ps[last+1].i].Low != "by" && ws[ps[last+1].i].Low != stop && !isPronounNP(st, ps[last+2]) {
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
		} else if !isPronounNP(st, ps[first]) {
			text := trimArticles(joinWords(ws[ps[first].i:itemEnd]))
			if text != "" && !onlyFunctionWords(ws[ps[first].i:itemEnd]) {
				o := d.described(conceptType(st, ps[first]), text, clauseText(st, ps[first].i), st.n)
				d.linkAbout(o, namesIn(st, ps[first].i, itemEnd))
				d.items = append(d.items, item{sent: st.n, i: ps[first].i, j: itemEnd, node: o})
				out = append(out, o)
			}
		}
		end = itemEnd
		// skip to the phrase after the item
		m = last + 1
		for m < len(ps) && ps[m].i < itemEnd {
			m++
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
		m = k
	}
	return out, end
}

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
	// a name before a generic head: "the Kettering team"
	if p.head > p.i && genericHeads[st.words[p.head].Low] {
		if sp := st.spanAt(p.head - 1); sp != nil && sp.kind == spanName && sp.ent != nil {
			return sp.ent.resolve()
		}
	}
	return nil
}

// genericHeads are nouns that, after a name, still mean the named thing.
var genericHeads = map[string]bool{"team": true, "teams": true, "staff": true, "organisation": true, "programme": true,
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

// copulaFact reads "X is a Y" (X isA Y), "X is part of Y" (partOf), "X is
// responsible for Y", "X is a collaboration between A, B and C" (X's
// partners).
func (d *docState) copulaFact(st *sent, ps []phrase, k int, subj *entity, rest string, objs []*entity, end int) {
	switch {
	case rest == "":
		for _, o := range objs {
			if o.described && predicateAdjective(o.name) {
				continue // "were keen", "is more confident in ...": a quality, not a thing
			}
			if !o.described {
				// "X is Y": two names of one thing are not a relation the
				// text states between two things; leave it
				continue
			}
			d.addFact(subj, IsA, o, st.n, "copula")
			if h := headWordOf(o.name); h != "" && !subj.described {
				subj.vote(typeVote(h), 2)
			}
		}
	case strings.HasPrefix(rest, "collaboration") || strings.HasPrefix(rest, "partnership"):
		for _, o := range objs {
			if !o.described {
				d.addFact(subj, HasPartner, o, st.n, "collaboration")
			}
		}
	default:
		m, ok := predicateFor("be", rest)
		for _, o := range objs {
			if ok {
				d.relate(subj, o, m, st.n, "copula")
			} else {
				d.addFact(subj, relPredicate("be", rest), o, st.n, "copula")
			}
		}
	}
}

// predicateAdjective reports whether a phrase is a quality rather than a
// thing: it opens with an adjective or an adverb ("keen", "clear", "more
// confident in discussion") and has no article.
func predicateAdjective(phrase string) bool {
	ws := tokenizeWords(phrase, nil)
	tagWords(ws)
	if len(ws) == 0 {
		return false
	}
	switch ws[0].Tag {
	case TagAdv:
		return true
	case TagAdj:
		return len(ws) == 1 || ws[1].Tag == TagPrep || ws[1].Tag == TagTo || ws[1].Tag == TagPunct
	}
	return false
}

// headWordOf is the last word of a phrase, lower case.
func headWordOf(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[len(f)-1], ".,;:()")
}

// appositions reads "X, a Y," and "X, the Y of Z,": a name followed by a
// comma and a noun phrase that describes it. A person's post ("Sarah
// Hammond, Associate CIO at ...") is a role; "the Pivotal division of
// VMware" is part of VMware; any other description types the name and is
// kept as what it is.
func (d *docState) appositions(st *sent, ps []phrase) {
	ws := st.words
	for k := 0; k+2 < len(ps); k++ {
		if ps[k].kind != phNP || ps[k+1].kind != phPunct || ws[ps[k+1].i].Text != "," || ps[k+2].kind != phNP {
			continue
		}
		x := d.nameOf(st, ps[k])
		if x == nil {
			continue
		}
		y := ps[k+2]
		// the description ends at the next comma, bracket or verb group
		m := k + 2
		for m+2 < len(ps) && ps[m+1].kind == phPrep && ps[m+2].kind == phNP {
			m += 2
		}
		first := ws[y.i]
		if sp := st.spanAt(y.i); sp != nil && sp.kind == spanRole || x.person {
			d.roleFact(st, ps, x, k+2, m)
			continue
		}
		if first.Low != "a" && first.Low != "an" && first.Low != "the" {
			continue
		}
		// the description must end the clause: followed by a comma, the
		// sentence's end, or a verb group it is the subject of
		after := ps[m].j
		if after < len(ws) && !ws[after].Punct {
			if m+1 < len(ps) && ps[m+1].kind != phVG {
				continue
			}
		}
		head := ws[y.head].Low
		if first.Low == "the" && (head == "division" || head == "arm" || head == "unit" || head == "part" || head == "subsidiary" || head == "branch" || head == "directorate" || head == "department") && m > k+2 && ws[ps[k+3].i].Low == "of" {
			if z := d.nameOf(st, ps[k+4]); z != nil {
				d.addFact(x, graph.PartOf, z, st.n, "apposition-part")
				continue
			}
		}
		if first.Low == "the" {
			continue // "X, the Y": often a second name, not a description
		}
		x.vote(typeVote(head), 3)
		desc := d.described(conceptType(st, y), trimArticles(joinWords(ws[y.i:ps[m].j])), "", st.n)
		d.addFact(x, IsA, desc, st.n, "apposition")
		// "Faculty, an AI specialist supplier provided through ACE": the
		// participle that follows describes X
		if m+1 < len(ps) && ps[m+1].kind == phVG {
			v := ps[m+1]
			w := ws[v.head]
			if (w.Form == FormPart || w.Form == FormPast) && len(v.aux) == 0 {
				if rest, objStart := relationRest(st, ps, m+1); objStart > 0 {
					objs, _ := d.objectsFrom(st, ps, objStart)
					for _, o := range objs {
						d.addFact(x, relPredicate("be "+w.Low, rest), o, st.n, "apposition-participle")
					}
				}
			}
		}
	}
}

// roleFact records a person's post: "Name, Role at Org", "Name, Role, Org".
func (d *docState) roleFact(st *sent, ps []phrase, person *entity, k, m int) {
	ws := st.words
	person.person = true
	// "Gloucestershire Hospitals' Associate CIO": the post of an organisation
	if k+2 < len(ps) && ps[k+1].kind == phPoss && ps[k+2].kind == phNP {
		if org := d.nameOf(st, ps[k]); org != nil && !org.person {
			role := trimArticles(joinWords(ws[ps[k+2].i:ps[k+2].j]))
			r := d.describedAs(TypeRole, person.name+"|"+role, role, "", st.n)
			d.addFact(person, graph.HoldsRole, r, st.n, "role")
			d.addFact(person, WorksFor, org, st.n, "role")
			d.addFact(r, graph.RoleAt, org, st.n, "role")
			return
		}
	}
	roleEnd := ps[k].j
	role := trimArticles(joinWords(ws[ps[k].i:roleEnd]))
	var org *entity
	switch {
	case k+2 < len(ps) && ps[k+1].kind == phPrep && (ws[ps[k+1].i].Low == "at" || ws[ps[k+1].i].Low == "of" || ws[ps[k+1].i].Low == "for"):
		org = d.nameOf(st, ps[k+2])
		if org == nil || ws[ps[k+1].i].Low == "of" {
			role = trimArticles(joinWords(ws[ps[k].i:ps[m].j]))
		}
	case k+2 < len(ps) && ps[k+1].kind == phPunct && ws[ps[k+1].i].Text == "," && ps[k+2].kind == phNP:
		org = d.nameOf(st, ps[k+2])
	}
	if org == nil {
		// "Head of AI at NHSX": the organisation inside the role
		for w := ps[k].i; w < ps[m].j; w++ {
			if sp := st.spanAt(w); sp != nil && sp.kind == spanName && sp.ent != nil && !sp.ent.person {
				org = sp.ent.resolve()
			}
		}
	}
	if role == "" {
		return
	}
	r := d.describedAs(TypeRole, person.name+"|"+role, role, "", st.n)
	d.addFact(person, graph.HoldsRole, r, st.n, "role")
	if org != nil && org != person {
		d.addFact(person, WorksFor, org, st.n, "role")
		d.addFact(r, graph.RoleAt, org, st.n, "role")
	}
}

// possessives reads "X's Y" between two names: the AI Lab of "NHSX's AI
// Lab" is part of NHSX.
func (d *docState) possessives(st *sent, ps []phrase) {
	for k := 0; k+2 < len(ps); k++ {
		if ps[k].kind != phNP || ps[k+1].kind != phPoss || ps[k+2].kind != phNP {
			continue
		}
		owner, owned := d.nameOf(st, ps[k]), d.nameOf(st, ps[k+2])
		if owner == nil || owned == nil || owner == owned {
			continue
		}
		switch owned.finalType() {
		case graph.TypeOrganization, graph.TypeProgramme, "":
			if owner.finalType() == graph.TypeOrganization {
				d.addFact(owned, graph.PartOf, owner, st.n, "possessive")
			}
		case graph.TypeProduct, graph.TypeDataset:
			d.addFact(owned, graph.DevelopedBy, owner, st.n, "possessive")
		case graph.TypeCreativeWork:
			d.addFact(owner, graph.Published, owned, st.n, "possessive")
		}
	}
}
