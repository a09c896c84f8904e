package loader

import (
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// headTypes types a name by its head noun, the word that says what kind of
// thing it names: "Royal Surrey NHS Foundation Trust" is an organisation,
// "AI in Health and Care Award" a programme, "National COVID-19 Chest
// Imaging Database" a dataset. These are English nouns, not names: a name
// without such a head is typed by what the text says of it.
var headTypes = map[string]quad.IRI{}

func init() {
	for typ, words := range map[quad.IRI]string{
		graph.TypeOrganization: "trust trusts university universities lab laboratory laboratories agency agencies council councils department departments office ministry directorate directorates unit units society association institute institution centre center college commission committee board authority authorities group groups team partnership partnerships alliance consortium company companies ltd limited plc inc llp hospital hospitals clinic clinics practice practices surgery ics ccg ccgs stp stps collaborative foundation charity government parliament executive guardian commissioner network networks skunkworks biobank body bodies regulator federation cooperative corporation organisation organization industries",
		graph.TypeProgramme:    "programme programmes program programs project projects initiative initiatives scheme schemes award awards challenge challenges competition competitions pilot pilots campaign campaigns call accelerator exemplar exemplars trial trials study response transformation rollout",
		graph.TypeFund:         "fund funds funding grant grants budget allocation settlement investment",
		graph.TypeProduct:      "app apps application platform platforms tool tools toolkit portal website site software checker login assistant chatbot device devices pass service services",
		graph.TypeDataset:      "database databases dataset datasets store register registry list records record audit collection index archive repository",
		graph.TypeCreativeWork: "strategy strategies report reports plan plans review reviews guidance guide guides framework frameworks standard standards paper papers charter code act regulations policy policies handbook playbook playbooks blueprint blueprints roadmap principles criteria notice notices vision white manifesto article letter statement",
		graph.TypeEvent:        "festival conference summit day week pandemic election workshop workshops hackathon webinar event",
		graph.TypePlace:        "region county city borough town village island",
	} {
		for _, w := range strings.Fields(words) {
			headTypes[w] = typ
		}
	}
}

// connectors may join the words of a name: "Department of Health and
// Social Care", "AI in Health and Care Award".
var connectors = map[string]bool{"of": true, "for": true, "and": true, "&": true, "in": true, "on": true, "the": true, "de": true, "to": true}

// honorifics come before a person's name.
var honorifics = map[string]bool{"dr": true, "doctor": true, "professor": true, "prof": true, "sir": true, "dame": true,
	"lord": true, "lady": true, "baroness": true, "baron": true, "mr": true, "mrs": true, "ms": true, "miss": true,
	"rt": true, "hon": true, "cllr": true, "councillor": true}

// roleWords name a post a person holds: "Head of AI", "Clinical Lead",
// "Chief Executive", "Secretary of State".
var roleWords = map[string]bool{"chief": true, "head": true, "director": true, "lead": true, "leader": true, "manager": true,
	"officer": true, "ceo": true, "cio": true, "cto": true, "cdo": true, "cfo": true, "coo": true, "cco": true, "cno": true, "secretary": true, "minister": true,
	"chair": true, "chairman": true, "chairwoman": true, "chairperson": true, "professor": true, "analyst": true,
	"scientist": true, "engineer": true, "consultant": true, "clinician": true, "doctor": true, "nurse": true,
	"founder": true, "co-founder": true, "president": true, "deputy": true, "associate": true, "member": true,
	"fellow": true, "researcher": true, "executive": true, "architect": true, "adviser": true, "advisor": true,
	"specialist": true, "coordinator": true, "administrator": true, "superintendent": true, "registrar": true,
	"surgeon": true, "physician": true, "radiologist": true, "pharmacist": true, "officer-in-charge": true,
	"commissioner": true, "governor": true, "trustee": true, "partner": true, "principal": true, "lecturer": true,
	"developer": true, "designer": true, "owner": true, "champion": true, "sponsor": true}

// orgSuffix words end an organisation's name and may be left off it
// ("Kettering General Hospital" for "Kettering General Hospital NHS
// Foundation Trust") or shared by coordinated names ("Royal Surrey and
// Kettering General Hospital NHS Foundation Trusts").
var orgSuffix = map[string]bool{"nhs": true, "foundation": true, "trust": true, "trusts": true}

// headOf returns the head word of a name's words (lower case): the last
// word before an "of"/"for"/"in" phrase if it is a typing noun ("University
// of Oxford", "Department of Health"), else the last word.
func headOf(words []string) string {
	for i, w := range words {
		if i > 0 && (w == "of" || w == "for" || w == "in" || w == "on" || w == "to") {
			if _, ok := headTypes[words[i-1]]; ok {
				return words[i-1]
			}
			break
		}
	}
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}

// typeByHead is the type a name's head noun gives it, or "". A name that
// opens with a word for an institution ("University Hospital Southampton")
// is an organisation.
func typeByHead(words []string) quad.IRI {
	h := headOf(words)
	if t, ok := headTypes[h]; ok {
		return t
	}
	if len(words) > 1 && institutionFirst[words[0]] {
		return graph.TypeOrganization
	}
	return ""
}

// institutionFirst open the names of organisations.
var institutionFirst = map[string]bool{"university": true, "college": true, "institute": true, "council": true,
	"department": true, "ministry": true, "office": true, "agency": true, "society": true, "royal": true}

// singular makes a plural head singular: "Trusts" -> "Trust".
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}
