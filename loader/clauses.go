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
}

// relationsIn reads the relations of one sentence.
func (d *docState) relationsIn(st *sent) {
	ps := chunk(st)
	d.appositions(st, ps)
	d.possessives(st, ps)
	var done []clause
	for k := range ps {
		if ps[k].kind != phVG {
			continue
		}
		c := d.readClause(st, ps, k, done)
		done = append(done, c)
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
	}
	if vg.future() {
		c.plan = true
	}
	if subj == nil || vg.neg || conditional(st, ps, k) {
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
	if objStart < 0 {
		return c
	}
	objs, end := d.objectsFrom(st, ps, objStart)
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
				d.relate(o, subj, m, st.n, "passive-agent", c.plan)
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
	if verb.Tag == TagAux && vg.copula(ws) {
		d.copulaFact(st, ps, k, subj, rest, objs, end)
		return c
	}
	if c.plan {
		// what is planned is a plan, not a fact: the action and its object
		plan := d.described(graph.TypeOutcome, strings.TrimSpace(verbPhraseText(st, vg)+" "+joinWords(ws[ps[objStart].i:end])), "", st.n)
		plan.plan = true
		d.linkAbout(plan, objs)
		d.addFact(subj, Plans, plan, st.n, "plan")
		return c
	}
	m, ok := predicateFor(lemma, rest)
	if !ok {
		for _, o := range objs {
			d.addFact(subj, relPredicate(lemma, rest), o, st.n, "verb")
		}
		return c
	}
	for _, o := range objs {
		d.relate(subj, o, m, st.n, "verb", false)
	}
	return c
}

// aimVerbs take an infinitive that states an aim, not a deed.
var aimVerbs = map[string]bool{"aim": true, "seek": true, "plan": true, "intend": true, "want": true, "hope": true,
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
func (d *docState) relate(subj, o *entity, m relMap, sent int, rule string, plan bool) {
	p := m.p
	if p == graph.DevelopedBy && o.finalType() == graph.TypeOrganization {
		p = graph.EstablishedBy // an organisation is set up, not developed
	}
	if m.inverse {
		d.addFact(o, p, subj, sent, rule)
	} else {
		d.addFact(subj, p, o, sent, rule)
	}
	switch p {
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
	j := k - 1
	for j >= 0 && ps[j].kind == phAdv {
		j--
	}
	prevSubject := func() *entity {
		if len(done) > 0 {
			return done[len(done)-1].subject
		}
		return nil
	}
	if j < 0 {
		// a bullet or heading that starts with a verb: the introducer's
		// subject, else the section's topic
		return d.implicitSubject(st), "implicit"
	}
	switch ps[j].kind {
	case phNP:
		m := chainStart(st, ps, j)
		// "X, who ...": a relative clause's subject is its antecedent
		return d.resolveNP(st, ps, m), "np"
	case phWh:
		a := j - 1
		if a >= 0 && ps[a].kind == phPunct && st.words[ps[a].i].Text == "," {
			a--
		}
		if a >= 0 && ps[a].kind == phNP {
			return d.resolveNP(st, ps, chainStart(st, ps, a)), "relative"
		}
		return nil, ""
	case phConj:
		if len(done) > 0 {
			return prevSubject(), "coordinated"
		}
	case phTo:
		if len(done) > 0 {
			return prevSubject(), "purpose"
		}
		if j == 0 {
			return d.implicitSubject(st), "implicit"
		}
	case phPunct:
		w := st.words[ps[k].head]
		if (w.Form == FormIng || w.Form == FormPart || w.Form == FormPast) && len(done) > 0 && st.words[ps[j].i].Text == "," {
			return prevSubject(), "participle"
		}
		if st.words[ps[j].i].Text == ":" || st.words[ps[j].i].Text == "-" || st.words[ps[j].i].Text == "–" {
			return nil, ""
		}
		if j == 0 {
			return d.implicitSubject(st), "implicit"
		}
	}
	return nil, ""
}

// chainStart walks back from noun phrase j over "NP prep NP" attachments
// ("the team at Kettering General Hospital") to the phrase that heads the
// chain, which is the subject.
func chainStart(st *sent, ps []phrase, j int) int {
	for j >= 2 && ps[j-1].kind == phPrep && ps[j-2].kind == phNP {
		switch st.words[ps[j-1].i].Low {
		case "of", "at", "in", "from", "for", "within", "across", "on", "with":
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

// objectsFrom reads the objects starting at phrase n: coordinated names
// become one object each; any other noun phrase (with its prepositional
// phrases) one described object. It returns them and the end (a word
// index) of what it read.
func (d *docState) objectsFrom(st *sent, ps []phrase, n int) ([]*entity, int) {
	ws := st.words
	end := n
	names := []*entity{}
	allNames := true
	// the object chain: NP (prep NP | , NP | and NP)*
	for m := n; m < len(ps); m++ {
		p := ps[m]
		switch p.kind {
		case phNP:
			if e := d.nameOf(st, p); e != nil {
				names = append(names, e)
			} else if !isPronounNP(st, p) {
				allNames = false
			}
			end = m
			continue
		case phPrep:
			if m+1 < len(ps) && ps[m+1].kind == phNP && ws[p.i].Low != "by" {
				allNames = allNames && ws[p.i].Low == "of" && false
				continue
			}
		case phConj:
			if m+1 < len(ps) && ps[m+1].kind == phNP {
				continue
			}
		case phPunct:
			if ws[p.i].Text == "," && m+1 < len(ps) && ps[m+1].kind == phNP && (m+2 >= len(ps) || ps[m+2].kind != phVG && ps[m+2].kind != phWh) {
				continue
			}
			if (ws[p.i].Text == "(" || ws[p.i].Text == ")") && m+1 < len(ps) {
				continue
			}
		}
		break
	}
	last := ps[end].j
	if allNames && len(names) > 0 {
		return names, last
	}
	// one described object: the noun phrase chain's words
	text := trimArticles(joinWords(ws[ps[n].i:last]))
	if text == "" {
		return nil, last
	}
	head := d.resolveNP(st, ps, n)
	if head != nil && ps[n].j == last {
		return []*entity{head}, last // a single noun phrase that resolves ("the database")
	}
	desc := clauseText(st, ps[n].i)
	o := d.described(conceptType(st, ps[n]), text, desc, st.n)
	d.linkAbout(o, names)
	return []*entity{o}, last
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
				d.relate(subj, o, m, st.n, "copula", false)
			} else {
				d.addFact(subj, relPredicate("be", rest), o, st.n, "copula")
			}
		}
	}
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
	r := d.described(TypeRole, role, "", st.n)
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
