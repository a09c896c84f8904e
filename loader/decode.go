package loader

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// ErrNotText is returned for files that are not text documents.
var ErrNotText = errors.New("not a text document")

// text is a document decoded to UTF-8 together with the way back from each
// decoded byte offset to an offset in the source file, so evidence offsets
// always point into the file as it is on disk.
type text struct {
	s      string
	srcOff []int // nil when decoded offset + base == source offset
	base   int   // bytes skipped at the start (a BOM)
}

// source converts an offset in the decoded text to one in the source bytes.
func (t *text) source(off int) int {
	if t.srcOff == nil {
		return off + t.base
	}
	return t.srcOff[off]
}

// decode turns file bytes into text: UTF-8 with or without a BOM as it is,
// anything else that looks like text as Windows-1252. Binary data is refused.
func decode(b []byte) (*text, error) {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return nil, fmt.Errorf("%w: UTF-16 is not supported; save the file as UTF-8", ErrNotText)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, fmt.Errorf("%w: it contains NUL bytes (binary data)", ErrNotText)
	}
	if controlShare(b) > 0.01 {
		return nil, fmt.Errorf("%w: too many control characters (binary data)", ErrNotText)
	}
	base := 0
	if bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		base = 3
	}
	if utf8.Valid(b[base:]) {
		return &text{s: string(b[base:]), base: base}, nil
	}
	var out []byte
	off := make([]int, 0, len(b)+1)
	for i, c := range b {
		r := charmap.Windows1252.DecodeByte(c) // the five bytes it leaves undefined are U+FFFD
		n := len(out)
		out = utf8.AppendRune(out, r)
		for j := n; j < len(out); j++ {
			off = append(off, i)
		}
	}
	off = append(off, len(b))
	return &text{s: string(out), srcOff: off}, nil
}

// controlShare is the share of bytes that are C0 controls other than the
// white space a text file may hold.
func controlShare(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(b))
}
