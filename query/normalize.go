package query

import "strings"

// Normalize folds the layout of a query outside string literals, so
// queries that differ only in indentation share a cache entry: a run of
// white space becomes one space, or one newline if it held a newline (a
// newline can end a JavaScript statement, so it is kept). Text inside
// '…', "…" and `…` is kept byte for byte.
func Normalize(q string) string {
	var b strings.Builder
	b.Grow(len(q))
	var quote byte
	space, newline := false, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		if quote != 0 {
			b.WriteByte(c)
			if c == '\\' && i+1 < len(q) {
				i++
				b.WriteByte(q[i])
			} else if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '\n':
			newline = true
			space = true
			continue
		case ' ', '\t', '\r', '\f', '\v':
			space = true
			continue
		case '\'', '"', '`':
			quote = c
		}
		if space && b.Len() > 0 {
			if newline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		space, newline = false, false
		b.WriteByte(c)
	}
	return b.String()
}
