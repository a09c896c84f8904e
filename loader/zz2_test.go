package loader

import (
	"fmt"
	"os"
	"testing"
)

func TestZZIntro(t *testing.T) {
	p := os.Getenv("ZZFACTS")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	d, _ := New().read(p, b)
	for n, in := range d.intros {
		fmt.Printf("%d %q subj=%v lemma=%q rest=%q plan=%v blocked=%v pred=%v\n", n, d.sents[n].Text, name(in.subject), in.lemma, in.rest, in.plan, in.blocked, in.pred)
	}
}

func TestZZSents(t *testing.T) {
	p := os.Getenv("ZZFACTS")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	d, _ := New().read(p, b)
	for _, s := range d.sents[:min(12, len(d.sents))] {
		fmt.Printf("%d %s L%d sec=%d intro=%d %q\n", s.N, s.Kind, s.Level, s.Section, s.Intro, s.Text[:min(60, len(s.Text))])
	}
}
