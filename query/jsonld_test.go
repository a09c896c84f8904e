package query

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteJSONString checks the JSON-LD writer's strings against
// encoding/json's (HTML left unescaped, as the writer leaves it).
func TestWriteJSONString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rret", "\x00\x01\x1f\x7f",
		"<a href='x'>&amp;</a>", "£ – ’ 😀", "bad \xff\xfe utf-8", "line\u2028sep\u2029par",
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		writeJSONString(w, s)
		w.Flush()
		if got.String()+"\n" != want.String() {
			t.Errorf("%q: got %s, want %s", s, got.String(), want.String())
		}
	}
}
