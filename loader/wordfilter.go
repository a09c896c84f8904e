package loader

import "iter"

// wordFilter is a quick test to run before looking a word up in a map of
// words, for scanners that ask it of every word of the text: a bit for
// each length (words of 15 bytes or more share one), first byte and last
// byte (each taken modulo 32) of the words it holds tells that most other
// words are not among them without hashing them. A word it does not rule
// out must still be looked up.
type wordFilter [16][32]uint32

func newWordFilter(words ...iter.Seq[string]) *wordFilter {
	f := new(wordFilter)
	for _, seq := range words {
		for w := range seq {
			f.add(w)
		}
	}
	return f
}

// add puts w in f.
func (f *wordFilter) add(w string) {
	if w != "" {
		f[min(len(w), 15)][w[0]&31] |= 1 << (w[len(w)-1] & 31)
	}
}

// mayHold reports false if w is not one of f's words.
func (f *wordFilter) mayHold(w string) bool {
	return w != "" && f.may(len(w), w[0], w[len(w)-1])
}

// may reports false if no word of f is n bytes long from first to last.
func (f *wordFilter) may(n int, first, last byte) bool {
	return f[min(n, 15)][first&31]&(1<<(last&31)) != 0
}
