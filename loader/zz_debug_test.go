package loader

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZTags(t *testing.T) {
	p := os.Getenv("ZZFILE")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	for _, s := range segment(string(b)) {
		ws := tokenizeWords(s.Text, nil)
		tagWords(ws)
		var sb strings.Builder
		for _, w := range ws {
			fmt.Fprintf(&sb, "%s/%s ", w.Text, w.Tag)
		}
		fmt.Println(sb.String())
	}
}

func TestZZFacts(t *testing.T) {
	p := os.Getenv("ZZFACTS")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	d, err := New().read(p, b)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("title=%q topic=%v author=%v\n", d.title, name(d.topic), name(d.author))
	last := -1
	for _, f := range d.facts {
		if f.sent != last {
			fmt.Printf("\n[%d] %s\n", f.sent, d.sents[max(f.sent, 0)].Text)
			last = f.sent
		}
		fmt.Printf("    %s --%s--> %s   (%s)\n", name(f.s), f.p, name(f.o), f.rule)
	}
	fmt.Println("\nENTITIES")
	for _, e := range d.ents.live() {
		fmt.Printf("  %q type=%s body=%d aliases=%q\n", e.name, e.finalType(), e.body, e.aliases)
	}
}

func name(e *entity) string {
	if e == nil {
		return "<nil>"
	}
	e = e.resolve()
	if e.described {
		return fmt.Sprintf("[%s: %s]", strings.TrimPrefix(string(e.typ), "nhs:"), e.name)
	}
	return e.name
}
