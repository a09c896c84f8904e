package query

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Nesting limits, checked before a script is parsed.
//
// goja's parser and compiler recurse once per level of an expression's
// nesting, a few kilobytes of Go stack each, and a Go stack overflow cannot
// be recovered: g.emit( with 300,000 "(" and ")" ended the process, as did
// 400,000 "[" or eval of such a string. Long chains of operators or member
// accesses (a+a+...+a, a.b.c...) build deep syntax trees that the compiler
// walks recursively, and took minutes to compile, out of reach of the
// query's time limit. So before goja sees a script (or a string given to
// eval or Function), nestingError scans it once: it skips strings,
// comments, template text and regular expression literals, and measures
// how deep the parser would have to go, as the number of brackets open
// plus the operators and keywords seen since the last "," or ";" (or line
// break that ends a statement) in each of them. Past MaxNesting the script
// is refused with a clear error, without being parsed.

// MaxNesting is the deepest a script may nest: brackets open, plus
// operators, member accesses and keywords in one expression. A Gizmo path
// of 300 steps measures about 600.
const MaxNesting = 1000

// errNesting marks a script refused for its nesting.
var errNesting = errors.New("the script nests too deeply")

// nestingError returns an error wrapping errNesting, naming the line and
// column, when src nests more than max levels, or nil.
func nestingError(src string, max int) error {
	s := nestScan{src: src, line: 1}
	if !s.scan(max) {
		return fmt.Errorf("%w: more than %d levels of brackets and operators in one expression at line %d, column %d; split it into statements or variables",
			errNesting, max, s.line, s.pos-s.lineStart+1)
	}
	return nil
}

// nestScan is one scan of a script.
type nestScan struct {
	src             string
	pos             int
	line, lineStart int
}

// A level is an open bracket: depth is what the scan measured when it
// opened; base is where a "," or ";" inside it starts counting again.
type nestLevel struct {
	open        byte // '(', '[', '{', or '`' for a template's ${
	depth, base int
}

// Token kinds that decide what a "/" is and whether a line break ends a
// statement.
const (
	tokNone    = iota // start of the text, or after an operator
	tokOperand        // a name, a literal or a closing bracket
)

func (s *nestScan) scan(max int) bool {
	var stack []nestLevel
	depth, base := 0, 0
	prev := tokNone
	newline := false // a line break since the last token
	count := func(n int) bool {
		depth += n
		return depth <= max
	}
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\n' || c == '\r':
			s.newline(1)
			newline = true
			continue
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			s.pos++
			continue
		case c == '/' && s.peek(1) == '/':
			s.lineComment()
			continue
		case c == '/' && s.peek(1) == '*':
			if s.blockComment() {
				newline = true
			}
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s.src[s.pos:])
			if r == '\u2028' || r == '\u2029' {
				s.newline(n)
				newline = true
				continue
			}
			if unicode.IsSpace(r) || r == '\ufeff' {
				s.pos += n
				continue
			}
		}
		// A token. A line break between an operand and a name or a
		// literal ends the statement (automatic semicolon insertion): the
		// parser starts again from the statement's level.
		startsOperand := isIdentStart(c) || c >= utf8.RuneSelf || isDigit(c) || c == '"' || c == '\''
		if newline && prev == tokOperand && startsOperand && !s.continuesExpression() {
			depth = base
		}
		newline = false
		switch {
		case isIdentStart(c) || c >= utf8.RuneSelf:
			word := s.word()
			if keywordOperators[word] {
				if !count(1) {
					return false
				}
				prev = tokNone
			} else {
				prev = tokOperand
			}
		case isDigit(c) || c == '.' && isDigit(s.peek(1)):
			s.number()
			prev = tokOperand
		case c == '"' || c == '\'':
			s.quoted(c)
			prev = tokOperand
		case c == '`':
			s.pos++
			if s.template() {
				// "${": an expression inside the template, a level of its own
				stack = append(stack, nestLevel{'`', depth, base})
				if !count(1) {
					return false
				}
				base = depth
				prev = tokNone
			} else {
				prev = tokOperand
			}
		case c == '/' && prev != tokOperand:
			s.regexp()
			prev = tokOperand
		case c == '(' || c == '[' || c == '{':
			s.pos++
			stack = append(stack, nestLevel{c, depth, base})
			if !count(1) {
				return false
			}
			base = depth
			prev = tokNone
		case c == ')' || c == ']' || c == '}':
			s.pos++
			prev = tokOperand
			if len(stack) == 0 {
				continue // unbalanced: the parser will say so
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			depth, base = top.depth, top.base
			if top.open == '`' && c == '}' {
				// back in the template's text
				if s.template() {
					stack = append(stack, top)
					if !count(1) {
						return false
					}
					base = depth
					prev = tokNone
				}
			}
		case c == ',' || c == ';':
			s.pos++
			depth = base
			prev = tokNone
		default:
			// Any other punctuation is an operator, counted a character at
			// a time: "---x" is three levels to the parser.
			s.pos++
			if !count(1) {
				return false
			}
			prev = tokNone
			if (c == '+' || c == '-') && s.peek(0) == c {
				// x++ and x-- end an operand
				s.pos++
				if !count(1) {
					return false
				}
				prev = tokOperand
			}
		}
	}
	return true
}

func (s *nestScan) peek(n int) byte {
	if s.pos+n < len(s.src) {
		return s.src[s.pos+n]
	}
	return 0
}

func (s *nestScan) newline(n int) {
	if s.src[s.pos] == '\r' && s.peek(1) == '\n' {
		n = 2
	}
	s.pos += n
	s.line++
	s.lineStart = s.pos
}

// continuesExpression reports whether the token at pos, although it starts
// an operand, goes on with the expression before the line break: the
// operator keywords "in" and "instanceof".
func (s *nestScan) continuesExpression() bool {
	end := s.pos
	for end < len(s.src) && isIdentPart(s.src[end]) {
		end++
	}
	w := s.src[s.pos:end]
	return w == "in" || w == "instanceof"
}

func (s *nestScan) lineComment() {
	for s.pos < len(s.src) && s.src[s.pos] != '\n' && s.src[s.pos] != '\r' {
		s.pos++
	}
}

// blockComment skips /* ... */ and reports whether it held a line break.
func (s *nestScan) blockComment() bool {
	s.pos += 2
	broke := false
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; {
		case c == '*' && s.peek(1) == '/':
			s.pos += 2
			return broke
		case c == '\n' || c == '\r':
			s.newline(1)
			broke = true
		default:
			s.pos++
		}
	}
	return broke
}

func (s *nestScan) word() string {
	start := s.pos
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s.src[s.pos:])
			if r == '\u2028' || r == '\u2029' || unicode.IsSpace(r) || r == '\ufeff' {
				break
			}
			s.pos += n
			continue
		}
		if !isIdentPart(c) {
			break
		}
		s.pos++
	}
	if s.pos == start { // a stray byte the parser will refuse
		s.pos++
	}
	return s.src[start:s.pos]
}

func (s *nestScan) number() {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if isIdentPart(c) || c == '.' {
			s.pos++
			continue
		}
		if (c == '+' || c == '-') && (s.src[s.pos-1] == 'e' || s.src[s.pos-1] == 'E') {
			s.pos++
			continue
		}
		break
	}
}

// quoted skips a string literal; an unterminated one ends at its line.
func (s *nestScan) quoted(q byte) {
	s.pos++
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; c {
		case '\\':
			s.pos += 2
			continue
		case q:
			s.pos++
			return
		case '\n', '\r':
			return
		}
		s.pos++
	}
}

// template skips a template literal's text from pos, after "`" or after
// the "}" that ends a ${...}: false at its closing "`", true at a "${".
func (s *nestScan) template() bool {
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; {
		case c == '\\':
			s.pos += 2
			continue
		case c == '`':
			s.pos++
			return false
		case c == '$' && s.peek(1) == '{':
			s.pos += 2
			return true
		case c == '\n' || c == '\r':
			s.newline(1)
			continue
		}
		s.pos++
	}
	return false
}

// regexp skips a regular expression literal: to the "/" outside a class,
// then its flags; it ends at its line when unterminated.
func (s *nestScan) regexp() {
	s.pos++
	class := false
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; {
		case c == '\\':
			s.pos += 2
			continue
		case c == '[':
			class = true
		case c == ']':
			class = false
		case c == '/' && !class:
			s.pos++
			for s.pos < len(s.src) && isIdentPart(s.src[s.pos]) {
				s.pos++
			}
			return
		case c == '\n' || c == '\r':
			return
		}
		s.pos++
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}
func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '\\' }

// keywordOperators are the words the parser treats as operators or
// statement heads, each a level deeper: typeof typeof ... x, or a chain of
// else if.
var keywordOperators = map[string]bool{
	"typeof": true, "void": true, "delete": true, "new": true, "in": true, "instanceof": true,
	"await": true, "yield": true, "if": true, "else": true, "while": true, "for": true, "do": true,
	"with": true, "return": true, "throw": true, "case": true, "switch": true, "try": true,
	"catch": true, "finally": true, "function": true, "class": true, "var": true, "let": true,
	"const": true, "of": true,
}

// jsonNestingError reports JSON text nested more than max deep (arrays and
// objects), for JSON.parse, whose decoder recurses once per level.
func jsonNestingError(text string, max int) error {
	depth := 0
	in := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case in:
		case c == '[' || c == '{':
			if depth++; depth > max {
				return fmt.Errorf("%w: JSON nested more than %d levels deep", errNesting, max)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return nil
}
