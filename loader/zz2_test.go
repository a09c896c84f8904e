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
