package loader

// The chunk pass groups a sentence's words into phrases: noun phrases
// (with a recognised name, figure or date as one unit), verb groups
// (auxiliaries, modals, negation, adverbs and the verb, with a particle),
// and the words between them. Relations are read off the phrases.

type phraseKind uint8

const (
	phNP    phraseKind = iota + 1 // noun phrase
	phVG                          // verb group
	phPrep                        // preposition
	phTo                          // "to" before a verb
	phConj                        // coordinating conjunction
	phWh                          // relative word: which, who, that
	phSub                         // subordinating conjunction
	phPunct                       // punctuation
	phAdv                         // adverb standing alone
	phPoss                        // the possessive ending
)

// phrase is a run of words [i, j) of one kind.
type phrase struct {
	kind phraseKind
	i, j int
	head int // an NP's head word; a VG's main verb
	// for a verb group
	nAux    uint8    // how many auxiliaries and modals it has
	auxes   auxFlags // what they say
	neg     bool
	passive bool
}

// auxFlags say what a verb group's auxiliaries and modals are.
type auxFlags uint8

const (
	auxFuture  auxFlags = 1 << iota // will, would, shall
	auxHedge                        // should, could, may, might, can, must, ought
	auxPerfect                      // has, have, had
	auxPast                         // was, were, been, had, has, have
	auxBeLast                       // the last of them is a form of be (or get)
)

// auxFlagsOf is what one auxiliary says, and whether it is a form of be
// (true), of have (false) or neither (ok false).
func auxFlagsOf(a string) (f auxFlags, be, ok bool) {
	switch a {
	case "will", "would", "shall", "wo":
		return auxFuture, false, false
	case "should", "could", "may", "might", "can", "must", "ought":
		return auxHedge, false, false
	case "has", "have":
		return auxPerfect | auxPast, false, true
	case "had":
		return auxPerfect | auxPast, false, true
	case "having":
		return 0, false, true
	case "was", "were", "been":
		return auxPast, true, true
	case "is", "are", "be", "being", "am", "get", "got", "gets":
		return 0, true, true
	}
	return 0, false, false
}

// nounish reports whether a word can be part of a noun phrase.
func nounish(w Word) bool {
	switch w.Tag {
	case TagNoun, TagProp, TagAdj, TagNum, TagDet, TagPoss:
		return true
	case TagVerb:
		return false
	}
	return false
}

// chunk groups st's words into phrases, once: the passes after it share
// the list.
func chunk(st *sent) []phrase {
	if st.phrases == nil {
		st.phrases = chunkWords(st)
	}
	return st.phrases
}

func chunkWords(st *sent) []phrase {
	ws := st.words
	out := make([]phrase, 0, len(ws)/2+1)
	for i := 0; i < len(ws); {
		w := ws[i]
		// a recognised span is one noun phrase element
		if sp := st.spanAt(i); sp != nil && sp.kind != spanRole || nounStart(ws, i) {
			j := i
			for j < len(ws) {
				if sp := st.spanAt(j); sp != nil {
					j = sp.j
					continue
				}
				if !nounish(ws[j]) || ws[j].Tag == TagPoss && ws[j].Low != "their" && ws[j].Low != "its" && j > i {
					break
				}
				// a determiner inside a phrase starts a new one ("X the Y")
				if j > i && (ws[j].Tag == TagDet || ws[j].Tag == TagPoss) {
					break
				}
				// "saved the NHS hundreds of millions": a name then a figure
				// are two phrases
				if j > i && st.spanAt(j-1) != nil && st.spanAt(j-1).kind == spanName && (ws[j].Tag == TagNum || quantityNouns[ws[j].Low]) {
					break
				}
				j++
			}
			if j == i {
				j = i + 1
			}
			out = append(out, phrase{kind: phNP, i: i, j: j, head: npHead(st, i, j)})
			i = j
			continue
		}
		if sp := st.spanAt(i); sp != nil && sp.kind == spanRole {
			out = append(out, phrase{kind: phNP, i: i, j: sp.j, head: sp.j - 1})
			i = sp.j
			continue
		}
		switch w.Tag {
		case TagVerb, TagAux, TagModal, TagNeg:
			j, p := verbGroup(ws, i)
			out = append(out, p)
			i = j
			continue
		case TagAdv:
			// an adverb before a verb group belongs to it
			k := i
			for k < len(ws) && ws[k].Tag == TagAdv {
				k++
			}
			if k < len(ws) && (ws[k].Tag == TagVerb || ws[k].Tag == TagAux || ws[k].Tag == TagModal) {
				j, p := verbGroup(ws, i)
				out = append(out, p)
				i = j
				continue
			}
			out = append(out, phrase{kind: phAdv, i: i, j: i + 1, head: i})
		case TagPrep:
			out = append(out, phrase{kind: phPrep, i: i, j: i + 1, head: i})
		case TagTo:
			// "access to GP records": "to" before anything but a verb is a preposition
			if i+1 < len(ws) && (ws[i+1].Tag == TagVerb || ws[i+1].Tag == TagAux || ws[i+1].Tag == TagAdv) {
				out = append(out, phrase{kind: phTo, i: i, j: i + 1, head: i})
			} else {
				out = append(out, phrase{kind: phPrep, i: i, j: i + 1, head: i})
			}
		case TagConj:
			out = append(out, phrase{kind: phConj, i: i, j: i + 1, head: i})
		case TagWh:
			out = append(out, phrase{kind: phWh, i: i, j: i + 1, head: i})
		case TagSub:
			out = append(out, phrase{kind: phSub, i: i, j: i + 1, head: i})
		case TagPoss:
			out = append(out, phrase{kind: phPoss, i: i, j: i + 1, head: i})
		case TagPron:
			out = append(out, phrase{kind: phNP, i: i, j: i + 1, head: i})
		case TagPart:
			out = append(out, phrase{kind: phPrep, i: i, j: i + 1, head: i})
		default:
			out = append(out, phrase{kind: phPunct, i: i, j: i + 1, head: i})
		}
		i++
	}
	return out
}

// quantityNouns count: "hundreds of millions".
var quantityNouns = map[string]bool{"hundreds": true, "thousands": true, "millions": true, "billions": true, "dozens": true, "tens": true}

// nounStart reports whether a noun phrase starts at word i.
func nounStart(ws []Word, i int) bool {
	switch ws[i].Tag {
	case TagNoun, TagProp, TagAdj, TagNum, TagDet:
		return true
	case TagPoss:
		return ws[i].Low != "'s" && ws[i].Low != "'" // "their services"
	}
	return false
}

// npHead is the head of the noun phrase [i, j): its last noun, name or
// figure.
func npHead(st *sent, i, j int) int {
	for k := j - 1; k >= i; k-- {
		if sp := st.spanAt(k); sp != nil {
			return k
		}
		switch st.words[k].Tag {
		case TagNoun, TagProp, TagNum, TagPron:
			return k
		}
	}
	return j - 1
}

// verbGroup reads the verb group starting at word i: adverbs,
// auxiliaries, modals, negation, then the main verb and a particle.
func verbGroup(ws []Word, i int) (int, phrase) {
	p := phrase{kind: phVG, i: i, head: -1}
	j := i
	for j < len(ws) {
		w := ws[j]
		switch w.Tag {
		case TagAdv:
			j++
			continue
		case TagNeg:
			p.neg = true
			j++
			continue
		case TagModal, TagAux:
			f, be, ok := auxFlagsOf(w.Low)
			p.auxes |= f
			if ok {
				p.auxes &^= auxBeLast
				if be {
					p.auxes |= auxBeLast
				}
			}
			if p.nAux < 255 {
				p.nAux++
			}
			p.head = j
			j++
			continue
		case TagNum:
			// "was first picked": an ordinal used as an adverb
			if int(p.nAux) > 0 && (w.Low == "first" || w.Low == "second" || w.Low == "last") && j+1 < len(ws) && ws[j+1].Tag == TagVerb {
				j++
				continue
			}
		case TagDet:
			// "will both become", "have all agreed": a floating quantifier
			if int(p.nAux) > 0 && (w.Low == "both" || w.Low == "all" || w.Low == "each") && j+1 < len(ws) && (ws[j+1].Tag == TagVerb || ws[j+1].Tag == TagAux) {
				j++
				continue
			}
		case TagVerb:
			p.head = j
			j++
			// particles: "set up", "roll out"
			for j < len(ws) && ws[j].Tag == TagPart {
				j++
			}
			// "have been funded": stop after the main verb
			p.j = j
			p.passive = (w.Form == FormPart || w.Form == FormPast) && p.auxes&auxBeLast != 0
			return j, p
		}
		break
	}
	// only auxiliaries: a copula ("is", "was") or an auxiliary whose verb
	// was not recognised
	for j > i && ws[j-1].Tag == TagAdv {
		j--
	}
	if j == i {
		j = i + 1
	}
	p.j = j
	if p.head < 0 {
		p.head = i
	}
	return j, p
}

// copula reports whether a verb group is a form of "be" alone: "X is a Y".
func (p phrase) copula(ws []Word) bool {
	if p.kind != phVG || p.head < 0 || ws[p.head].Tag != TagAux {
		return false
	}
	switch ws[p.head].Low {
	case "is", "are", "was", "were", "be", "been", "being", "am":
		return true
	}
	return false
}

// hedged reports whether a verb group only advises or supposes: "should",
// "could", "may", "might", "can".
func (p phrase) hedged() bool { return p.auxes&auxHedge != 0 }

// future reports whether a verb group speaks of something not yet done:
// "will deliver", "would be used", "shall".
func (p phrase) future() bool { return p.auxes&auxFuture != 0 }
