package loader

import "strings"

// The structure pass: what each sentence sits under. Headings nest (a
// heading right under another is its child), every sentence belongs to
// the section of the heading above it, and a bullet list belongs to the
// sentence that introduces it ("The key services include:"), so that
// what the introducer says reaches every item.

// structure sets the heading levels and bullets' introducers of sents, as
// segment made them.
func structure(sents []Sentence) {
	level := 1
	prevHeading := false
	intro := -1
	titleSeen := false
	for i := range sents {
		s := &sents[i]
		s.Intro = -1
		switch s.Kind {
		case KindHeading:
			switch {
			case s.Level > 0: // Markdown says
			case !titleSeen:
				s.Level = 1
			case prevHeading && i > 0:
				s.Level = sents[i-1].Level + 1
			default:
				s.Level = max(level, 2)
			}
			titleSeen = true
			level = s.Level
			if level == 1 && i > 0 {
				level = 2 // a second level-1 heading reads as a section
				s.Level = 2
			}
			prevHeading = true
			intro = -1
			continue
		case KindBullet:
			s.Intro = intro
		default:
			intro = -1
			if endsWithColon(s.Text) {
				intro = s.N
			}
		}
		prevHeading = false
	}
	// a heading's section is the nearest heading above it of a lower level
	for i := range sents {
		if sents[i].Kind != KindHeading {
			continue
		}
		sents[i].Section = -1
		for j := i - 1; j >= 0; j-- {
			if sents[j].Kind == KindHeading && sents[j].Level < sents[i].Level {
				sents[i].Section = sents[j].N
				break
			}
		}
	}
}

// endsWithColon reports whether a sentence ends in a colon: it introduces a
// list.
func endsWithColon(s string) bool {
	// "the group wanted support with …": an ellipsis before a list does
	// what a colon does
	if strings.HasSuffix(strings.TrimRight(s, " ."), "…") {
		return true
	}
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ' ':
			continue
		case ':':
			return true
		}
		return false
	}
	return false
}
