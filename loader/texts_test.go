package loader

import (
	"math/rand/v2"
	"testing"
)

// corpusTexts is the text of every sentence of the seeds and the synthetic
// corpus, and the same with random bytes from a set that tests the cuts
// (punctuation, word characters that are not letters, non-ASCII letters,
// quotes, line breaks) put in and taken out.
func corpusTexts(t *testing.T) []string {
	var texts []string
	seeds := seedFiles(t)
	files := append(seeds, buildSynthCorpus(seeds, 100<<10)...)
	for _, f := range files {
		tx, err := decode(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range segment(tx.s) {
			texts = append(texts, s.span)
		}
	}
	noise := []string{",", ".", ";", ":", "_", "é", "’", "'", "\"", "“", "\n", " ", "-", "&", "(", ")", "2", "A", "s", "\u00a0", "|", "by ", " with"}
	r := rand.New(rand.NewPCG(3, 4))
	n := len(texts)
	for i := 0; i < n; i++ {
		s := texts[i]
		for k := 0; k < 4 && len(s) > 0; k++ {
			p := r.IntN(len(s))
			for p > 0 && s[p]&0xC0 == 0x80 {
				p--
			}
			if r.IntN(2) == 0 {
				s = s[:p] + noise[r.IntN(len(noise))] + s[p:]
			} else {
				q := p + 1
				for q < len(s) && s[q]&0xC0 == 0x80 {
					q++
				}
				s = s[:p] + s[q:]
			}
		}
		texts = append(texts, s)
	}
	return texts
}
