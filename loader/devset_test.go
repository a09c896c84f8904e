package loader

import (
	"testing"
)

// Floors for the dev set of real documents the rules were not written
// from (testdata/devset, copied from ../shared/devset; SOURCES.md says
// where each comes from). They guard against a change that loses ground;
// they are not targets. Raise them when the loader gets better.
const (
	devFactFloor    = 0.50
	devSubjectFloor = 0.95
	devPathFloor    = 18
)

// TestDevSet scores the dev set with the scorer's measures (score_test.go)
// and fails if fact recall, subject recall or path questions fall below
// their floors. -v prints the figures docs/EXTRACTION.md records.
func TestDevSet(t *testing.T) {
	sc, err := scoreDevSet("testdata/devset")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dev set: subjects %.3f, facts %.3f (%d/%d), path questions %d/%d",
		sc.subjects(), sc.facts(), sc.FactsFound, sc.Facts, sc.PathsFound, sc.Paths)
	if sc.Facts != 249 || sc.Paths != 35 {
		t.Errorf("the dev set holds %d facts and %d questions, want 249 and 35", sc.Facts, sc.Paths)
	}
	if sc.facts() < devFactFloor {
		t.Errorf("fact recall %.3f fell below the floor %.2f", sc.facts(), devFactFloor)
	}
	if sc.subjects() < devSubjectFloor {
		t.Errorf("subject recall %.3f fell below the floor %.2f", sc.subjects(), devSubjectFloor)
	}
	if sc.PathsFound < devPathFloor {
		t.Errorf("%d path questions answered, below the floor %d", sc.PathsFound, devPathFloor)
	}
}
