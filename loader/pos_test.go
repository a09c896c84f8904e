package loader

import (
	"strings"
	"testing"
)

// TestTagWords checks the readings the later passes depend on: a word that
// can be a noun or a verb, read from the words around it. Each case lists
// words with the tag they must get ("funds/VERB"); the sentences are
// written for the test.
func TestTagWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // word/TAG pairs that must hold, in order
	}{
		{"verb after a name", "Leeds Council funds three pilots.", "funds/VERB pilots/NOUN"},
		{"noun after a determiner", "The funds were spent quickly.", "funds/NOUN were/AUX spent/VERB"},
		{"noun after a possessive", "Our plans include a new app.", "plans/NOUN include/VERB"},
		{"verb after to", "The board aims to support local teams.", "aims/VERB support/VERB teams/NOUN"},
		{"noun after the preposition to", "Tablets were sent to care homes.", "sent/VERB care/NOUN homes/NOUN"},
		{"verb after a modal", "The agency will record every case.", "will/MODAL record/VERB"},
		{"passive participle", "The tool was built by Acme Ltd.", "was/AUX built/VERB by/PREP"},
		{"participle modifying a noun", "The funded projects started in spring.", "funded/ADJ projects/NOUN started/VERB"},
		{"gerund opening a clause", "Using open data, the team mapped demand.", "Using/VERB mapped/VERB demand/NOUN"},
		{"coordinated verbs", "The unit designed and tested a portal.", "designed/VERB tested/VERB portal/NOUN"},
		{"verbs coordinated across a list", "It helps councils plan services, share records and reduce waste.", "share/VERB records/NOUN reduce/VERB"},
		{"a plural noun before be", "The main benefits are clear.", "benefits/NOUN are/AUX"},
		{"set after have", "We have set three goals.", "set/VERB goals/NOUN"},
		{"an adjective that is a verb after a causative", "We helped secure new funding.", "helped/VERB secure/VERB new/ADJ"},
		{"a plural head before a place", "Patients at the Eastmoor Hospitals Trust occupy 300 beds.", "Trust/PROP occupy/VERB"},
		{"two nouns after a preposition", "We secured money for technology in health and care in the review.", "health/NOUN and/CONJ care/NOUN in/PREP"},
		{"an imperative before a bare noun", "Give people the tools to choose.", "Give/VERB people/NOUN"},
		{"an adverb between a modal and its verb", "They can best take charge of it.", "can/MODAL best/ADV take/VERB"},
		{"a short name opening a bullet", "Project Falcon - working with partners", "Project/PROP Falcon/PROP"},
		{"an imperative before a longer name", "Contact Coastal Data Lab for details.", "Contact/VERB"},
		{"an adjective after a degree word", "These are the results we are most proud of.", "most/DET proud/ADJ of/PREP"},
		{"an unknown verb's base form", "We have alerted 400 providers.", "alerted/VERB"},
		{"a verb that is no noun after a plural", "Examples include tools for nurses.", "Examples/NOUN include/VERB tools/NOUN"},
		{"a comparative before a coordinated verb", "It helps to give people advice and better measure the demand.", "better/ADV measure/VERB the/DET"},
		{"an unknown verb in -s coordinated with a verb", "The model detects falls and stratifies the risk.", "stratifies/VERB the/DET"},
		{"an unknown verb's base form in -ing", "Staff are embracing the idea.", "embracing/VERB"},
		{"a participle with an object after a noun", "The bank made a dataset containing digitised slices.", "containing/VERB"},
		{"a figure opening a clause is its subject", "2,400 joined the Harbour Nurse Network.", "2,400/NUM joined/VERB the/DET"},
		{"a figure before a noun is no subject", "The 12 funded projects ended.", "funded/ADJ projects/NOUN ended/VERB"},
		{"an -ing verb after a name", "They formed the Harbour Network supporting district nurses.", "Network/PROP supporting/VERB district/NOUN"},
		{"an -ing noun after a name", "The Harbour Network funding arrangements changed.", "Network/PROP funding/NOUN arrangements/NOUN"},
		{"a month is a name", "The trial began in May 2022.", "began/VERB May/PROP"},
		{"worth after a possessive", "two years’ worth of records", "worth/NOUN records/NOUN"},
		{"that before a noun", "That project ended.", "That/DET project/NOUN ended/VERB"},
		{"that after a noun", "a service that books appointments", "that/WH books/VERB"},
		{"capitalised run", "Harbour Valley Hospital opened a ward.", "Harbour/PROP Valley/PROP Hospital/PROP opened/VERB"},
		{"superlative", "the largest trial", "largest/ADJ trial/NOUN"},
		{"existential there", "There are four sites.", "There/ADV are/AUX"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws := tokenizeWords(tc.in, nil)
			tagWords(ws)
			got := map[string]string{}
			var all []string
			for _, w := range ws {
				got[w.Text] = w.Tag.String()
				all = append(all, w.Text+"/"+w.Tag.String())
			}
			for _, pair := range strings.Fields(tc.want) {
				word, tag, _ := strings.Cut(pair, "/")
				if got[word] != tag {
					t.Errorf("%s: got %s, want %s\n  %s", word, got[word], tag, strings.Join(all, " "))
				}
			}
		})
	}
}

// TestVerbForms checks the verb forms read off the lexicon and endings.
func TestVerbForms(t *testing.T) {
	l := theLexicon()
	tests := []struct {
		word, base string
		form       VerbForm
	}{
		{"provides", "provide", FormS},
		{"studies", "study", FormS},
		{"planned", "plan", FormPast},
		{"agreed", "agree", FormPast},
		{"led", "lead", FormPast},
		{"written", "write", FormPart},
		{"delivering", "deliver", FormIng},
		{"making", "make", FormIng},
		{"set", "set", FormBase},
		{"runs", "run", FormS},
		{"table", "", FormNone},
		{"business", "", FormNone},
	}
	for _, tc := range tests {
		base, form, _ := l.verbForm(tc.word)
		if base != tc.base || form != tc.form {
			t.Errorf("verbForm(%q) = %q, %v; want %q, %v", tc.word, base, form, tc.base, tc.form)
		}
	}
}
