package graph

import "github.com/cayleygraph/quad"

// Term documents one type or predicate of the vocabulary.
type Term struct {
	IRI         quad.IRI `json:"iri"`
	Kind        string   `json:"kind"` // "type" or "predicate"
	Domain      string   `json:"domain,omitempty"`
	Range       string   `json:"range,omitempty"`
	Description string   `json:"description"`
}

// Schema is every type and predicate nhsgraph writes, a superset of the
// graph contract. docs/SCHEMA.md and GET /api/v1/schema are made from it.
var Schema = []Term{
	{IRI: TypeOrganization, Kind: "type", Description: "An organisation: a government body, NHS body, trust, ICS, company or partnership."},
	{IRI: TypePerson, Kind: "type", Description: "A named person."},
	{IRI: TypeProgramme, Kind: "type", Description: "A programme, initiative, award, network, deal or service line that money funds and that achieves outcomes."},
	{IRI: TypeFund, Kind: "type", Description: "An amount of money: a named fund, an allocation, a settlement, or an amount the text gives for a purpose."},
	{IRI: TypeOutcome, Kind: "type", Description: "A result: a figure achieved (value, unit, hedge) or a result stated in words, or a priority."},
	{IRI: TypeDate, Kind: "type", Description: "A day, month, year or financial year; IRIs nhs:date/2021-11-22, nhs:date/2021-11, nhs:date/2021, nhs:date/FY2020-21."},
	{IRI: TypePlace, Kind: "type", Description: "A country, region or city."},
	{IRI: TypeProduct, Kind: "type", Description: "A product or digital service: an app, a platform, a website."},
	{IRI: TypeDataset, Kind: "type", Description: "A data collection: a data store, a database, a set of records."},
	{IRI: TypeEvent, Kind: "type", Description: "An event: a spending review, the pandemic, a festival."},
	{IRI: TypeCreativeWork, Kind: "type", Description: "A report, plan, review, guidance, guide or strategy the text names."},
	{IRI: TypeDocument, Kind: "type", Description: "A source document that was loaded."},
	{IRI: TypeSentence, Kind: "type", Description: "A sentence of a source document: the evidence every fact is labelled with."},

	{IRI: RDFType, Kind: "predicate", Domain: "any node", Range: "a type above", Description: "The node's one type."},
	{IRI: Name, Kind: "predicate", Domain: "entity, document", Range: "string", Description: "The canonical name (exactly one per entity)."},
	{IRI: AlternateName, Kind: "predicate", Domain: "entity", Range: "string", Description: "Another surface form seen in the text: an alias, acronym or spelling."},
	{IRI: Text, Kind: "predicate", Domain: "nhs:Sentence", Range: "string", Description: "The sentence as it stands in the source file, white space runs collapsed to one space."},
	{IRI: DerivedFrom, Kind: "predicate", Domain: "nhs:Sentence", Range: "nhs:Document", Description: "The document a sentence belongs to."},
	{IRI: Start, Kind: "predicate", Domain: "nhs:Sentence", Range: "integer", Description: "Byte offset (UTF-8) where the sentence starts in the source file."},
	{IRI: End, Kind: "predicate", Domain: "nhs:Sentence", Range: "integer", Description: "Byte offset (UTF-8) just past the sentence's end in the source file."},
	{IRI: File, Kind: "predicate", Domain: "nhs:Document", Range: "string", Description: "The file name the document was loaded from."},
	{IRI: SHA256, Kind: "predicate", Domain: "nhs:Document", Range: "string", Description: "SHA-256 of the file's bytes; a document whose bytes the store holds is not loaded again."},
	{IRI: DatePublished, Kind: "predicate", Domain: "nhs:Document", Range: "string (YYYY-MM-DD)", Description: "The document's own date, where its first lines give one."},
	{IRI: AuthoredBy, Kind: "predicate", Domain: "nhs:Document, schema:CreativeWork", Range: "schema:Organization, schema:Person", Description: "Who wrote it: the organisation a first-person document speaks for (its \"we\" resolves to it), or the author of a publication."},
	{IRI: Mentions, Kind: "predicate", Domain: "nhs:Sentence", Range: "entity", Description: "The sentence names the entity (labelled with the sentence itself)."},
	{IRI: Within, Kind: "predicate", Domain: "nhs:Date", Range: "nhs:Date", Description: "The coarser date a date falls in: day in month, month in year, financial year in the year it starts."},
	{IRI: Description, Kind: "predicate", Domain: "nhs:Outcome", Range: "string", Description: "What a figure measured, in the text's words."},
	{IRI: Amount, Kind: "predicate", Domain: "nhs:Fund", Range: "integer (whole pounds)", Description: "The amount: £1,097 million is 1097000000."},
	{IRI: Currency, Kind: "predicate", Domain: "nhs:Fund", Range: "string", Description: "Always \"GBP\"."},
	{IRI: Bound, Kind: "predicate", Domain: "nhs:Fund", Range: "string", Description: "The hedge on an amount: \"at least\", \"over\", \"up to\"."},
	{IRI: FundKind, Kind: "predicate", Domain: "nhs:Fund", Range: "string", Description: "\"capital\", \"revenue\" or \"capital and revenue\"."},
	{IRI: Value, Kind: "predicate", Domain: "nhs:Outcome", Range: "number", Description: "The figure: 24m is 24000000, 99% is 99."},
	{IRI: Unit, Kind: "predicate", Domain: "nhs:Outcome", Range: "string", Description: "What is counted: \"laptops\", \"% of GP practices\", \"GBP saved\"."},
	{IRI: Hedge, Kind: "predicate", Domain: "nhs:Outcome", Range: "string", Description: "\"over\", \"almost\", \"just under\", \"+\" where the text hedges."},
	{IRI: Confidence, Kind: "predicate", Domain: "any", Range: "number 0-1", Description: "Below 1 where a weak rule (a name pattern, a section heading, a result clause) proposed the node; labelled with the sentence it was read from."},

	{IRI: Funds, Kind: "predicate", Domain: "nhs:Fund", Range: "nhs:Programme, schema:Organization", Description: "What the money pays for or who receives it."},
	{IRI: ProvidedBy, Kind: "predicate", Domain: "nhs:Fund", Range: "schema:Organization", Description: "Who provides the money."},
	{IRI: SecuredIn, Kind: "predicate", Domain: "nhs:Fund", Range: "schema:Event", Description: "The event in which the money was secured (a Spending Review)."},
	{IRI: Achieved, Kind: "predicate", Domain: "nhs:Programme, schema:Organization, schema:Product, nhs:Fund", Range: "nhs:Outcome", Description: "Who or what achieved a result."},
	{IRI: About, Kind: "predicate", Domain: "nhs:Outcome", Range: "entity", Description: "An entity named inside the figure's own phrase: what it counts."},
	{IRI: HasPriority, Kind: "predicate", Domain: "schema:Organization", Range: "nhs:Outcome", Description: "A priority or objective listed for the organisation."},
	{IRI: LedBy, Kind: "predicate", Domain: "schema:Organization, nhs:Programme", Range: "schema:Person, schema:Organization", Description: "Who leads it."},
	{IRI: EstablishedBy, Kind: "predicate", Domain: "entity", Range: "schema:Person, schema:Organization", Description: "Who set it up."},
	{IRI: EstablishedOn, Kind: "predicate", Domain: "entity", Range: "nhs:Date", Description: "When it was set up."},
	{IRI: AnnouncedOn, Kind: "predicate", Domain: "entity", Range: "nhs:Date", Description: "When the announcement the sentence reports was made."},
	{IRI: Date, Kind: "predicate", Domain: "any entity", Range: "nhs:Date", Description: "A date the sentence gives for the entity: a fund's period, an outcome's date, an event."},
	{IRI: DateEnd, Kind: "predicate", Domain: "nhs:Date", Range: "nhs:Date", Description: "The end of a range that starts at the subject date (\"from March to August 2020\")."},
	{IRI: PartOf, Kind: "predicate", Domain: "entity", Range: "entity", Description: "Becomes or is part of: an organisation in another, a fund in a budget."},
	{IRI: MergedInto, Kind: "predicate", Domain: "schema:Organization", Range: "schema:Organization", Description: "Merged with or into."},
	{IRI: PartneredWith, Kind: "predicate", Domain: "schema:Organization, nhs:Programme", Range: "schema:Organization", Description: "Worked with, in partnership with, alongside, in conjunction with."},
	{IRI: DevelopedBy, Kind: "predicate", Domain: "schema:Product, nhs:Programme", Range: "schema:Organization", Description: "Developed, built, run or delivered by."},
	{IRI: Delivered, Kind: "predicate", Domain: "schema:Organization, nhs:Programme", Range: "entity", Description: "Delivered, distributed or deployed."},
	{IRI: Published, Kind: "predicate", Domain: "schema:Organization", Range: "schema:CreativeWork, schema:Dataset", Description: "Published; a passive \"were published\" in a first-person document is the author's."},
	{IRI: Launched, Kind: "predicate", Domain: "schema:Organization, nhs:Programme", Range: "entity", Description: "Launched, rolled out, introduced, stood up."},
	{IRI: Commissioned, Kind: "predicate", Domain: "schema:Organization", Range: "entity", Description: "Commissioned, contracted for or procured."},
	{IRI: Supports, Kind: "predicate", Domain: "schema:Organization, schema:Person", Range: "entity", Description: "Supported, enabled, helped, initiated, funded or sponsored."},
	{IRI: ProvidesAccessTo, Kind: "predicate", Domain: "schema:Organization, schema:Product, nhs:Programme", Range: "schema:Dataset, schema:Product", Description: "Gives people access to it: \"allow staff to access ... the GP record\"."},
	{IRI: Announced, Kind: "predicate", Domain: "schema:Organization, schema:Person", Range: "entity", Description: "Announced."},
	{IRI: HoldsRole, Kind: "predicate", Domain: "schema:Person", Range: "string", Description: "A role and where it is held: \"CEO of NHS England and NHS Improvement\"."},
	{IRI: RoleAt, Kind: "predicate", Domain: "schema:Person", Range: "schema:Organization", Description: "The organisation a person holds a role at."},
	{IRI: ConflictsWith, Kind: "predicate", Domain: "nhs:Outcome", Range: "nhs:Outcome", Description: "Two documents give different figures for the same measure (both directions)."},
}
