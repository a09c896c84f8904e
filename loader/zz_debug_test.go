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
