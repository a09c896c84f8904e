package loader

import (
	"reflect"
	"testing"
)

func TestStructure(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		levels []int // per sentence: the heading level, 0 for others
		parent []int // per sentence: the heading it falls under (Section), -1 for none
		intro  []int // per sentence: the sentence introducing it, -1 for none
	}{
		{"plain text: title, sections, a heading under a heading",
			"Annual review\n\nOur year\n\nIt went well.\n\nKey results\n\nFalls\n\nFalls went down.\n",
			[]int{1, 2, 0, 2, 3, 0},
			[]int{-1, 0, 1, 0, 3, 4},
			[]int{-1, -1, -1, -1, -1, -1}},
		{"markdown levels",
			"# Review\n\n## Part one\n\n### Detail\n\nText here.\n\n## Part two\n\nMore text.\n",
			[]int{1, 2, 3, 0, 2, 0},
			[]int{-1, 0, 1, 2, 0, 4},
			[]int{-1, -1, -1, -1, -1, -1}},
		{"a long first line is the title",
			"Coastal Data Lab project: Falls Sensor Prediction using Ward Telemetry and Bedside Alarms for Older Patients\n\nIt ran.\n",
			[]int{1, 0},
			[]int{-1, 0},
			[]int{-1, -1}},
		{"a long line further down is no heading",
			"Review\n\nCoastal Data Lab project: Falls Sensor Prediction using Ward Telemetry and Bedside Alarms for Older Patients\n\nIt ran.\n",
			[]int{1, 0, 0},
			[]int{-1, 0, 0},
			[]int{-1, -1, -1}},
		{"a list hangs from the sentence before its colon",
			"The scheme covers:\n\n- wards\n- clinics\n\nIt ended.\n\n- a loose item\n",
			[]int{0, 0, 0, 0, 0},
			[]int{-1, -1, -1, -1, -1},
			[]int{-1, 0, 0, -1, -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := segment(tc.in)
			structure(sents)
			var levels, parent, intro []int
			for _, s := range sents {
				levels = append(levels, s.Level)
				parent = append(parent, s.Section)
				intro = append(intro, s.Intro)
			}
			if !reflect.DeepEqual(levels, tc.levels) {
				t.Errorf("levels %v, want %v", levels, tc.levels)
			}
			if !reflect.DeepEqual(parent, tc.parent) {
				t.Errorf("sections %v, want %v", parent, tc.parent)
			}
			if !reflect.DeepEqual(intro, tc.intro) {
				t.Errorf("introducers %v, want %v", intro, tc.intro)
			}
		})
	}
}
