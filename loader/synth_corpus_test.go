package loader

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// synthCorpusSize is the size of the corpus the throughput benchmarks read:
// the speed target is stated for at least 10 MB of prose.
const synthCorpusSize = 10 << 20

var (
	synthOnce  sync.Once
	synthFiles []File
)

// synthCorpus returns documents of about the seeds' size (3-13 KB) made of
// the seeds' own sentences, recombined: each opens with a seed's title and
// date lines, then sections of a seed heading, paragraphs of 2-6 paragraph
// sentences and now and then a bullet list, drawn from all five seeds. The
// random source has a fixed seed, so every run reads the same bytes.
func synthCorpus(tb testing.TB) []File {
	synthOnce.Do(func() { synthFiles = buildSynthCorpus(seedFiles(&testing.T{}), synthCorpusSize) })
	if len(synthFiles) == 0 {
		tb.Fatal("no synthetic corpus")
	}
	return synthFiles
}

func buildSynthCorpus(seeds []File, size int) []File {
	var openers [][]string
	var headings, bullets, sentences []string
	for _, f := range seeds {
		t, err := decode(f.Data)
		if err != nil {
			continue
		}
		var open []string
		for i, s := range segment(t.s) {
			if i < 2 {
				open = append(open, s.Text)
			}
			switch s.Kind {
			case KindHeading:
				headings = append(headings, s.Text)
			case KindBullet:
				bullets = append(bullets, s.Text)
			default:
				sentences = append(sentences, s.Text)
			}
		}
		openers = append(openers, open)
	}
	r := rand.New(rand.NewPCG(1, 8))
	pick := func(from []string) string { return from[r.IntN(len(from))] }
	var files []File
	for total, n := 0, 0; total < size; n++ {
		var b strings.Builder
		for _, l := range openers[r.IntN(len(openers))] {
			b.WriteString(l + "\n\n")
		}
		want := 3<<10 + r.IntN(10<<10)
		for b.Len() < want {
			b.WriteString(pick(headings) + "\n\n")
			for p := 1 + r.IntN(3); p > 0; p-- {
				for k := 2 + r.IntN(5); k > 0; k-- {
					b.WriteString(pick(sentences))
					if k > 1 {
						b.WriteByte(' ')
					}
				}
				b.WriteString("\n\n")
			}
			if r.IntN(3) == 0 {
				for k := 2 + r.IntN(4); k > 0; k-- {
					b.WriteString("• " + pick(bullets) + "\n")
				}
				b.WriteString("\n")
			}
		}
		files = append(files, File{Name: fmt.Sprintf("synth_%04d.txt", n), Data: []byte(b.String())})
		total += b.Len()
	}
	return files
}

func corpusBytes(files []File) int {
	n := 0
	for _, f := range files {
		n += len(f.Data)
	}
	return n
}
