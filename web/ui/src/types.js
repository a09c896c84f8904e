// Entity types: their short names and colours (colour-blind safe where
// it matters: the money-to-outcome types differ in lightness too).

export const TYPES = [
  ['<schema:Organization>', 'Organisation', '#1f77b4'],
  ['<nhs:Programme>', 'Programme', '#ff7f0e'],
  ['<nhs:Fund>', 'Fund', '#2ca02c'],
  ['<nhs:Outcome>', 'Outcome', '#d62728'],
  ['<schema:Person>', 'Person', '#9467bd'],
  ['<nhs:Date>', 'Date', '#8c564b'],
  ['<schema:Place>', 'Place', '#e377c2'],
  ['<schema:Product>', 'Product', '#17becf'],
  ['<schema:Dataset>', 'Dataset', '#bcbd22'],
  ['<schema:Event>', 'Event', '#7f7f7f'],
  ['<schema:CreativeWork>', 'Report', '#aec7e8'],
  ['<nhs:Document>', 'Document', '#393b79'],
  ['<nhs:Sentence>', 'Sentence', '#c7c7c7'],
];
const byIRI = new Map(TYPES.map(([iri, name, colour]) => [iri, { iri, name, colour }]));
const other = { iri: '', name: 'Other', colour: '#555555' };

export function typeOf(iri) { return byIRI.get(iri) || other; }

// shortIRI makes a predicate readable: <nhs:partneredWith> -> partneredWith.
export function shortIRI(iri) {
  return String(iri).replace(/^<|>$/g, '').replace(/^[a-z]+:/, '');
}
