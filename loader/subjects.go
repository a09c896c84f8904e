package loader

import (
	"strings"

	"github.com/nhsgraph/nhsgraph/graph"
)

// The subject of a clause: the noun phrase before its verb, the antecedent
// of a relative word, the subject of the verb it is coordinated with or
// that controls it, the name before an apposition, or, for a bullet that
// starts with a verb, what introduces the list.

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
	// "opportunities for saving money": a gerund after a preposition is a
	// noun, not a clause
	if v.Form == FormIng && int(ps[k].nAux) == 0 && j >= 0 && ps[j].kind == phPrep {
		return nil, ""
	}
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
		// a bullet in the imperative with nothing to introduce it is an
		// instruction to the reader ("Create the virtual environment"),
		// not a deed of the topic's
		if st.s.Kind == KindBullet && !((v.Form == FormBase || v.Form == FormIng) && st.s.Intro < 0) {
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
	case phVG:
		// "has helped identify", "let staff choose": the verb after a
		// causative shares its subject
		if l := ws[ps[j].head].Lemma; (l == "help" || l == "let" || l == "make") && len(done) > 0 && done[len(done)-1].vg == j && v.Form == FormBase {
			return prevSubject(), "coordinated"
		}
	case phNP:
		// "a tool using X", "data collected by Y": a participle right after a
		// noun phrase modifies it; only a name it modifies is a subject
		m := chainStart(st, ps, j)
		inside := m > 0 && (ps[m-1].kind == phVG || ps[m-1].kind == phPrep)
		if int(ps[k].nAux) == 0 && (v.Form == FormIng || v.Form == FormPart || v.Form == FormPast && inside) {
			return d.nameOf(st, ps[j]), "reduced"
		}
		// "The project team, consisting of A, B and C, have undertaken":
		// the noun phrase before a participial phrase set off by a comma
		if k2 := participialBefore(st, ps, m); k2 >= 0 {
			return d.resolveNP(st, ps, k2), "np"
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
		// "The majority of scans collected by the NCCID are": the agent of
		// a participle is not the subject of the verb after it
		if m >= 2 && ps[m-1].kind == phPrep && ws[ps[m-1].i].Low == "by" && ps[m-2].kind == phVG && int(ps[m-2].nAux) == 0 {
			return nil, ""
		}
		return d.resolveNP(st, ps, m), "np"
	case phWh:
		a := j - 1
		if a >= 0 && ps[a].kind == phPunct && ws[ps[a].i].Text == "," {
			a--
		}
		if a >= 0 && ps[a].kind == phNP {
			// "patients who tested": who refers to the nearest noun phrase;
			// "a deal with Microsoft which saved": which to the whole chain
			m := chainStart(st, ps, a)
			if w := ws[ps[j].i].Low; w == "who" || w == "whom" {
				m = a
			}
			// "guidance, endorsed by the ICO, that gave ...": the noun phrase
			// before the participial phrase
			if k2 := participialBefore(st, ps, m); k2 >= 0 {
				m = k2
			} else if agentOfParticiple(st, ps, m) {
				// "guidance on X, endorsed by the ICO and the NDG, that
				// gave ...": the relative speaks of what was endorsed,
				// which could not be found; the agent did not give it
				return nil, ""
			}
			// "The Spine is the central system which supports ...": a
			// copula's complement names its subject, which does it
			if m > 0 && ps[m-1].kind == phVG && ws[ps[m-1].head].Tag == TagAux && ps[m-1].copula(ws) {
				for _, c := range done {
					if c.vg == m-1 && c.subject != nil && !c.subject.described {
						return c.subject, "relative"
					}
				}
			}
			if e := d.resolveNP(st, ps, m); e != nil {
				return e, "relative"
			}
			// "a deal with Microsoft which saved ...": the thing described
			// as an object before, starting where the antecedent starts
			if o := d.itemAround(st.n, ps[m].i, ps[a].j); o != nil && d.itemStartsAt(st.n, ps[m].i) {
				return o, "relative"
			}
			return nil, ""
		}
		return nil, ""
	case phConj:
		if len(done) > 0 && done[len(done)-1].vg < j {
			return prevSubject(), "coordinated"
		}
	case phTo:
		// "understand how to launch an experiment": no one in particular
		if j >= 1 && (ps[j-1].kind == phWh || ps[j-1].kind == phSub) && questionWords[ws[ps[j-1].i].Low] {
			return nil, ""
		}
		// "support to care providers to comply": the providers comply
		if j >= 2 && ps[j-1].kind == phNP && ps[j-2].kind == phPrep && (ws[ps[j-2].i].Low == "to" || ws[ps[j-2].i].Low == "for") && !strings.HasSuffix(ws[ps[j-1].i].Low, "ing") {
			return d.nameOf(st, ps[j-1]), "purpose" // (not "an approach to using AI to understand")
		}
		if len(done) > 0 {
			prev := done[len(done)-1]
			// "a GPU is required to run ...": the passive's subject does not run it
			if prev.passive && !purposeVerbs[prev.lemma] {
				return nil, ""
			}
			// "supporting 80 winners to develop ...": the winners develop;
			// "gave organisations the confidence to share": not the giver
			if ditransitive[prev.lemma] {
				return nil, ""
			}
			// "developed a service to give people advice", "launched the
			// portal to provide a one stop shop": what was made does it
			if creationVerbs[prev.lemma] && prev.object != nil && prev.object.typ != graph.TypeFund && ps[j-1].kind == phNP {
				return prev.object, "purpose"
			}
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
		// "The Brain Bank, operating in partnership with X, has produced":
		// the noun phrase before the participial phrase
		if ws[ps[j].i].Text == "," && (int(ps[k].nAux) > 0 || v.Form == FormPast || v.Form == FormS) {
			if k2 := participialBefore(st, ps, j); k2 >= 0 {
				if e := d.resolveNP(st, ps, k2); e != nil {
					return e, "np"
				}
			}
		}
		// "Baroness Blackwood, Parliamentary Under Secretary of State at the
		// Department of Health, identified ...": the name before the apposition
		if ws[ps[j].i].Text == "," && j > 0 && ps[j-1].kind == phNP && (v.Form == FormPast || v.Form == FormPart || v.Form == FormS || int(ps[k].nAux) > 0) {
			m := chainStart(st, ps, j-1)
			if m >= 2 && ps[m-1].kind == phPunct && ws[ps[m-1].i].Text == "," && ps[m-2].kind == phNP {
				if e := d.nameOf(st, ps[m-2]); e != nil {
					return e, "np"
				}
			}
		}
		if v.Form == FormIng && int(ps[k].nAux) == 0 && len(done) > 0 && ws[ps[j].i].Text == "," {
			return prevSubject(), "participle"
		}
		// "The project team, consisting of ...": a participle after the
		// sentence's first noun phrase describes it
		if v.Form == FormIng && int(ps[k].nAux) == 0 && len(done) == 0 && ws[ps[j].i].Text == "," && j > 0 && ps[j-1].kind == phNP && chainStart(st, ps, j-1) == 0 {
			return d.resolveNP(st, ps, 0), "reduced"
		}
		if (v.Form == FormPart || v.Form == FormPast) && int(ps[k].nAux) == 0 && ws[ps[j].i].Text == "," && j > 0 && ps[j-1].kind == phNP {
			// "weekly workshops, delivered online": the participle describes them
			return d.nameOf(st, ps[j-1]), "reduced"
		}
		if j == 0 && st.s.Kind == KindBullet {
			return d.implicitSubject(st), "implicit"
		}
	}
	return nil, ""
}

// participialBefore finds, back from noun phrase m, a participial phrase
// set off by a comma (", consisting of ...") and returns the noun phrase
// before it, or -1.
func participialBefore(st *sent, ps []phrase, m int) int {
	for j := m - 1; j >= 2; j-- {
		p := ps[j]
		switch p.kind {
		case phNP, phPrep, phConj, phPoss:
			continue
		case phPunct:
			if st.words[p.i].Text == "," {
				continue
			}
		case phVG:
			v := st.words[p.head]
			if int(p.nAux) == 0 && (v.Form == FormIng || v.Form == FormPart) && ps[j-1].kind == phPunct && st.words[ps[j-1].i].Text == "," && ps[j-2].kind == phNP {
				return chainStart(st, ps, j-2)
			}
		}
		return -1
	}
	return -1
}

// agentOfParticiple reports whether noun phrase m is (one of the
// coordinated) agents after a participle's "by": "endorsed by A and B".
func agentOfParticiple(st *sent, ps []phrase, m int) bool {
	for j := m - 1; j >= 1; j-- {
		switch ps[j].kind {
		case phNP, phConj:
			continue
		case phPunct:
			if st.words[ps[j].i].Text == "," {
				continue
			}
		case phPrep:
			return st.words[ps[j].i].Low == "by" && ps[j-1].kind == phVG && int(ps[j-1].nAux) == 0
		}
		return false
	}
	return false
}

// creationVerbs make a thing, whose purpose an infinitive after it says.
var creationVerbs = map[string]bool{"develop": true, "build": true, "create": true, "launch": true, "publish": true, "deliver": true, "run": true, "hold": true,
	"design": true, "produce": true, "release": true, "deploy": true, "introduce": true, "establish": true}

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
			if int(p.nAux) > 0 || w.Form == FormS || w.Form == FormPast || w.Tag == TagAux {
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

// firstConjunct finds, for a passive verb group k with no subject read, a
// name opening the sentence and coordinated with what follows: "A Guide to
// X and AI: How to get it right were published", whose second title the
// chunker cannot read whole. Only infinitives may stand between.
func (d *docState) firstConjunct(st *sent, ps []phrase, k int) *entity {
	if k < 3 || ps[0].kind != phNP || ps[1].kind != phConj || st.words[ps[1].i].Low != "and" {
		return nil
	}
	if a := st.words[ps[k].i].Low; a != "were" && a != "are" && a != "have" {
		return nil // a plural subject
	}
	for j := 2; j < k; j++ {
		if ps[j].kind == phVG && ps[j-1].kind != phTo {
			return nil
		}
		// "AI: How to get it right": a question word after a colon opens a title
		if (ps[j].kind == phWh || ps[j].kind == phSub) && !(ps[j-1].kind == phPunct && st.words[ps[j-1].i].Text == ":") {
			return nil
		}
	}
	return d.nameOf(st, ps[0])
}
