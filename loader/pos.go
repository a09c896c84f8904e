package loader

import (
	"bufio"
	"embed"
	"strings"
	"sync"
)

// Tag is a coarse part of speech: enough to find noun phrases, verb groups
// and clause boundaries, which is all the later passes ask of it.
type Tag uint8

// Parts of speech.
const (
	TagNone  Tag = iota
	TagNoun      // common noun
	TagProp      // proper noun: a capitalised word inside a sentence, an acronym
	TagAdj       // adjective
	TagVerb      // a lexical verb (Word.Form says which form)
	TagAux       // a form of be, have or do
	TagModal     // will, would, can, ...
	TagAdv       // adverb
	TagDet       // determiner, quantifier
	TagPron      // personal pronoun
	TagPoss      // possessive determiner or the possessive ending "’s"
	TagPrep      // preposition
	TagTo        // "to"
	TagConj      // and, or, but
	TagSub       // subordinating conjunction: because, although, if, while
	TagWh        // relative or interrogative word: which, who, that
	TagNeg       // not, never
	TagNum       // a number, in figures or words
	TagPart      // a verb's particle: "set up", "roll out"
	TagPunct     // punctuation
)

var tagNames = [...]string{"-", "NOUN", "PROP", "ADJ", "VERB", "AUX", "MODAL", "ADV", "DET", "PRON", "POSS", "PREP", "TO", "CONJ", "SUB", "WH", "NEG", "NUM", "PART", "PUNCT"}

func (t Tag) String() string { return tagNames[t] }

// VerbForm is the inflection of a verb (or of be, have, do).
type VerbForm uint8

// Verb forms.
const (
	FormNone VerbForm = iota
	FormBase          // provide
	FormS             // provides
	FormPast          // provided, as a finite past tense
	FormPart          // provided, as a participle (after have or be, or modifying a noun)
	FormIng           // providing
)

// noun reports whether t can head a noun phrase.
func (t Tag) noun() bool { return t == TagNoun || t == TagProp || t == TagNum }

// lexicon holds the word classes of lexicon/*.txt.
type lexicon struct {
	closed    map[string]wordClass
	verbs     map[string]bool   // base forms
	nounVerbs map[string]bool   // base forms that are often nouns too
	irregular map[string]verbIs // a form of an irregular verb -> its base and form
	adjs      map[string]bool
	nouns     map[string]bool
	given     map[string]bool // common given names (lexicon/given.txt)
	// irregular verbs whose participle is their base form ("set", "run", "come")
	partIsBase map[string]bool
	forms      map[string]verbIsForm // every form of every known verb
	// entries holds all the above for each word the lexicon knows, so the
	// tagger looks a word up once
	entries map[string]*lexWord
}

// lexWord is what the lexicon knows of one word.
type lexWord struct {
	closed                    wordClass
	verb, nounVerb, adj, noun bool
	vf                        verbIsForm // its reading as a verb form, if vf.form != FormNone
}

// noWord is the entry of a word the lexicon does not know.
var noWord lexWord

// word is the lexicon's entry for w (a shared empty one for an unknown word).
func (l *lexicon) word(w string) *lexWord {
	if e := l.entries[w]; e != nil {
		return e
	}
	return &noWord
}

// lexOf is a word's lexicon entry, looked up if the tagger has not.
func lexOf(l *lexicon, w *Word) *lexWord {
	if w.lex == nil {
		w.lex = l.word(w.Low)
	}
	return w.lex
}

// index builds entries from the lexicon's tables.
func (l *lexicon) index() {
	l.entries = map[string]*lexWord{}
	get := func(w string) *lexWord {
		e := l.entries[w]
		if e == nil {
			e = &lexWord{}
			l.entries[w] = e
		}
		return e
	}
	for w, c := range l.closed {
		get(w).closed = c
	}
	for w := range l.verbs {
		get(w).verb = true
	}
	for w := range l.nounVerbs {
		get(w).nounVerb = true
	}
	for w := range l.adjs {
		get(w).adj = true
	}
	for w := range l.nouns {
		get(w).noun = true
	}
	for w, r := range l.forms {
		get(w).vf = r
	}
}

type verbIs struct {
	base string
	form VerbForm // FormPast for a form that is both past and participle
	both bool     // the form is both past tense and participle
}

// wordClass is the set of closed classes a word can belong to.
type wordClass uint32

func classBit(t Tag) wordClass { return 1 << t }

func (c wordClass) has(t Tag) bool { return c&classBit(t) != 0 }

//go:embed lexicon/*.txt
var lexiconFiles embed.FS

var (
	lexOnce sync.Once
	lex     *lexicon
)

// theLexicon returns the built-in lexicon, read once.
func theLexicon() *lexicon {
	lexOnce.Do(func() { lex = readLexicon() })
	return lex
}

func readLexicon() *lexicon {
	l := &lexicon{closed: map[string]wordClass{}, verbs: map[string]bool{}, nounVerbs: map[string]bool{},
		irregular: map[string]verbIs{}, adjs: map[string]bool{}, nouns: map[string]bool{}, given: map[string]bool{}, partIsBase: map[string]bool{}}
	classes := map[string]Tag{"det": TagDet, "pron": TagPron, "poss": TagPoss, "prep": TagPrep, "to": TagTo,
		"conj": TagConj, "sub": TagSub, "wh": TagWh, "aux": TagAux, "modal": TagModal, "neg": TagNeg,
		"adv": TagAdv, "num": TagNum, "part": TagPart}
	for _, name := range []string{"closed.txt", "verbs.txt", "open.txt", "given.txt"} {
		b, err := lexiconFiles.ReadFile("lexicon/" + name)
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' {
				continue
			}
			kind, rest, ok := strings.Cut(line, ":")
			if !ok {
				panic("lexicon/" + name + ": no class in " + line)
			}
			words := strings.Fields(rest)
			switch kind {
			case "irregular":
				base, past, part := words[0], words[1], words[2]
				l.verbs[base] = true
				if part == base {
					l.partIsBase[base] = true
				}
				if past == part {
					l.irregular[past] = verbIs{base: base, form: FormPast, both: true}
				} else {
					l.irregular[past] = verbIs{base: base, form: FormPast}
					l.irregular[part] = verbIs{base: base, form: FormPart}
				}
			case "verb":
				for _, w := range words {
					l.verbs[w] = true
				}
			case "nounverb":
				for _, w := range words {
					l.verbs[w], l.nounVerbs[w] = true, true
				}
			case "adj":
				for _, w := range words {
					l.adjs[w] = true
				}
			case "noun":
				for _, w := range words {
					l.nouns[w] = true
				}
			case "given":
				for _, w := range words {
					l.given[w] = true
				}
			default:
				t, ok := classes[kind]
				if !ok {
					panic("lexicon/" + name + ": unknown class " + kind)
				}
				for _, w := range words {
					l.closed[w] |= classBit(t)
				}
			}
		}
	}
	l.forms = l.inflections()
	l.index()
	return l
}

// verbIsForm is what verbForm says of one word.
type verbIsForm struct {
	base string
	form VerbForm
	both bool
}

// inflections reads every form the suffix rules of analyseVerb can find
// for a known verb, once, so that verbForm is one map lookup: each base,
// with -s, -es, -ies, -d, -ed, -ied, -ing, a dropped e and a doubled final
// consonant, and the irregular forms.
func (l *lexicon) inflections() map[string]verbIsForm {
	out := make(map[string]verbIsForm, 8*len(l.verbs))
	try := func(w string) {
		if _, done := out[w]; done {
			return
		}
		if base, form, both := l.analyseVerb(w); form != FormNone {
			out[w] = verbIsForm{base, form, both}
		}
	}
	for w := range l.irregular {
		try(w)
	}
	for b := range l.verbs {
		n := len(b)
		try(b)
		for _, suffix := range []string{"s", "es", "d", "ed", "ing"} {
			try(b + suffix)
		}
		if n > 1 {
			last := b[n-1:]
			try(b + last + "ed")
			try(b + last + "ing")
			try(b[:n-1] + "ies")
			try(b[:n-1] + "ied")
			try(b[:n-1] + "ing")
			try(b[:n-1] + "ed")
		}
	}
	return out
}

// verbForm says whether w is a form of a known verb, and which.
func (l *lexicon) verbForm(w string) (base string, form VerbForm, both bool) {
	if r, ok := l.forms[w]; ok {
		return r.base, r.form, r.both
	}
	return "", FormNone, false
}

// analyseVerb is verbForm read off the word's ending, trying each stem
// against the known verbs.
func (l *lexicon) analyseVerb(w string) (base string, form VerbForm, both bool) {
	if v, ok := l.irregular[w]; ok && v.base != w {
		return v.base, v.form, v.both
	}
	if l.verbs[w] {
		return w, FormBase, false
	}
	n := len(w)
	if n < 4 {
		return "", FormNone, false
	}
	try := func(stem string) bool { return l.verbs[stem] }
	switch {
	case strings.HasSuffix(w, "ies") && try(w[:n-3]+"y"):
		return w[:n-3] + "y", FormS, false
	case strings.HasSuffix(w, "es") && try(w[:n-2]):
		return w[:n-2], FormS, false
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && try(w[:n-1]):
		return w[:n-1], FormS, false
	case strings.HasSuffix(w, "ied") && try(w[:n-3]+"y"):
		return w[:n-3] + "y", FormPast, true
	case strings.HasSuffix(w, "ed"):
		stem := w[:n-2]
		switch {
		case try(stem):
		case try(stem + "e"):
			stem += "e"
		case len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && try(stem[:len(stem)-1]):
			stem = stem[:len(stem)-1] // planned, committed
		case try(w[:n-1]): // agreed
			stem = w[:n-1]
		default:
			return "", FormNone, false
		}
		return stem, FormPast, true
	case strings.HasSuffix(w, "ing"):
		stem := w[:n-3]
		switch {
		case try(stem):
		case try(stem + "e"):
			stem += "e"
		case len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && try(stem[:len(stem)-1]):
			stem = stem[:len(stem)-1]
		default:
			return "", FormNone, false
		}
		return stem, FormIng, false
	}
	return "", FormNone, false
}

// guessVerb reads an unknown word's verb form off its ending: "-ised",
// "-ated" are past forms, "-ising" a gerund, "-ise" a base form.
func guessVerb(w string) (base string, form VerbForm) {
	n := len(w)
	switch {
	case n >= 7 && (strings.HasSuffix(w, "ised") || strings.HasSuffix(w, "ized") || strings.HasSuffix(w, "ated") || strings.HasSuffix(w, "ified")):
		return w[:n-1], FormPast
	case n >= 8 && (strings.HasSuffix(w, "ising") || strings.HasSuffix(w, "izing") || strings.HasSuffix(w, "ating")):
		return w[:n-3] + "e", FormIng
	case n >= 6 && (strings.HasSuffix(w, "ise") || strings.HasSuffix(w, "ize") || strings.HasSuffix(w, "ify")):
		return w, FormBase
	}
	return "", FormNone
}

// unknownVerbForm reads a verb form off the ending of a word the lexicon
// lacks: "-ing" a gerund, "-ed" a past form ("pseudonymised", "reshaping").
// Context can still make it a noun or an adjective.
func unknownVerbForm(w string) VerbForm {
	n := len(w)
	switch {
	case n >= 6 && strings.HasSuffix(w, "ing"):
		return FormIng
	case n >= 5 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return FormPast
	}
	return FormNone
}

// unknownStem is the base form of a verb the lexicon lacks, read off its
// ending: "alerted" is "alert", "reshaping" "reshape" is beyond it and
// stays "reshap"; a doubled final consonant is undone ("planned").
func unknownStem(w string, form VerbForm) string {
	var stem string
	switch form {
	case FormPast:
		stem = strings.TrimSuffix(w, "ed")
	case FormIng:
		stem = strings.TrimSuffix(w, "ing")
	default:
		return w
	}
	if n := len(stem); n >= 3 && stem[n-1] == stem[n-2] && !strings.ContainsRune("aeiouls", rune(stem[n-1])) {
		stem = stem[:n-1]
	} else if n >= 3 && (strings.ContainsRune("cvzu", rune(stem[n-1])) || strings.HasSuffix(stem, "dg")) {
		stem += "e" // "embracing", "involved", "issued": the e the ending took
	}
	return stem
}

// unknownSStem is the base form of an unknown verb in -s: "stratifies" is
// "stratify", "matches" "match", "runs" "run".
func unknownSStem(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	}
	return strings.TrimSuffix(w, "s")
}

// superlative reports whether w is the "-est" form of a known adjective
// ("largest", "biggest", "earliest").
func superlative(w string, l *lexicon) bool {
	n := len(w)
	if n < 5 || !strings.HasSuffix(w, "est") {
		return false
	}
	stem := w[:n-3]
	switch {
	case l.adjs[stem], l.adjs[stem+"e"]:
		return true
	case strings.HasSuffix(stem, "i") && l.adjs[stem[:len(stem)-1]+"y"]:
		return true
	case len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && l.adjs[stem[:len(stem)-1]]:
		return true
	}
	return false
}

// adjBySuffix reports whether an unknown word's ending marks an adjective.
func adjBySuffix(w string) bool {
	n := len(w)
	if n < 6 {
		return false
	}
	for _, suf := range []string{"ous", "ful", "less", "able", "ible", "ical", "ive", "ary", "ic", "al", "ent", "ant"} {
		if strings.HasSuffix(w, suf) {
			return !nounEnding(w)
		}
	}
	return false
}

// nounEnding holds endings of nouns that look like adjective endings.
func nounEnding(w string) bool {
	for _, suf := range []string{"ment", "tary", "rary", "ssary", "itive", "ative", "ital", "sal", "val", "rral", "ntal", "ortal", "ident", "ient", "dent", "nant", "ipant", "tant", "ian"} {
		if strings.HasSuffix(w, suf) {
			return !strings.HasSuffix(w, "mental") && !strings.HasSuffix(w, "cative")
		}
	}
	return false
}

// tagWords gives each word its part of speech. It reads the lexicon first
// (closed classes, verb forms, adjectives), then spelling (capitals,
// digits, endings), then settles words that can be nouns or verbs from the
// words around them, left to right, in the manner of Brill's transformation
// rules: after a determiner, a possessive or an adjective a word is a noun;
// after "to", a modal or a subject pronoun it is a verb; after be or have
// a participle is verbal; between a name and a determiner it is a verb.
func tagWords(ws []Word) {
	l := theLexicon()
	titled := titleCase(ws, l)
	for i := range ws {
		w := &ws[i]
		if w.Punct {
			w.Tag = TagPunct
			if w.Text == "’" || w.Text == "'" || w.Low == "'s" {
				w.Tag = TagPoss
			}
			continue
		}
		if w.Low == "'s" || w.Low == "'" {
			w.Tag = TagPoss
			continue
		}
		if w.Digit {
			w.Tag = TagNum
			continue
		}
		e := l.word(w.Low)
		w.lex = e
		initial := i == 0 || (ws[i-1].Punct && strings.ContainsAny(ws[i-1].Text, ".:;!?•-–—\"“‘(")) // a capital here says nothing
		if w.Caps {
			w.Tag = TagProp
			continue
		}
		// "Falls Alert" on a line of its own: a name, whatever its words
		if titled && w.Cap && e.closed == 0 {
			w.Tag = TagProp
			continue
		}
		if w.Cap && monthNames[w.Low] && (!initial || i+1 < len(ws) && ws[i+1].Digit) {
			w.Tag = TagProp // "in May 2021"
			continue
		}
		if w.Cap && !initial {
			if c := e.closed; c != 0 && !c.has(TagNum) && (len(w.Low) <= 4 || c.has(TagPrep)) {
				w.Tag = firstClass(c) // "The", "Of", "And" inside a name stay function words
			} else {
				w.Tag = TagProp
			}
			continue
		}
		if c := e.closed; c != 0 {
			w.Tag = firstClass(c)
			continue
		}
		// "Humber and North Yorkshire ICS": a connector then capitals
		nextCap := i+1 < len(ws) && ws[i+1].Cap && !ws[i+1].Punct ||
			i+2 < len(ws) && (ws[i+1].Low == "and" || ws[i+1].Low == "of" || ws[i+1].Text == "&" || ws[i+1].Low == "'s" || ws[i+1].Low == "’s") && ws[i+2].Cap && !ws[i+2].Punct
		// "Project Oasis - ...": a noun that is also a verb, before one
		// capitalised word that ends the phrase, names something
		shortName := e.nounVerb && i+1 < len(ws) && ws[i+1].Cap && !ws[i+1].Punct && (i+2 == len(ws) || ws[i+2].Punct)
		if w.Cap && initial && nextCap && (!e.verb || shortName) {
			if e.vf.form == FormNone || shortName {
				w.Tag = TagProp // "Kettering General Hospital approached ..."
				continue
			}
		}
		if base, form := e.vf.base, e.vf.form; form != FormNone && !(form == FormBase && e.adj) {
			w.Tag, w.Form, w.Lemma = TagVerb, form, base
			nounVerb := e.nounVerb
			if base != w.Low {
				nounVerb = l.word(base).nounVerb
			}
			if (form == FormBase || form == FormS) && nounVerb {
				w.Tag = TagNoun // settled by context below
			}
			if form == FormS && !nounVerb && w.Cap {
				w.Tag = TagNoun
			}
			continue
		}
		switch {
		case e.adj:
			w.Tag = TagAdj
		case e.noun:
			w.Tag = TagNoun
		case strings.HasSuffix(w.Low, "ly") && len(w.Low) > 4 && !strings.HasSuffix(w.Low, "ply"):
			w.Tag = TagAdv
		case adjBySuffix(w.Low) || superlative(w.Low, l):
			w.Tag = TagAdj
		default:
			if base, form := guessVerb(w.Low); form != FormNone || unknownVerbForm(w.Low) != FormNone {
				if form == FormNone {
					form = unknownVerbForm(w.Low)
					base = unknownStem(w.Low, form)
				}
				w.Tag, w.Form, w.Lemma = TagVerb, form, base
			} else if w.Cap && initial && i+1 < len(ws) && ws[i+1].Cap && !ws[i+1].Punct {
				w.Tag = TagProp
			} else {
				w.Tag = TagNoun
			}
		}
	}
	settle(ws, l)
}

// titleCase reports whether a short run of words is all capitalised but
// for function words: a name or a heading standing alone ("Falls Alert",
// "Open Data Standards"), where every capital is part of the name.
func titleCase(ws []Word, l *lexicon) bool {
	n := 0
	for _, w := range ws {
		switch {
		case w.Punct && (w.Text == "." || w.Text == ";" || w.Text == ","):
			continue
		case w.Punct || w.Digit:
			return false
		case l.closed[w.Low] != 0 && !w.Cap:
			continue
		case !w.Cap:
			return false
		}
		n++
	}
	return n >= 2 && len(ws) <= 6
}

// firstClass picks the reading of a closed-class word that is most often
// right before context is read: a preposition before an adverb ("about"),
// a determiner before a relative word ("that"), a pronoun before a
// possessive ("her").
func firstClass(c wordClass) Tag {
	for _, t := range []Tag{TagTo, TagAux, TagModal, TagNeg, TagConj, TagPrep, TagDet, TagPron, TagPoss, TagWh, TagSub, TagNum, TagAdv, TagPart} {
		if c.has(t) {
			return t
		}
	}
	return TagNone
}

// settle applies the context rules.
func settle(ws []Word, l *lexicon) {
	for i := range ws {
		w := &ws[i]
		p, n := prevTag(ws, i), TagNone
		if i+1 < len(ws) {
			n = ws[i+1].Tag
		}
		switch w.Low {
		case "that":
			// "that project" is a determiner; "showed that", "a tool that" relate a clause
			if (n == TagNoun || n == TagAdj) && p != TagNoun && p != TagProp && p != TagVerb {
				w.Tag = TagDet
			} else {
				w.Tag = TagWh
			}
			continue
		case "her":
			if n == TagNoun || n == TagAdj || n == TagProp {
				w.Tag = TagPoss
			}
			continue
		case "up", "out", "off", "down":
			if i > 0 && ws[i-1].Tag == TagVerb {
				w.Tag = TagPart
			}
			continue
		case "one":
			if p == TagDet || p == TagAdj {
				w.Tag = TagPron
			}
			continue
		case "worth":
			if p == TagPoss {
				w.Tag = TagNoun // "5 years' worth of data"
			}
			continue
		case "as":
			// "as well as" is a conjunction
			if i+2 < len(ws) && ws[i+1].Low == "well" && ws[i+2].Low == "as" {
				w.Tag, ws[i+1].Tag, ws[i+2].Tag = TagConj, TagConj, TagConj
			}
			continue
		}
		var base string
		var form VerbForm
		var both bool
		switch w.Tag {
		case TagNoun, TagVerb:
			vf := lexOf(l, w).vf
			base, form, both = vf.base, vf.form, vf.both
			if form == FormNone && w.Tag == TagVerb {
				base, form = w.Lemma, w.Form // read off its ending
			}
			// "detects X and stratifies the risk": an unknown word in -s
			// after "and", coordinated with a verb in -s, before a
			// determiner, is that verb's like
			if form == FormNone && w.Tag == TagNoun && p == TagConj && len(w.Low) > 4 && strings.HasSuffix(w.Low, "s") && !strings.HasSuffix(w.Low, "ss") && (n == TagDet || n == TagPoss) {
				if _, ok := coordinatedVerb(ws, i, FormS); ok {
					w.Tag, w.Form, w.Lemma = TagVerb, FormS, unknownSStem(w.Low)
					continue
				}
			}
		case TagAdj:
			// "secure", "open": an adjective that is also a verb is a verb after "to" or a modal
			if (p == TagModal || (p == TagConj || p == TagTo) && adverbialAdjs[w.Low]) && i+1 < len(ws) && (l.verbs[ws[i+1].Low] || l.nounVerbs[ws[i+1].Low]) && !l.verbs[w.Low] {
				w.Tag = TagAdv // "can best take": an adverb between a modal and its verb
			} else if l.verbs[w.Low] && (p == TagTo || p == TagModal || i > 0 && ws[i-1].Tag == TagVerb && causatives[ws[i-1].Lemma]) {
				w.Tag, w.Form = TagVerb, FormBase
			} else if (p == TagDet || p == TagPoss) && !degreeWords[ws[i-1].Low] && (n == TagPunct && strings.Contains(".;:)", ws[i+1].Text) || n == TagPrep || n == TagNone || n == TagVerb || n == TagAux) {
				w.Tag = TagNoun // "the pandemic." ends its noun phrase
			}
			continue
		}
		if form == FormNone {
			continue
		}
		e := lexOf(l, w)
		nounVerb := e.nounVerb
		if base != w.Low {
			nounVerb = l.word(base).nounVerb
		}
		verbal := verbReading(ws, i, p, n, form, nounVerb || e.noun, both)
		if verbal == FormNone {
			if (form == FormPast || form == FormPart) && (p == TagDet || p == TagPoss || p == TagAdj || p == TagPrep || p == TagNum) {
				w.Tag = TagAdj // "the funded project"
			} else if form == FormPast || form == FormPart {
				w.Tag = TagAdj
			} else {
				w.Tag = TagNoun
			}
			continue
		}
		w.Tag, w.Lemma, w.Form = TagVerb, base, verbal
		if both && verbal == FormPast && auxBefore(ws, i) {
			w.Form = FormPart
		}
	}
}

// adverbialAdjs are adjectives that, between "and" or "to" and a verb,
// modify the verb: "and better measure", "to further shape".
var adverbialAdjs = map[string]bool{"better": true, "further": true, "more": true, "best": true, "fully": true, "rapidly": true}

// degreeWords grade the adjective after them: "most proud of".
var degreeWords = map[string]bool{"most": true, "more": true, "less": true, "least": true, "very": true, "so": true, "too": true}

// causatives take a bare infinitive: "helped secure", "let staff choose".
var causatives = map[string]bool{"help": true, "let": true, "make": true}

// ingNouns are -ing words often used as nouns after a name: "NHSX
// funding", "AI Lab training".
var ingNouns = map[string]bool{"funding": true, "training": true, "learning": true, "monitoring": true, "screening": true,
	"planning": true, "meeting": true, "testing": true, "building": true, "reporting": true, "prescribing": true,
	"booking": true, "computing": true, "engineering": true, "nursing": true, "housing": true, "marketing": true,
	"processing": true, "imaging": true, "modelling": true, "modeling": true, "messaging": true, "sharing": true,
	"spending": true, "staffing": true, "commissioning": true, "procurement": true, "accounting": true, "banking": true,
	"networking": true, "setting": true, "settings": true, "offering": true, "understanding": true, "hearing": true, "briefing": true}

// prevTag is the part of speech of the word before i, skipping adverbs.
func prevTag(ws []Word, i int) Tag {
	for j := i - 1; j >= 0; j-- {
		if ws[j].Tag != TagAdv {
			return ws[j].Tag
		}
	}
	return TagNone
}

// startsPhrase reports whether tag t can open a noun phrase that a verb
// takes as its object.
func startsPhrase(t Tag) bool {
	switch t {
	case TagDet, TagPoss, TagProp, TagNum, TagPron, TagAdj:
		return true
	}
	return false
}

// verbReading says which verb form word i is in its context, or FormNone
// for a noun (or adjective) reading. alsoNoun says the word is often a
// noun too ("support", "plans"); both that a past form is also the
// participle.
func verbReading(ws []Word, i int, p, n Tag, form VerbForm, alsoNoun, both bool) VerbForm {
	switch p {
	case TagDet, TagPoss, TagNum:
		// "was first picked": an ordinal as an adverb after an auxiliary
		if p == TagNum && i >= 2 && (ws[i-1].Low == "first" || ws[i-1].Low == "later" || ws[i-1].Low == "last") && ws[i-2].Tag == TagAux && (form == FormPast || form == FormPart) {
			return FormPart
		}
		// "will both join": a quantifier floating after an auxiliary
		if p == TagDet && i >= 2 && (ws[i-1].Low == "both" || ws[i-1].Low == "all" || ws[i-1].Low == "each") && (ws[i-2].Tag == TagModal || ws[i-2].Tag == TagAux) {
			if ws[i-2].Tag == TagModal || form == FormBase {
				return FormBase
			}
			return FormPart
		}
		// "This rapidly grew": a demonstrative standing alone is a subject
		if p == TagDet && form == FormPast && (!both || startsPhrase(n)) && pronounDet(ws, i) {
			return FormPast
		}
		if p == TagDet && form == FormS && !alsoNoun && pronounDet(ws, i) {
			return FormS
		}
		// "1,100 joined the network": a figure opening a clause, standing
		// for what it counts, is the subject of the verb after it
		if p == TagNum && ws[i-1].Tag == TagNum && (form == FormPast || form == FormS) && (i == 1 || ws[i-2].Punct || hedgeWords[ws[i-2].Low]) && (startsPhrase(n) || n == TagPrep || n == TagTo) {
			return form
		}
		return FormNone // "the funded project", "the funding"
	case TagAdj:
		if form == FormIng && n != TagNoun && !alsoNoun && i >= 2 && ws[i-1].Tag == TagAdj && ws[i-2].Tag == TagAux {
			return FormIng
		}
		return FormNone
	case TagTo:
		if form != FormBase {
			return FormNone
		}
		// "to care homes", "to GP records": a noun after the preposition "to"
		if alsoNoun && !infinitiveTo(ws, i-1) && (n == TagNoun || n == TagPunct || n == TagNone || n == TagPrep) {
			return FormNone
		}
		return FormBase
	case TagModal:
		if form == FormBase {
			return FormBase
		}
	case TagAux, TagNeg:
		switch form {
		case FormIng, FormPart:
			return form
		case FormPast:
			return FormPart
		case FormBase:
			if auxIsDo(ws, i) || p == TagNeg && modalBefore(ws, i) {
				return FormBase
			}
			if sameForms(ws[i].Low) {
				return FormPart // "have set", "was put"
			}
		}
		return FormNone
	case TagPron, TagWh:
		if p == TagPron && !subjectPronoun(ws, i) {
			if form == FormIng {
				return FormIng
			}
			return FormNone
		}
		if form == FormBase || form == FormS || form == FormPast {
			return form
		}
		if form == FormIng && p == TagWh && !startsPhrase(n) {
			return FormNone
		}
		return form
	case TagPrep:
		if form == FormIng && !alsoNoun {
			return FormIng // "by using"
		}
		if form == FormIng && startsPhrase(n) {
			return FormIng
		}
		return FormNone
	case TagConj, TagPunct:
		// "funded and supported", "digitise X, connect Y and transform Z":
		// the form of the nearest verb back in the clause
		if f, ok := coordinatedVerb(ws, i, form); ok {
			// "in health and care in England": a noun coordinated with a
			// noun after a preposition stays a noun
			nounPair := alsoNoun && p == TagConj && i >= 3 && ws[i-2].Tag == TagNoun && ws[i-3].Tag == TagPrep
			if !alsoNoun || startsPhrase(n) && !nounPair || n == TagPrep && !nounPair || n == TagTo || n == TagVerb || n == TagNoun && form == FormBase && parallelObject(ws, i) {
				return f
			}
		}
		if p == TagPunct {
			// "simple, empowering guidance": adjectives in a row
			if form == FormIng && i >= 2 && ws[i-1].Text == "," && ws[i-2].Tag == TagAdj && (n == TagNoun || n == TagAdj) {
				return FormNone
			}
			if form == FormIng {
				return FormIng // ", working alongside"
			}
			if sameForms(ws[i].Low) && (n == TagPart || n == TagPrep || n == TagTo) {
				return FormPart // ", set up to support"
			}
			if form == FormPast {
				return FormPart // ", funded by"
			}
		}
		if (form == FormIng || form == FormPast) && !alsoNoun && (startsPhrase(n) || n == TagPrep || n == TagTo) {
			return form
		}
		return FormNone
	case TagNone:
		if form == FormIng && i+1 < len(ws) {
			return FormIng // "Using the levers ..." opens a clause
		}
		if form == FormPast && both && (n == TagPrep || n == TagTo) {
			return FormPart // "Published by", "Funded through"
		}
		if form == FormBase && (startsPhrase(n) && n != TagAdj || !alsoNoun && (n == TagAdj || n == TagNoun)) {
			return FormBase // an imperative bullet: "Improve health and care productivity", "Give people the tools"
		}
		return FormNone
	case TagNoun, TagProp:
		if (form == FormS || form == FormBase) && alsoNoun && afterPreposition(ws, i) {
			return FormNone // "access to GP records in ..."
		}
		switch form {
		case FormPast, FormPart:
			return FormPast
		case FormS:
			if n == TagAux || n == TagModal {
				return FormNone // "the potential benefits being", "needs are"
			}
			if startsPhrase(n) || n == TagTo || n == TagAdv || n == TagPrep || n == TagVerb || n == TagNeg {
				return FormS
			}
			if !alsoNoun {
				return FormS // "the model detects falls": no noun ends so
			}
		case FormBase:
			// "helps councils plan services": a bare infinitive after a causative's object
			if afterCausativeObject(ws, i) && (startsPhrase(n) || n == TagNoun) {
				return FormBase
			}
			if !pluralSubject(ws, i) {
				return FormNone
			}
			if !alsoNoun || startsPhrase(n) && n != TagAdj {
				return FormBase // "the trusts receive the money", "Winners include ...", "Examples include tools"
			}
		case FormIng:
			// "patients benefiting": a plural noun does not compound with
			// the -ing word after it, which describes it
			if pluralSubject(ws, i) && ws[i-1].Tag == TagNoun && n != TagNoun {
				return FormIng
			}
			// "the Network supporting nursing teams": a name does not
			// compound with an -ing word that is only a verb
			if p == TagProp && !ingNouns[ws[i].Low] && !strings.Contains(ws[i].Low, "-") && (n == TagNoun || n == TagAdj || n == TagDet || n == TagVerb && ingNouns[ws[i+1].Low]) {
				return FormIng
			}
			// "a dataset containing digitised slices": a participle that
			// takes an object of its own is a verb
			if n == TagVerb && !alsoNoun && i+2 < len(ws) && (ws[i+1].Form == FormPast || ws[i+1].Form == FormPart) && ws[i+2].Tag == TagNoun {
				return FormIng
			}
			if n == TagNoun || n == TagPunct || n == TagNone || n == TagVerb || n == TagAux || n == TagConj {
				return FormNone // "machine learning software", "remote monitoring."
			}
			return FormIng
		}
		return FormNone
	case TagVerb:
		if form == FormIng && (catenative[ws[i-1].Lemma] || n != TagNoun && n != TagAdj) {
			return FormIng // "started using", "is exploring"
		}
		if form == FormBase && (ws[i-1].Lemma == "help" || ws[i-1].Lemma == "let" || ws[i-1].Lemma == "make") {
			return FormBase
		}
		if form == FormPast && both && ws[i-1].Tag == TagVerb {
			return FormNone // "includes automated tests"
		}
		return FormNone
	}
	if form == FormIng || form == FormPast {
		return form
	}
	return FormNone
}

// infinitiveTo reports whether "to" at i (or the "to" a run of adverbs
// before i ends in) marks an infinitive rather than a preposition: at the
// start of a sentence or clause, after "in order", or after a word that takes
// an infinitive ("aims to", "able to", "used to").
func infinitiveTo(ws []Word, i int) bool {
	for i >= 0 && ws[i].Tag == TagAdv {
		i--
	}
	if i < 0 || ws[i].Tag != TagTo {
		return false
	}
	if i == 0 {
		return true
	}
	p := ws[i-1]
	if p.Punct || p.Tag == TagConj || p.Tag == TagWh || p.Digit || p.Tag == TagPart || p.Low == "up" || p.Low == "out" {
		return true // "£3m to help ..."
	}
	return toTakers[p.Lemma] || toTakers[p.Low]
}

// catenative verbs take a gerund as their object ("started using").
var catenative = map[string]bool{"start": true, "stop": true, "continue": true, "keep": true, "begin": true,
	"finish": true, "consider": true, "involve": true, "include": true, "avoid": true, "recommend": true, "suggest": true}

// monthNames are the months, which "May" and "March" must be read as
// before a year.
var monthNames = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// toTakers are words an infinitive follows.
var toTakers = map[string]bool{
	"aim": true, "seek": true, "want": true, "plan": true, "need": true, "help": true, "continue": true,
	"try": true, "intend": true, "hope": true, "expect": true, "wish": true, "agree": true, "decide": true,
	"able": true, "order": true, "use": true, "used": true, "design": true, "designed": true, "set": true,
	"work": true, "begin": true, "start": true, "fail": true, "choose": true, "ask": true, "allow": true,
	"enable": true, "encourage": true, "invite": true, "due": true, "likely": true, "going": true, "way": true,
	"opportunity": true, "ambition": true, "mission": true, "goal": true, "aims": true, "plans": true, "bid": true,
	"create": true, "established": true, "funding": true, "funded": true, "money": true, "revenue": true,
	"capital": true, "investment": true, "budget": true, "grant": true, "million": true, "billion": true, "settlement": true,
}

// coordinatedVerb finds, back from word i in the same clause, the verb it
// is coordinated with, and returns the form word i takes to match it.
func coordinatedVerb(ws []Word, i int, form VerbForm) (VerbForm, bool) {
	for j := i - 1; j >= 0; j-- {
		w := ws[j]
		if w.Punct && strings.ContainsAny(w.Text, ";:") || w.Tag == TagWh || w.Tag == TagSub {
			return FormNone, false
		}
		if w.Tag == TagAux && (w.Low == "are" || w.Low == "is") && form == FormBase {
			return FormBase, true // "are chest X-rays and come from ..."
		}
		if w.Tag != TagVerb {
			continue
		}
		switch {
		case w.Form == form:
			return form, true
		case form == FormPast && (w.Form == FormPart || w.Form == FormPast):
			return w.Form, true
		}
		return FormNone, false
	}
	return FormNone, false
}

// pronounDet reports whether the determiner before word i ("This",
// "These", "Each") stands alone as a subject.
func pronounDet(ws []Word, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch ws[j].Tag {
		case TagAdv:
			continue
		case TagDet:
			switch ws[j].Low {
			case "this", "that", "these", "those", "each", "all", "both", "some", "many", "several", "others":
				return j == 0 || ws[j-1].Punct || ws[j-1].Tag == TagConj
			}
		}
		return false
	}
	return false
}

// subjectPronoun reports whether the pronoun before word i can be a subject.
func subjectPronoun(ws []Word, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if ws[j].Tag == TagAdv {
			continue
		}
		switch ws[j].Low {
		case "them", "him", "us", "me", "themselves", "itself", "himself", "herself", "ourselves":
			return false
		}
		return true
	}
	return false
}

// afterPreposition reports whether the noun phrase that word i would
// follow began right after a preposition, so that i more likely continues
// it than starts a verb ("access to GP records in ...").
func afterPreposition(ws []Word, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch ws[j].Tag {
		case TagNoun, TagProp, TagAdj, TagNum, TagDet, TagPoss:
			continue
		case TagPrep, TagTo:
			return true
		}
		return false
	}
	return false
}

func modalBefore(ws []Word, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch ws[j].Tag {
		case TagAdv, TagNeg:
			continue
		case TagModal:
			return true
		}
		return false
	}
	return false
}

// parallelObject reports whether the verb word i is coordinated with took
// a noun as its object, as word i would: "plan services, share records".
func parallelObject(ws []Word, i int) bool {
	for j := i - 1; j > 0; j-- {
		if ws[j].Tag == TagVerb {
			return j+1 < len(ws) && (ws[j+1].Tag == TagNoun || ws[j+1].Tag == TagAdj)
		}
	}
	return false
}

// afterCausativeObject reports whether word i follows the noun phrase
// object of "help", "let" or "make": "helps councils plan".
func afterCausativeObject(ws []Word, i int) bool {
	j := i - 1
	for j >= 0 && (ws[j].Tag == TagNoun || ws[j].Tag == TagProp || ws[j].Tag == TagAdj || ws[j].Tag == TagDet || ws[j].Tag == TagPoss) {
		j--
	}
	if j < 0 || j == i-1 || ws[j].Tag != TagVerb {
		return false
	}
	switch ws[j].Lemma {
	case "help", "let", "make", "enable":
		return ws[j].Lemma != "enable"
	}
	return false
}

// sameForms reports whether a verb's base form is also its past and
// participle ("set", "put", "cut").
func sameForms(w string) bool {
	return theLexicon().partIsBase[w]
}

// auxBefore reports whether a form of be or have comes before word i in its
// verb group ("was funded", "has been funded", "is not funded").
func auxBefore(ws []Word, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch ws[j].Tag {
		case TagAdv, TagNeg:
			continue
		case TagAux:
			return ws[j].Low != "do" && ws[j].Low != "does" && ws[j].Low != "did"
		}
		return false
	}
	return false
}

func auxIsDo(ws []Word, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch ws[j].Tag {
		case TagAdv, TagNeg:
			continue
		case TagAux:
			return ws[j].Low == "do" || ws[j].Low == "does" || ws[j].Low == "did"
		}
		return false
	}
	return false
}

// pluralSubject reports whether the noun before word i is plural, so that
// a base form after it agrees as a verb ("the teams support ...").
func pluralSubject(ws []Word, i int) bool {
	if i == 0 {
		return false
	}
	w := ws[i-1]
	if strings.HasSuffix(w.Low, "s") && !strings.HasSuffix(w.Low, "ss") || w.Caps {
		return true
	}
	// "Long stayers at the Eastmoor Trust occupy": the head before a
	// prepositional phrase of names is the subject
	if w.Tag != TagProp {
		return false
	}
	for j := i - 2; j >= 1 && j >= i-8; j-- {
		switch ws[j].Tag {
		case TagProp, TagDet:
			continue
		case TagPrep:
			if p := ws[j].Low; p == "at" || p == "in" || p == "from" || p == "across" {
				h := ws[j-1]
				return h.Tag == TagNoun && strings.HasSuffix(h.Low, "s") && !strings.HasSuffix(h.Low, "ss")
			}
		}
		return false
	}
	return false
}
