package loader

import "testing"

// TestChildFoldsLikeFoldToken checks the allocation-free look-up against
// foldToken on every token of the seeds and on the tokens foldToken maps.
func TestChildFoldsLikeFoldToken(t *testing.T) {
	g := DefaultGazetteer()
	toks := []string{"`", "’", "‘", "–", "—", "‐", "NHS", "nhs", "NHSX", "Digital", "ÉCOLE", "Straße", "averyveryveryverylongtokenofmorethanthirtytwobytes"}
	for _, f := range seedFiles(t) {
		tx, _ := decode(f.Data)
		for _, tk := range tokenize(tx.s) {
			toks = append(toks, tx.s[tk.start:tk.end])
		}
	}
	var buf [32]byte
	// the root, and nodes with a "'" or "-" after them
	nodes := []*gazNode{g.root}
	var walk func(n *gazNode)
	walk = func(n *gazNode) {
		if n.next["'"] != nil || n.next["-"] != nil {
			nodes = append(nodes, n)
		}
		for _, c := range n.next {
			walk(c)
		}
	}
	walk(g.root)
	if len(nodes) < 2 {
		t.Fatal("no gazetteer name has an apostrophe or a dash")
	}
	for _, n := range nodes {
		for _, tok := range toks {
			if got, want := n.child(tok, &buf), n.next[foldToken(tok)]; got != want {
				t.Fatalf("child(%q) = %p, want %p", tok, got, want)
			}
		}
	}
}
