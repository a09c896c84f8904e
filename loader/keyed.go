package loader

import (
	"encoding/binary"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
)

// keyedRe runs a regexp only on the stretches of a text that can hold a
// match. Go's regexps cost time in proportion to the text they read, and
// most of a sentence cannot hold a given rule's match: the stretches are
// cut at the punctuation no match of the pattern can contain (worked out
// from the pattern itself), and only the stretches that hold one of the
// keys, literals every match contains, are read. The answers are those of
// the regexp on the whole text.
//
// That holds because a cut is made only at an ASCII byte that is not a
// word character: \b and \B see such a byte as they see the edge of the
// text. Patterns with ^ or $ (which a cut would satisfy) are not cut.
type keyedRe struct {
	re    *regexp.Regexp
	keys  []string
	cut   [128]bool // ASCII bytes no match contains that are not word characters
	table *keyTable // finds the keys, once per text for all the table's rules
	id    int       // the rule's number in its table
	words []string  // for \b(?:w1|w2|...)\b: the words, in the order the regexp tries them
	first [256]bool // the first bytes of words

	// gate, if set, is a cheap test of what must surround a key s[start:end]
	// for a match to hold it; a stretch is read only for a key that passes.
	gate func(s string, start, end int) bool

	// anchored, if set, is re held to the start of its text: every match
	// of re opens with one of a few strings, each holding a key, so it
	// begins a known distance before one (back[i] for keys[i]), and a
	// stretch is read by trying anchored only there.
	anchored *regexp.Regexp
	back     [][]int
	// wordStart: re opens with \b and every match with a word character,
	// so none begins just after one.
	wordStart bool
}

// gated sets k's gate.
func (k *keyedRe) gated(gate func(s string, start, end int) bool) *keyedRe {
	k.gate = gate
	return k
}

// newKeyedRe wraps re; every match of re must contain one of keys. The
// rule is then put in a keyTable with the others that read the same texts.
func newKeyedRe(re *regexp.Regexp, keys ...string) *keyedRe {
	k := &keyedRe{re: re, keys: keys}
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic(err) // re compiled, so it parses
	}
	k.words = wordAlternation(tree)
	for _, w := range k.words {
		k.first[w[0]] = true
	}
	k.anchorAtKeys(tree)
	var in [128]bool
	if !matchBytes(tree, &in) {
		return k // no cuts
	}
	for c := 0; c < 128; c++ {
		k.cut[c] = !in[c] && !syntax.IsWordChar(rune(c))
	}
	return k
}

// anchorAtKeys sets k.anchored and k.back if every match of tree opens
// with one of a few strings (for a choice of words, is one of the words),
// each holding one of k's keys: a match can then begin only a known
// distance before a key, and trying re there, anchored, finds what re
// finds reading the whole stretch. A leading \b is allowed
// when those strings all begin with a word character: it then asks only
// that the byte before the match is not one, which is checked by hand
// (the anchored regexp sees the start of its text there, which passes).
// Every other part of the pattern sits after the first byte of the match,
// so it sees the same bytes anchored as it does in the whole text.
func (k *keyedRe) anchorAtKeys(tree *syntax.Regexp) {
	opens, wordStart := k.words, true
	if opens == nil {
		re := tree.Simplify()
		wordStart = re.Op == syntax.OpConcat && len(re.Sub) > 1 && re.Sub[0].Op == syntax.OpWordBoundary
		if wordStart {
			re = re.Sub[1]
		}
		for re.Op == syntax.OpCapture || re.Op == syntax.OpConcat {
			re = re.Sub[0]
		}
		var ok bool
		if opens, ok = expandAlternatives(re); !ok {
			return
		}
	}
	back := make([][]int, len(k.keys))
	for _, o := range opens {
		if o == "" || wordStart && !syntax.IsWordChar(rune(o[0])) {
			return
		}
		held := false
		for i, key := range k.keys {
			for at := 0; at+len(key) <= len(o); at++ {
				if o[at:at+len(key)] == key {
					held = true
					if !slices.Contains(back[i], at) {
						back[i] = append(back[i], at)
					}
				}
			}
		}
		if !held {
			return
		}
	}
	k.anchored = regexp.MustCompile(`^(?:` + k.re.String() + `)`)
	k.back, k.wordStart = back, wordStart
}

// matchBytes marks the ASCII bytes a match of re can contain. It reports
// false when the pattern may not be cut (text and line anchors).
func matchBytes(re *syntax.Regexp, in *[128]bool) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return false
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			markRune(r, re.Flags&syntax.FoldCase != 0, in)
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1] && r < 128; r++ {
				markRune(r, false, in)
			}
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for c := range in {
			in[c] = true
		}
	}
	for _, sub := range re.Sub {
		if !matchBytes(sub, in) {
			return false
		}
	}
	return true
}

func markRune(r rune, fold bool, in *[128]bool) {
	if r < 128 {
		in[r] = true
	}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < 128 {
				in[f] = true
			}
		}
	}
}

// wordAlternation returns, for a pattern that is a choice of words between
// word boundaries (`\b(?:published|publish|...)\b`), every string it can
// match, in the order a backtracking regexp tries them: matching those
// at each place is what the regexp does, at a fraction of the cost. It
// returns nil for any other pattern.
func wordAlternation(tree *syntax.Regexp) []string {
	re := tree.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 3 || re.Sub[0].Op != syntax.OpWordBoundary ||
		re.Sub[len(re.Sub)-1].Op != syntax.OpWordBoundary {
		return nil
	}
	words := []string{""}
	for _, sub := range re.Sub[1 : len(re.Sub)-1] {
		alts, ok := expandAlternatives(sub)
		if !ok {
			return nil
		}
		words = product(words, alts)
		if len(words) > 512 {
			return nil
		}
	}
	for _, w := range words {
		if w == "" || !syntax.IsWordChar(rune(w[0])) || !syntax.IsWordChar(rune(w[len(w)-1])) {
			return nil // \b would then depend on more than the bytes beside the word
		}
	}
	return words
}

// expandAlternatives lists the strings re matches, in the order a
// backtracking regexp tries them, if they are few and re has no repeats.
func expandAlternatives(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return []string{string(re.Rune)}, true
		}
		out := []string{""}
		for _, r := range re.Rune { // "[Tt]he": each letter in every case it folds to
			fold := []string{string(r)}
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				fold = append(fold, string(f))
			}
			if out = product(out, fold); len(out) > 512 {
				return nil, false
			}
		}
		return out, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 16 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return out, len(out) <= 16
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCapture:
		return expandAlternatives(re.Sub[0])
	case syntax.OpQuest:
		sub, ok := expandAlternatives(re.Sub[0])
		if re.Flags&syntax.NonGreedy != 0 {
			return append([]string{""}, sub...), ok
		}
		return append(sub, ""), ok
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			alts, ok := expandAlternatives(sub)
			if !ok {
				return nil, false
			}
			if out = product(out, alts); len(out) > 512 {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			alts, ok := expandAlternatives(sub)
			if !ok {
				return nil, false
			}
			out = append(out, alts...)
		}
		return out, true
	}
	return nil, false
}

// foldVariants is every spelling of words that (?i) matches: each letter
// in every case it folds to.
func foldVariants(words ...string) []string {
	var out []string
	for _, w := range words {
		alts, _ := expandAlternatives(&syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune(w), Flags: syntax.FoldCase})
		out = append(out, alts...)
	}
	return out
}

// product is every a followed by every b, a's order first.
func product(as, bs []string) []string {
	out := make([]string, 0, len(as)*len(bs))
	for _, a := range as {
		for _, b := range bs {
			out = append(out, a+b)
		}
	}
	return out
}

// findWords is what the regexp of a word alternation finds in s.
func (k *keyedRe) findWords(s string) [][]int {
	var out [][]int
	for p := 0; p < len(s); p++ {
		if e := k.wordAt(s, p); e >= 0 {
			out = append(out, []int{p, e})
			p = e - 1
		}
	}
	return out
}

// wordAt is where the match of a word alternation at s[p:] ends, or -1.
func (k *keyedRe) wordAt(s string, p int) int {
	if !k.first[s[p]] || p > 0 && isWordByte(s[p-1]) {
		return -1
	}
	for _, w := range k.words {
		if e := p + len(w); strings.HasPrefix(s[p:], w) && (e == len(s) || !isWordByte(s[e])) {
			return e
		}
	}
	return -1
}

// keyOnly is a rule that only has keys: it asks whether a text holds one
// (in), for a rule read by hand.
func keyOnly(keys ...string) *keyedRe { return &keyedRe{keys: keys} }

// in reports whether the text holds one of k's keys.
func (k *keyedRe) in(h *keyHits) bool {
	for _, hit := range h.hits {
		if hit.rule == k.id {
			return true
		}
	}
	return false
}

// keyTable finds the keys of a set of rules in one pass over a text,
// however many rules and keys there are.
type keyTable struct {
	rules   []*keyedRe
	byFirst [256][]tableKey // keys by their first byte
	pairs   [256][4]uint64  // the first two bytes of some key (any second byte for a one-byte key)
}

type tableKey struct {
	key       string
	rule, idx int // the key is the rule's keys[idx]
	// head and mask: the key's first 8 bytes (or all of it), little
	// endian, to compare with 8 bytes of the text in one go
	head, mask uint64
}

// keyHits are the places a table's keys occur in one text.
type keyHits struct {
	s    string
	hits []keyHit
}

type keyHit struct{ rule, key, start, end int } // key: the index in the rule's keys

// newKeyTable indexes the keys of rules; each rule belongs to one table.
func newKeyTable(rules ...*keyedRe) *keyTable {
	t := &keyTable{rules: rules}
	for id, r := range rules {
		if r.table != nil || len(r.keys) == 0 {
			panic("loader: a keyed rule needs keys and belongs to one table")
		}
		r.table, r.id = t, id
		for i, k := range r.keys {
			tk := tableKey{key: k, rule: id, idx: i}
			for j := 0; j < min(len(k), 8); j++ {
				tk.head |= uint64(k[j]) << (8 * j)
				tk.mask |= 0xff << (8 * j)
			}
			t.byFirst[k[0]] = append(t.byFirst[k[0]], tk)
			if len(k) == 1 {
				t.pairs[k[0]] = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
			} else {
				t.pairs[k[0]][k[1]>>6] |= 1 << (k[1] & 63)
			}
		}
	}
	return t
}

// scan finds every occurrence of every key in s, into h (whose space it
// reuses).
func (t *keyTable) scan(s string, h *keyHits) *keyHits {
	h.s, h.hits = s, h.hits[:0]
	for i := 0; i < len(s); i++ {
		if i+1 < len(s) && t.pairs[s[i]][s[i+1]>>6]&(1<<(s[i+1]&63)) == 0 {
			continue
		}
		keys := t.byFirst[s[i]]
		if len(keys) == 0 {
			continue
		}
		if i+8 > len(s) { // too near the end for 8 bytes at once
			for _, k := range keys {
				if strings.HasPrefix(s[i:], k.key) {
					h.hits = append(h.hits, keyHit{rule: k.rule, key: k.idx, start: i, end: i + len(k.key)})
				}
			}
			continue
		}
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		for _, k := range keys {
			if w&k.mask == k.head && (len(k.key) <= 8 || strings.HasPrefix(s[i+8:], k.key[8:])) {
				h.hits = append(h.hits, keyHit{rule: k.rule, key: k.idx, start: i, end: i + len(k.key)})
			}
		}
	}
	return h
}

// each calls f with the bounds of every stretch of the text that holds
// one of k's keys, in order, each stretch once.
func (k *keyedRe) each(h *keyHits, f func(lo, hi int)) {
	if k.table == nil {
		panic("loader: keyed rule without a key table")
	}
	s := h.s
	last := -1
	for _, hit := range h.hits {
		if hit.rule != k.id || hit.start < last {
			continue // another rule's key, or in the stretch just read
		}
		if k.gate != nil && !k.gate(s, hit.start, hit.end) {
			continue
		}
		lo, hi := hit.start, hit.end
		if k.cutIn(s[lo:hi]) {
			continue // no match holds a cut byte, so none holds this key
		}
		for lo > 0 && !k.cutAt(s, lo-1) {
			lo--
		}
		for hi < len(s) && !k.cutAt(s, hi) {
			hi++
		}
		f(lo, hi)
		last = hi
	}
}

func (k *keyedRe) cutAt(s string, i int) bool { return s[i] < 128 && k.cut[s[i]] }

func (k *keyedRe) cutIn(s string) bool {
	for i := 0; i < len(s); i++ {
		if k.cutAt(s, i) {
			return true
		}
	}
	return false
}

// findIn appends to out what re.FindAllStringSubmatchIndex (sub) or
// re.FindAllStringIndex finds in h.s[lo:hi], as offsets into h.s.
func (k *keyedRe) findIn(out [][]int, h *keyHits, lo, hi int, sub bool) [][]int {
	s := h.s
	if k.anchored == nil {
		var locs [][]int
		switch {
		case k.words != nil && !sub:
			locs = k.findWords(s[lo:hi])
		case sub:
			locs = k.re.FindAllStringSubmatchIndex(s[lo:hi], -1)
		default:
			locs = k.re.FindAllStringIndex(s[lo:hi], -1)
		}
		for _, loc := range locs {
			out = append(out, shift(loc, lo))
		}
		return out
	}
	// Where a match can begin: before each key in the stretch (gated or
	// not: re reads the whole stretch), by the distances its opening
	// strings hold it at. As re does, try them from the left, and after a
	// match go on from its end.
	var buf [16]int
	starts := buf[:0]
	for _, hit := range h.hits {
		if hit.rule != k.id || hit.start < lo || hit.end > hi {
			continue
		}
		for _, b := range k.back[hit.key] {
			if p := hit.start - b; p >= lo {
				starts = append(starts, p)
			}
		}
	}
	slices.Sort(starts)
	from := lo
	for i, p := range starts {
		if p < from || i > 0 && p == starts[i-1] || k.wordStart && p > 0 && isWordByte(s[p-1]) {
			continue
		}
		var loc []int
		switch {
		case k.words != nil && !sub:
			if e := k.wordAt(s[:hi], p); e >= 0 {
				loc = []int{p, e}
			}
		case sub:
			loc = shift(k.anchored.FindStringSubmatchIndex(s[p:hi]), p)
		default:
			loc = shift(k.anchored.FindStringIndex(s[p:hi]), p)
		}
		if loc == nil {
			continue
		}
		out = append(out, loc)
		from = loc[1]
	}
	return out
}

// FindAllStringSubmatchIndex is re.FindAllStringSubmatchIndex(h.s, -1).
func (k *keyedRe) FindAllStringSubmatchIndex(h *keyHits) [][]int {
	var out [][]int
	k.each(h, func(lo, hi int) { out = k.findIn(out, h, lo, hi, true) })
	return out
}

// FindAllStringIndex is re.FindAllStringIndex(h.s, -1).
func (k *keyedRe) FindAllStringIndex(h *keyHits) [][]int {
	var out [][]int
	k.each(h, func(lo, hi int) { out = k.findIn(out, h, lo, hi, false) })
	return out
}

// MatchString is re.MatchString(h.s).
func (k *keyedRe) MatchString(h *keyHits) bool {
	found := false
	k.each(h, func(lo, hi int) {
		switch {
		case found:
		case k.anchored != nil:
			found = len(k.findIn(nil, h, lo, hi, false)) > 0
		default:
			found = k.re.MatchString(h.s[lo:hi])
		}
	})
	return found
}

// shift moves match offsets by off, leaving unmatched groups (-1) alone.
func shift(loc []int, off int) []int {
	for i, v := range loc {
		if v >= 0 {
			loc[i] = v + off
		}
	}
	return loc
}
