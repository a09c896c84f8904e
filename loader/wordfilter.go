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
			if w != "" {
				f[min(len(w), 15)][w[0]&31] |= 1 << (w[len(w)-1] & 31)
			}
		}
	}
	return f
}

// mayHold reports false if w is not one of f's words.
func (f *wordFilter) mayHold(w string) bool {
	return w != "" && f[min(len(w), 15)][w[0]&31]&(1<<(w[len(w)-1]&31)) != 0
}
