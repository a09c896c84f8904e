package graph

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// Reading N-Quads strictly.
//
// Cayley's N-Quads reader accepts lines the grammar does not: in
// `<nc:has space> <nc:p> "x" .` it takes "<nc:has" for a string subject and
// "space>" for a string predicate; it accepts `<>`, a literal as a graph
// label, invalid UTF-8 (turned into U+FFFD), and skips a quad it cannot
// make sense of without a word. Its errors count quads, not lines. The
// reader below follows the grammar of RDF 1.1 N-Quads
// (https://www.w3.org/TR/n-quads/#sec-grammar) and names the line and
// column of the first thing it cannot accept. What it adds to the grammar:
// an IRI may not be empty, and a line may not be longer than maxLine.
//
// It also compacts what it reads: IRIs in the project's own namespaces
// (graph.Prefixes) are stored short, as the loader writes them, so that
// what /api/v2/read exports with full IRIs loads back into the same graph.

// maxLine is the longest N-Quads line accepted (a document's sentence is a
// few hundred bytes; a line of megabytes is a mistake or an attack).
const maxLine = 1 << 20

// quadReader reads N-Quads line by line.
type quadReader struct {
	r       *bufio.Reader
	line    int      // number of the line last returned
	buf     []byte   // the text up to the next \n
	pending []string // lines of buf not returned yet (a lone \r ends a line too)
}

func newQuadReader(r io.Reader) *quadReader {
	return &quadReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// ReadQuad returns the next quad, skipping blank lines and comments; io.EOF
// at the end. An error names the line (ErrBadInput).
func (qr *quadReader) ReadQuad() (quad.Quad, error) {
	for {
		line, err := qr.readLine()
		if err != nil {
			return quad.Quad{}, err
		}
		p := parser{s: line}
		if p.skipSpace(); p.done() || p.peek() == '#' {
			continue
		}
		q, err := p.statement()
		if err != nil {
			return quad.Quad{}, fmt.Errorf("%w: line %d: %v", ErrBadInput, qr.line, err)
		}
		return compactQuad(q), nil
	}
}

// readLine returns the next line without its end (\n, \r\n or \r).
func (qr *quadReader) readLine() (string, error) {
	if len(qr.pending) == 0 {
		if err := qr.fill(); err != nil {
			return "", err
		}
	}
	line := qr.pending[0]
	qr.pending = qr.pending[1:]
	qr.line++
	if !utf8.ValidString(line) {
		i := 0
		for i < len(line) {
			r, n := utf8.DecodeRuneInString(line[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return "", fmt.Errorf("%w: line %d, column %d: not UTF-8", ErrBadInput, qr.line, i+1)
	}
	return line, nil
}

// fill reads up to the next \n and splits what it read into lines.
func (qr *quadReader) fill() error {
	qr.buf = qr.buf[:0]
	for {
		chunk, err := qr.r.ReadSlice('\n')
		qr.buf = append(qr.buf, chunk...)
		if len(qr.buf) > maxLine {
			return fmt.Errorf("%w: line %d is over %d bytes", ErrBadInput, qr.line+1, maxLine)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == io.EOF && len(qr.buf) == 0 {
			return io.EOF
		}
		if err != nil && err != io.EOF {
			return err
		}
		break
	}
	b := qr.buf
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	if bytes.IndexByte(b, '\r') < 0 {
		qr.pending = append(qr.pending[:0], string(b))
		return nil
	}
	qr.pending = strings.Split(string(b), "\r")
	return nil
}

// parser reads one statement: subject predicate object [graph] "." .
type parser struct {
	s   string
	pos int
}

func (p *parser) done() bool { return p.pos >= len(p.s) }
func (p *parser) peek() byte { return p.s[p.pos] }

func (p *parser) skipSpace() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

func (p *parser) errorf(at int, format string, args ...any) error {
	return fmt.Errorf("column %d: %s", at+1, fmt.Sprintf(format, args...))
}

// Where a term stands, for what it may be and for messages.
const (
	posSubject = iota
	posPredicate
	posObject
	posGraph
)

var posName = [...]string{"subject", "predicate", "object", "graph label"}

func (p *parser) statement() (quad.Quad, error) {
	var q quad.Quad
	var err error
	if q.Subject, err = p.term(posSubject); err != nil {
		return q, err
	}
	if q.Predicate, err = p.term(posPredicate); err != nil {
		return q, err
	}
	if q.Object, err = p.term(posObject); err != nil {
		return q, err
	}
	if p.skipSpace(); !p.done() && p.peek() != '.' {
		if q.Label, err = p.term(posGraph); err != nil {
			return q, err
		}
		p.skipSpace()
	}
	if p.done() || p.peek() != '.' {
		return q, p.errorf(p.pos, "want the \".\" that ends a statement, found %s", p.found())
	}
	p.pos++
	if p.skipSpace(); !p.done() && p.peek() != '#' {
		return q, p.errorf(p.pos, "after the \".\" that ends a statement, found %s", p.found())
	}
	return q, nil
}

// found describes what stands at the current position, for messages.
func (p *parser) found() string {
	if p.done() {
		return "the end of the line"
	}
	rest := p.s[p.pos:]
	if len(rest) > 20 {
		rest = rest[:20] + "…"
	}
	return strconv.Quote(rest)
}

func (p *parser) term(pos int) (quad.Value, error) {
	p.skipSpace()
	if p.done() {
		return nil, p.errorf(p.pos, "the line ends where its %s should be", posName[pos])
	}
	start := p.pos
	switch c := p.peek(); {
	case c == '<':
		iri, err := p.iri()
		if err != nil {
			return nil, err
		}
		return quad.IRI(iri), nil
	case c == '_' && pos != posPredicate:
		return p.bnode()
	case c == '"' && pos == posObject:
		return p.literal()
	default:
		want := map[int]string{
			posSubject:   "an IRI <...> or a blank node _:...",
			posPredicate: "an IRI <...>",
			posObject:    "an IRI <...>, a blank node _:... or a literal \"...\"",
			posGraph:     "an IRI <...> or a blank node _:...",
		}[pos]
		return nil, p.errorf(start, "the %s must be %s, found %s", posName[pos], want, p.found())
	}
}

// iri reads IRIREF: '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>', not empty.
func (p *parser) iri() (string, error) {
	start := p.pos
	p.pos++ // '<'
	var b strings.Builder
	from := p.pos
	for {
		if p.done() {
			return "", p.errorf(start, "an IRI without its closing \">\"")
		}
		c := p.peek()
		switch {
		case c == '>':
			b.WriteString(p.s[from:p.pos])
			p.pos++
			if b.Len() == 0 {
				return "", p.errorf(start, "an empty IRI <>")
			}
			return b.String(), nil
		case c == '\\':
			b.WriteString(p.s[from:p.pos])
			r, err := p.uchar()
			if err != nil {
				return "", err
			}
			if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
				return "", p.errorf(p.pos, "an IRI may not hold %q, even escaped", r)
			}
			b.WriteRune(r)
			from = p.pos
		case c <= 0x20:
			return "", p.errorf(p.pos, "an IRI may not hold %s (IRI %s)", describeByte(c), p.s[start:p.pos+1])
		case strings.IndexByte("<\"{}|^`", c) >= 0:
			return "", p.errorf(p.pos, "an IRI may not hold %q", c)
		default:
			p.pos++
		}
	}
}

func describeByte(c byte) string {
	switch c {
	case ' ':
		return "a space"
	case '\t':
		return "a tab"
	}
	return fmt.Sprintf("the control character %#02x", c)
}

// uchar reads \uXXXX or \UXXXXXXXX at the current position.
func (p *parser) uchar() (rune, error) {
	start := p.pos
	if p.pos+1 >= len(p.s) {
		return 0, p.errorf(start, "a lone \\")
	}
	n := 0
	switch p.s[p.pos+1] {
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return 0, p.errorf(start, "an IRI may hold only \\u and \\U escapes, found \\%c", p.s[p.pos+1])
	}
	if p.pos+2+n > len(p.s) {
		return 0, p.errorf(start, "a \\%c escape needs %d hexadecimal digits", p.s[p.pos+1], n)
	}
	v, err := strconv.ParseUint(p.s[p.pos+2:p.pos+2+n], 16, 32)
	if err != nil || v > unicode.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
		return 0, p.errorf(start, "%s is not a valid escape", p.s[p.pos:p.pos+2+n])
	}
	p.pos += 2 + n
	return rune(v), nil
}

// bnode reads BLANK_NODE_LABEL: '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
func (p *parser) bnode() (quad.Value, error) {
	start := p.pos
	if !strings.HasPrefix(p.s[p.pos:], "_:") {
		return nil, p.errorf(start, "a blank node starts with \"_:\", found %s", p.found())
	}
	p.pos += 2
	r, n := utf8.DecodeRuneInString(p.s[p.pos:])
	if n == 0 || !(isPNCharsU(r) || r >= '0' && r <= '9') {
		return nil, p.errorf(p.pos, "a blank node's label must start with a letter, a digit, _ or :, found %s", p.found())
	}
	p.pos += n
	end := p.pos // after the last character that may end a label
	for !p.done() {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if r == '.' {
			p.pos += n
			continue
		}
		if !isPNChars(r) {
			break
		}
		p.pos += n
		end = p.pos
	}
	p.pos = end // a label does not end with "."
	return quad.BNode(p.s[start+2 : end]), nil
}

// literal reads STRING_LITERAL_QUOTE, then a language tag or a datatype.
func (p *parser) literal() (quad.Value, error) {
	start := p.pos
	p.pos++ // '"'
	var b strings.Builder
	from := p.pos
	for {
		if p.done() {
			return nil, p.errorf(start, "a string without its closing quote")
		}
		c := p.peek()
		if c == '"' {
			break
		}
		if c != '\\' {
			p.pos++
			continue
		}
		b.WriteString(p.s[from:p.pos])
		if p.pos+1 >= len(p.s) {
			return nil, p.errorf(p.pos, "a lone \\ at the end of the line")
		}
		switch e := p.s[p.pos+1]; e {
		case 't', 'b', 'n', 'r', 'f', '"', '\'', '\\':
			b.WriteByte(unescape(e))
			p.pos += 2
		case 'u', 'U':
			r, err := p.uchar()
			if err != nil {
				return nil, err
			}
			b.WriteRune(r)
		default:
			return nil, p.errorf(p.pos, "\\%c is not an escape N-Quads knows", e)
		}
		from = p.pos
	}
	b.WriteString(p.s[from:p.pos])
	p.pos++ // '"'
	text := quad.String(b.String())
	if p.done() {
		return text, nil
	}
	switch p.peek() {
	case '@':
		tagStart := p.pos + 1
		p.pos++
		if !p.langTag() {
			return nil, p.errorf(tagStart, "a language tag is letters, then -subtags of letters and digits (en, en-GB), found %s", strconv.Quote(p.s[tagStart:p.pos]))
		}
		return quad.LangString{Value: text, Lang: p.s[tagStart:p.pos]}, nil
	case '^':
		if !strings.HasPrefix(p.s[p.pos:], "^^<") {
			return nil, p.errorf(p.pos, "a datatype is written ^^<IRI>, found %s", p.found())
		}
		p.pos += 2
		iri, err := p.iri()
		if err != nil {
			return nil, err
		}
		return typedValue(quad.TypedString{Value: text, Type: quad.IRI(iri)}), nil
	}
	return text, nil
}

// unescape is the character an ECHAR stands for.
func unescape(e byte) byte {
	switch e {
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 'f':
		return '\f'
	}
	return e // " ' \\
}

// langTag reads [a-zA-Z]+ ('-' [a-zA-Z0-9]+)* and reports whether it found one.
func (p *parser) langTag() bool {
	isAlpha := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	isAlnum := func(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }
	n := 0
	for !p.done() && isAlpha(p.peek()) {
		p.pos++
		n++
	}
	if n == 0 {
		return false
	}
	for !p.done() && p.peek() == '-' {
		p.pos++
		n = 0
		for !p.done() && isAlnum(p.peek()) {
			p.pos++
			n++
		}
		if n == 0 {
			return false
		}
	}
	return true
}

// typedValue turns a typed literal of a known datatype into the native
// value Cayley keeps (quad.Int for an integer, ...), as its reader does,
// after compacting the datatype: an export writes the loader's integers as
// "5"^^<https://schema.org/Integer>, which must load back as quad.Int(5).
func typedValue(ts quad.TypedString) quad.Value {
	for _, t := range []quad.IRI{ts.Type, Shorten(ts.Type)} {
		ts.Type = t
		if v, err := ts.ParseValue(); err == nil {
			if _, same := v.(quad.TypedString); !same {
				return v
			}
		}
	}
	return ts
}

// compactQuad stores IRIs of the project's own namespaces short.
func compactQuad(q quad.Quad) quad.Quad {
	short := func(v quad.Value) quad.Value {
		if iri, ok := v.(quad.IRI); ok {
			return Shorten(iri)
		}
		return v
	}
	return quad.Quad{Subject: short(q.Subject), Predicate: short(q.Predicate), Object: short(q.Object), Label: short(q.Label)}
}

// PN_CHARS_BASE, PN_CHARS_U and PN_CHARS of the N-Quads grammar.
func isPNCharsBase(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z',
		r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

func isPNCharsU(r rune) bool { return isPNCharsBase(r) || r == '_' || r == ':' }

func isPNChars(r rune) bool {
	return isPNCharsU(r) || r == '-' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}
