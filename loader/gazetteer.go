package loader

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

//go:embed gazetteer.tsv
var gazetteerTSV string

// Entry is one entity the gazetteer knows: its canonical name, type and the
// other surface forms it goes by.
type Entry struct {
	Name    string
	Type    quad.IRI
	Aliases []string
	// Confidence is below 1 for entities a weak rule proposed (a pattern,
	// a section heading); 0 means the gazetteer knows the name.
	Confidence float64

	iri   quad.IRI   // IRI, worked out once for entries that are not changed after they are made
	boxed quad.Value // iri as a quad.Value, so quads share it instead of each making one
}

// settle works out the IRI of an entry that will not change again.
func (e *Entry) settle() {
	e.iri = e.IRI()
	e.boxed = e.iri
}

// value is the entry's IRI as a quad.Value.
func (e *Entry) value() quad.Value {
	if e.boxed != nil {
		return e.boxed
	}
	return e.IRI() // made a Value here
}

// IRI is the entry's stable node IRI.
func (e *Entry) IRI() quad.IRI {
	if e.iri != "" {
		return e.iri
	}
	return graph.EntityIRI(e.Type, e.Name)
}

var typeCodes = map[string]quad.IRI{
	"org": graph.TypeOrganization, "person": graph.TypePerson, "programme": graph.TypeProgramme,
	"fund": graph.TypeFund, "product": graph.TypeProduct, "dataset": graph.TypeDataset,
	"work": graph.TypeCreativeWork, "event": graph.TypeEvent, "place": graph.TypePlace,
}

// Gazetteer matches known names in text, longest first, on token boundaries.
type Gazetteer struct {
	entries []*Entry
	root    *gazNode
	byKey   map[string]*Entry // every name and alias, by nameKey
	words   *wordTrie         // every name and alias, word by word
}

type gazNode struct {
	next  map[string]*gazNode
	entry *Entry
	exact string // non-empty: the surface must match with this case (acronyms)
	// keys, the root's only, holds the keys of next: most tokens start no
	// name, and this tells so of four in five (on the synthetic corpus)
	// without hashing them.
	keys *wordFilter
}

// ParseGazetteer reads the tab-separated format of gazetteer.tsv:
// type, canonical name, aliases separated by "|". Lines starting with # are
// comments.
func ParseGazetteer(src string) (*Gazetteer, error) {
	g := &Gazetteer{root: &gazNode{keys: new(wordFilter)}, byKey: map[string]*Entry{}, words: &wordTrie{}}
	sc := bufio.NewScanner(strings.NewReader(src))
	n := 0
	for sc.Scan() {
		n++
		ln := strings.TrimSpace(sc.Text())
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		f := strings.Split(ln, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("gazetteer line %d: want type<TAB>name[<TAB>aliases]", n)
		}
		typ, ok := typeCodes[f[0]]
		if !ok {
			return nil, fmt.Errorf("gazetteer line %d: unknown type %q", n, f[0])
		}
		e := &Entry{Name: f[1], Type: typ}
		if len(f) > 2 && f[2] != "" {
			e.Aliases = strings.Split(f[2], "|")
		}
		e.settle()
		g.entries = append(g.entries, e)
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			g.add(s, e)
			g.byKey[nameKey(s)] = e
			g.words.add(s, e)
		}
	}
	return g, sc.Err()
}

// DefaultGazetteer is the gazetteer shipped with nhsgraph.
func DefaultGazetteer() *Gazetteer {
	g, err := ParseGazetteer(gazetteerTSV)
	if err != nil {
		panic(err) // the embedded file is checked by tests
	}
	return g
}

// Entries lists every entry.
func (g *Gazetteer) Entries() []*Entry { return g.entries }

func (g *Gazetteer) add(surface string, e *Entry) {
	toks := tokenize(surface)
	if len(toks) == 0 {
		return
	}
	n := g.root
	for _, t := range toks {
		k := foldToken(surface[t.start:t.end])
		if n.next == nil {
			n.next = map[string]*gazNode{}
		}
		if n == g.root {
			n.keys.add(k)
		}
		c := n.next[k]
		if c == nil {
			c = &gazNode{}
			n.next[k] = c
		}
		n = c
	}
	switch {
	case n.entry == nil:
		n.entry = e
		if isAcronym(surface) {
			n.exact = surface
		}
	case n.entry == e && !isAcronym(surface):
		n.exact = "" // "CIPHA" and "Cipha": any case will do
	}
}

// isAcronym is true for short all-capital names, which must match in case:
// "ICO" the regulator, not "ico" in a word list.
func isAcronym(s string) bool {
	if utf8.RuneCountInString(s) > 5 || strings.ContainsRune(s, ' ') {
		return false
	}
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// mention is a span of a sentence naming an entity.
type mention struct {
	start, end int // offsets in the sentence span
	surface    string
	entry      *Entry
}

// match finds gazetteer names in s, longest first, never overlapping.
func (g *Gazetteer) match(s string) []mention { return g.matchWith(s, new([]token)) }

// matchWith is match with the token list in toksBuf, whose space it reuses.
func (g *Gazetteer) matchWith(s string, toksBuf *[]token) []mention {
	*toksBuf = tokenizeInto((*toksBuf)[:0], s)
	toks := *toksBuf
	var out []mention
	var buf [32]byte
	for i := 0; i < len(toks); {
		n := g.root
		best, bestEnd := (*gazNode)(nil), 0
		for j := i; j < len(toks); j++ {
			n = n.child(s[toks[j].start:toks[j].end], &buf)
			if n == nil {
				break
			}
			if n.entry != nil && (n.exact == "" || s[toks[i].start:toks[j].end] == n.exact) {
				best, bestEnd = n, j
			}
		}
		if best == nil {
			i++
			continue
		}
		st, en := toks[i].start, toks[bestEnd].end
		out = append(out, mention{start: st, end: en, surface: s[st:en], entry: best.entry})
		i = bestEnd + 1
	}
	return out
}

// child is the node after n for token t, compared as foldToken makes it;
// short ASCII tokens are lowered in buf, which the map look-up does not keep.
func (n *gazNode) child(t string, buf *[32]byte) *gazNode {
	if len(t) > len(buf) {
		return n.next[foldToken(t)]
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf || c == '`' {
			return n.next[foldToken(t)]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if n.keys != nil && len(t) > 0 && !n.keys.may(len(t), buf[0], buf[len(t)-1]) {
		return nil
	}
	return n.next[string(buf[:len(t)])]
}

type token struct{ start, end int }

// tokenize splits s into words (letters and digits) and single punctuation
// marks, with byte offsets. White space separates tokens and is dropped.
func tokenize(s string) []token { return tokenizeInto(nil, s) }

// tokenizeInto is tokenize appending to out.
func tokenizeInto(out []token, s string) []token {
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isSpace(r):
			i += w
		case r < utf8.RuneSelf && isASCIIWordByte(byte(r)) || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			j := i + w
			for j < len(s) {
				if c := s[j]; c < utf8.RuneSelf {
					if !isASCIIWordByte(c) {
						break
					}
					j++
					continue
				}
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
					break
				}
				j += w2
			}
			out = append(out, token{i, j})
			i = j
		default:
			out = append(out, token{i, i + w})
			i += w
		}
	}
	return out
}

// isASCIIWordByte reports whether c, below 0x80, is a letter or digit, as
// unicode.IsLetter and unicode.IsDigit say.
func isASCIIWordByte(c byte) bool { return (c|0x20)-'a' < 26 || c-'0' < 10 }

// foldToken is the form tokens are compared in: lower case, with curly
// apostrophes and dashes made plain.
func foldToken(t string) string {
	switch t {
	case "’", "‘", "`":
		return "'"
	case "–", "—", "‐":
		return "-"
	}
	return strings.ToLower(t)
}

// lookup returns the entry whose name or alias is exactly s (compared as
// the matcher compares tokens), or nil.
func (g *Gazetteer) lookup(s string) *Entry {
	ms := g.match(s)
	if len(ms) == 1 && ms[0].start == 0 && ms[0].end == len(strings.TrimSpace(s)) {
		return ms[0].entry
	}
	return nil
}

// lookupName returns the entry one of whose names is name (compared as
// nameKey compares), or nil.
func (g *Gazetteer) lookupName(name string) *Entry {
	if g == nil {
		return nil
	}
	return g.byKey[nameKey(name)]
}

// wordTrie matches names word by word over a sentence's words.
type wordTrie struct {
	next  map[string]*wordTrie
	entry *Entry
	exact string // an acronym must match in case
}

func (t *wordTrie) add(name string, e *Entry) {
	ws := tokenizeWords(name, nil)
	n := t
	for _, w := range ws {
		if n.next == nil {
			n.next = map[string]*wordTrie{}
		}
		c := n.next[w.Low]
		if c == nil {
			c = &wordTrie{}
			n.next[w.Low] = c
		}
		n = c
	}
	if n.entry == nil {
		n.entry = e
		if len(ws) == 1 && ws[0].Caps && len(name) <= 5 {
			n.exact = name
		}
	} else if n.entry == e && !(len(ws) == 1 && ws[0].Caps) {
		n.exact = ""
	}
}

// gazHit is a name the gazetteer knows, at words [i, j).
type gazHit struct {
	i, j  int
	entry *Entry
}

// matchWords finds known names among words, longest first, never
// overlapping.
func (g *Gazetteer) matchWords(ws []Word) []gazHit {
	if g == nil {
		return nil
	}
	var out []gazHit
	for i := 0; i < len(ws); {
		n := g.words
		best, end := (*wordTrie)(nil), 0
		for j := i; j < len(ws); j++ {
			n = n.next[ws[j].Low]
			if n == nil {
				break
			}
			if n.entry != nil && (n.exact == "" || ws[i].Text == n.exact) {
				best, end = n, j+1
			}
		}
		if best == nil {
			i++
			continue
		}
		out = append(out, gazHit{i: i, j: end, entry: best.entry})
		i = end
	}
	return out
}
