package loader

import (
	"strings"

	"github.com/nhsgraph/nhsgraph/graph"
)

// Relations that are not a subject, a verb and an object: copulas ("X is
// a Y"), appositions ("X, a Y,"), posts ("Name, Role at Org"),
// possessives ("NHSX's AI Lab"), co-agents ("with A and B") and passives
// with no agent in a report that speaks as its author.

// copulaFact reads "X is a Y" (X isA Y), "X is part of Y" (partOf), "X is
// responsible for Y", "X is a collaboration between A, B and C" (X's
// partners).
func (d *docState) copulaFact(st *sent, ps []phrase, k int, subj *entity, rest string, objs []*entity, end int) {
	switch {
	case rest == "":
		// "we are most proud of", "it is keen": a quality is no identity
		if k+1 >= len(ps) || ps[k+1].kind != phNP || !hasNoun(st.words[ps[k+1].i:ps[k+1].j]) {
			return
		}
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
				d.relate(subj, o, m, st.n, "copula")
			} else {
				d.addFact(subj, relPredicate("be", rest), o, st.n, "copula")
			}
		}
	}
}

// hasNoun reports whether words hold a noun, a name or a figure.
func hasNoun(ws []Word) bool {
	for _, w := range ws {
		switch w.Tag {
		case TagNoun, TagProp, TagNum, TagPron:
			return true
		}
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
		if sp := st.spanAt(y.i); sp != nil && sp.kind == spanRole || x.person && roleLike(st, y) || authorNouns[ws[y.head].Low] && k+3 < len(ps) && ws[ps[k+3].i].Low == "of" {
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
		// "Polygeist, a software company specialising in analytics, builds":
		// an -ing phrase set off with the description is part of it
		descEnd := ps[m].j
		if m+1 < len(ps) && ps[m+1].kind == phVG && int(ps[m+1].nAux) == 0 && ws[ps[m+1].head].Form == FormIng {
			e := ps[m+1].j
			for e < len(ws) && !(ws[e].Punct && strings.Contains(",.;:()", ws[e].Text)) {
				e++
			}
			if e > ps[m+1].j && e-ps[m+1].j <= 12 {
				descEnd = e
			}
		}
		desc := d.described(conceptType(st, y), trimArticles(joinWords(ws[y.i:descEnd])), "", st.n)
		d.addFact(x, IsA, desc, st.n, "apposition")
		// "Faculty, an AI specialist supplier provided through ACE": the
		// participle that follows describes X
		if m+1 < len(ps) && ps[m+1].kind == phVG {
			v := ps[m+1]
			w := ws[v.head]
			if (w.Form == FormPart || w.Form == FormPast) && int(v.nAux) == 0 {
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

// roleLike reports whether a noun phrase after a person's name can be
// their post: it has a capital ("Clinical Lead") or a word of a post
// ("the chief executive"), and is not a verb read as a noun.
func roleLike(st *sent, p phrase) bool {
	for w := p.i; w < p.j; w++ {
		if st.words[w].Cap || roleWords[st.words[w].Low] {
			return true
		}
	}
	return false
}

// authorNouns name who wrote a work: "author of 'Title'".
var authorNouns = map[string]bool{"author": true, "authors": true, "co-author": true, "editor": true}

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
	// "Name, author of 'Title'": the work the person wrote
	if authorNouns[ws[ps[k].head].Low] && k+2 < len(ps) && ps[k+1].kind == phPrep && ws[ps[k+1].i].Low == "of" {
		n := k + 2
		if ps[n].kind == phPoss && n+1 < len(ps) { // an opening "'" read as a possessive
			n++
		}
		if w := d.nameOf(st, ps[n]); w != nil && w.finalType() == graph.TypeCreativeWork {
			d.addFact(w, graph.AuthoredBy, person, st.n, "role-author")
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
