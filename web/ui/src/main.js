// The nhsgraph explorer: a graph of the entities in view, their details
// with the evidence for every edge, paths, chains, Gizmo and a timeline.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { api } from './api.js';
import { h, fill, debounce } from './dom.js';
import { TYPES, typeOf, shortIRI } from './types.js';
import { build, edgeKey, PAGE } from './model.js';
import { readState, writeState, stateURL } from './state.js';
import { makeEditor, text as editorText, setText } from './editor.js';

cytoscape.use(fcose);

const state = readState();
let model = null;        // the last build
let years = new Map();   // node id -> Set of years it is dated in
let beforeYear = null;   // the viewport to go back to when the year is cleared
let pathEnds = { from: null, to: null };
const $ = (id) => document.getElementById(id);

// ---- layout of the page ----
const app = $('app');
fill(app,
  h('header', { class: 'bar' },
    h('h1', {}, 'nhsgraph'),
    h('div', { class: 'search', role: 'search' },
      h('label', { for: 'search', class: 'sr' }, 'Find an entity'),
      h('input', { id: 'search', type: 'search', placeholder: 'Find an entity…', autocomplete: 'off', role: 'combobox',
        'aria-expanded': 'false', 'aria-controls': 'suggestions', 'aria-autocomplete': 'list' }),
      h('ul', { id: 'suggestions', role: 'listbox', 'aria-label': 'Matching entities', hidden: true })),
    h('nav', { class: 'tools', 'aria-label': 'View' },
      h('button', { id: 'overview', type: 'button' }, 'Overview'),
      h('button', { id: 'undo', type: 'button' }, 'Undo'),
      h('button', { id: 'fit', type: 'button' }, 'Fit'),
      h('button', { id: 'chains', type: 'button' }, 'Fund → Programme → Outcome'),
      h('button', { id: 'png', type: 'button' }, 'Export PNG'),
      h('button', { id: 'json', type: 'button' }, 'Export JSON'),
      h('button', { id: 'copylink', type: 'button' }, 'Copy link'))),
  h('div', { class: 'main' },
    h('aside', { class: 'left' },
      h('section', { 'aria-labelledby': 'legend-h' }, h('h2', { id: 'legend-h' }, 'Types'), h('ul', { id: 'legend', class: 'legend' })),
      h('section', { 'aria-labelledby': 'time-h' }, h('h2', { id: 'time-h' }, 'Timeline'), h('div', { id: 'timeline', class: 'timeline' })),
      h('section', { 'aria-labelledby': 'list-h', class: 'listsec' },
        h('h2', { id: 'list-h' }, 'Nodes in view ', h('span', { id: 'count' })),
        h('ul', { id: 'nodelist', role: 'listbox', 'aria-labelledby': 'list-h', tabindex: '-1' }))),
    h('section', { class: 'centre' },
      h('div', { id: 'pathbar', class: 'pathbar' }),
      h('div', { id: 'status', role: 'status', class: 'status' }),
      h('div', { id: 'cy', 'aria-label': 'Graph of the nodes in view; the list on the left holds the same nodes', role: 'img' }),
      h('section', { class: 'gizmo', 'aria-labelledby': 'gizmo-h' },
        h('h2', { id: 'gizmo-h' }, 'Gizmo ', h('button', { id: 'run', type: 'button' }, 'Run (Ctrl-Enter)')),
        h('div', { id: 'editor' }),
        h('div', { id: 'gizmo-error', role: 'alert', class: 'error' }),
        h('div', { id: 'gizmo-result', class: 'table' }))),
    h('aside', { id: 'details', class: 'right', 'aria-live': 'polite', 'aria-label': 'Details' },
      h('p', {}, 'Select a node or an edge to see its details and evidence.'))),
  h('div', { id: 'docview', class: 'docview', hidden: true, role: 'dialog', 'aria-labelledby': 'doc-title' }));

const status = (msg) => { $('status').textContent = msg || ''; };

// ---- the graph ----
const cy = cytoscape({
  container: $('cy'),
  wheelSensitivity: 0.3,
  style: [
    { selector: 'node', style: {
      'background-color': 'data(colour)', label: 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 120,
      'text-valign': 'bottom', 'text-margin-y': 3, width: 'data(size)', height: 'data(size)', color: '#222',
      'text-background-color': '#fff', 'text-background-opacity': 0.7, 'text-background-padding': 1 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
    { selector: 'node.end', style: { 'border-width': 4, 'border-color': '#e6b800' } },
    { selector: 'edge', style: { width: 1.5, 'line-color': '#b5b5b5', 'target-arrow-color': '#b5b5b5', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', 'arrow-scale': 0.7, label: '', 'font-size': 8 } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': '#111', 'target-arrow-color': '#111', label: 'data(label)' } },
    { selector: 'edge.hl', style: { width: 4, 'line-color': '#e6b800', 'target-arrow-color': '#e6b800', label: 'data(label)', 'z-index': 10 } },
    { selector: '.off', style: { display: 'none' } },
  ],
});

// shown is what the filters leave on screen. It goes by the 'off' class,
// not by cytoscape's :visible, which answers from a cache until the next
// render after a class changes.
function shown() {
  const nodes = cy.nodes().not('.off');
  return { nodes, edges: nodes.edgesWith(nodes) };
}

function nodeLabel(n) {
  return n.hiddenNeighbours > 0 ? `${n.name} (+${n.hiddenNeighbours})` : n.name;
}

// sync makes the canvas show the model, keeping the places of nodes that
// stay and laying out only around the new ones.
function sync(parentHint) {
  const want = new Set([...model.nodes.keys(), ...model.edges.keys()]);
  cy.elements().filter((el) => !want.has(el.id())).remove();
  const fresh = [];
  for (const n of model.nodes.values()) {
    const t = typeOf(n.type);
    const data = { id: n.id, label: nodeLabel(n), colour: t.colour, size: 14 + Math.min(26, Math.sqrt(n.degree || 1) * 3) };
    const el = cy.getElementById(n.id);
    if (el.nonempty()) el.data(data);
    else {
      const parent = parentHint && cy.getElementById(parentHint);
      const at = parent && parent.nonempty() ? parent.position() : { x: 0, y: 0 };
      fresh.push({ group: 'nodes', data, position: { x: at.x + (Math.random() - 0.5) * 80, y: at.y + (Math.random() - 0.5) * 80 } });
    }
  }
  for (const e of model.edges.values()) {
    if (cy.getElementById(e.id).empty()) fresh.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: shortIRI(e.predicate) } });
  }
  const whole = cy.nodes().length === 0;
  cy.add(fresh);
  cy.edges().forEach((e) => e.toggleClass('hl', model.highlight.has(e.id())));
  $('cy').dataset.highlighted = String(cy.edges('.hl').length);
  cy.nodes().forEach((n) => n.toggleClass('end', n.id() === pathEnds.from || n.id() === pathEnds.to));
  // Hidden nodes are left out of the layout (fcose skips them), so they
  // cannot be fixed points either.
  hideFiltered();
  const isFresh = new Set(fresh.map((f) => f.data.id));
  if (fresh.some((f) => f.group === 'nodes')) {
    const fixed = whole ? [] : shown().nodes.filter((n) => !isFresh.has(n.id())).map((n) => ({ nodeId: n.id(), position: n.position() }));
    cy.layout({ name: 'fcose', animate: false, randomize: whole, quality: cy.nodes().length > 300 ? 'draft' : 'default',
      nodeRepulsion: 9000, idealEdgeLength: 90, fixedNodeConstraint: fixed.length && fixed.length < 300 ? fixed : undefined }).run();
    if (whole || fresh.length > 5) cy.fit(undefined, 30);
  }
  if (state.year) cy.fit(shown().nodes, 30);
  applyFilters();
}

// hideFiltered hides the nodes of hidden types and, while a year is
// chosen, every node not dated in that year.
function hideFiltered() {
  const hidden = new Set(state.hidden);
  cy.nodes().forEach((n) => {
    const m = model.nodes.get(n.id());
    n.toggleClass('off', hidden.has(typeOf(m.type).name) || !inYear(n.id()));
  });
  const { nodes, edges } = shown();
  $('cy').setAttribute('aria-label', `Graph of ${nodes.length} nodes and ${edges.length} edges; the list on the left holds the same nodes`);
  $('undo').disabled = state.ops.length <= 1 && !state.year;
}

// inYear says whether a node passes the year's filter.
function inYear(id) {
  return !state.year || Boolean(years.get(id)?.has(state.year));
}

function applyFilters() {
  hideFiltered();
  renderLegend();
  renderList();
  renderTimeline();
  writeState(state);
}

// refresh rebuilds the model from the operations and redraws.
let building = Promise.resolve();
function refresh(parentHint) {
  building = building.then(async () => {
    status('Loading…');
    $('app').setAttribute('aria-busy', 'true');
    model = await build(state.ops, state.year ? await datedIn(state.year) : []);
    sync(parentHint);
    const last = (state.ops[state.ops.length - 1] || [])[0];
    if (state.selected && model.nodes.has(state.selected)) {
      cy.$(':selected').unselect();
      cy.getElementById(state.selected).select();
      if (last !== 'p' && last !== 'k') await showNode(state.selected);
    } else if (state.selected && model.edges.has(state.selected)) {
      showEdge(state.selected);
    }
    showResults();
    const yearNote = state.year ? `${shown().nodes.length} nodes dated ${state.year}; All goes back to the whole view.` : '';
    status(model.notes.join(' ') || yearNote || `${model.nodes.size} nodes, ${model.edges.size} edges in view`);
    $('app').setAttribute('aria-busy', 'false');
    $('app').dataset.ready = String(Number($('app').dataset.ready || 0) + 1);
  }).catch((err) => status(err.message));
  return building;
}

// push adds a step to the view. A step acts on the whole view, so it
// ends a year's view first.
function push(op, hint) {
  state.ops.push(op);
  state.year = null;
  beforeYear = null;
  return refresh(hint);
}

// setYear shows the nodes dated in year y, those in view and those the
// graph holds beside them; null goes back to the view as it was.
function setYear(y) {
  if (y && !state.year) beforeYear = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  state.year = y;
  return refresh().then(() => {
    if (!y && beforeYear) { cy.viewport(beforeYear); beforeYear = null; }
  });
}

// activate is what a click on a node does: select it, and expand it the
// first time; a click on the selected node shows its next page.
function activate(id) {
  const n = model.nodes.get(id);
  const again = state.selected === id;
  state.selected = id;
  cy.$(':selected').unselect();
  cy.getElementById(id).select();
  showNode(id);
  const shown = model.expanded.get(id);
  if ((shown === undefined && !again) || (again && n && n.hiddenNeighbours > 0)) push(['x', id], id);
  else writeState(state);
}

cy.on('tap', 'node', (ev) => activate(ev.target.id()));
cy.on('tap', 'edge', (ev) => { state.selected = ev.target.id(); showEdge(ev.target.id()); writeState(state); });

// ---- legend, list, timeline ----
function renderLegend() {
  const present = new Map();
  for (const n of model.nodes.values()) {
    if (!inYear(n.id)) continue;
    const t = typeOf(n.type);
    present.set(t.name, (present.get(t.name) || 0) + 1);
  }
  fill($('legend'), TYPES.map(([, name, colour]) => [name, colour]).concat([['Other', '#555555']])
    .filter(([name]) => present.has(name) || state.hidden.includes(name))
    .map(([name, colour]) => {
      const off = state.hidden.includes(name);
      return h('li', {}, h('button', { type: 'button', class: off ? 'type off-type' : 'type', 'aria-pressed': String(!off), 'data-type': name,
        title: off ? `Show ${name}` : `Hide ${name}`,
        onclick: () => { state.hidden = off ? state.hidden.filter((x) => x !== name) : [...state.hidden, name]; applyFilters(); } },
      h('span', { class: 'swatch', style: `background:${colour}` }), `${name} (${present.get(name) || 0})`));
    }));
}

function renderList() {
  const visible = shown().nodes;
  $('count').textContent = `(${visible.length})`;
  const items = visible.map((n) => model.nodes.get(n.id())).sort((a, b) => a.name.localeCompare(b.name));
  fill($('nodelist'), items.map((m, i) => h('li', {
    role: 'option', tabindex: (state.selected ? m.id === state.selected : i === 0) ? '0' : '-1', 'data-id': m.id,
    'aria-selected': String(m.id === state.selected),
    onclick: () => activate(m.id),
  }, h('span', { class: 'swatch', style: `background:${typeOf(m.type).colour}` }), nodeLabel(m), h('span', { class: 'sr' }, `, ${typeOf(m.type).name}`))));
}

$('nodelist').addEventListener('keydown', (ev) => {
  const items = [...$('nodelist').children];
  const i = items.indexOf(document.activeElement);
  const go = (j) => { if (items[j]) { items.forEach((x) => x.setAttribute('tabindex', '-1')); items[j].setAttribute('tabindex', '0'); items[j].focus(); } };
  if (ev.key === 'ArrowDown') go(Math.min(i + 1, items.length - 1));
  else if (ev.key === 'ArrowUp') go(Math.max(i - 1, 0));
  else if (ev.key === 'Home') go(0);
  else if (ev.key === 'End') go(items.length - 1);
  else if ((ev.key === 'Enter' || ev.key === ' ') && i >= 0) activate(items[i].dataset.id);
  else return;
  ev.preventDefault();
});

// loadTimeline learns every dated node's years, once: a year's view needs
// them before it can be built.
async function loadTimeline() {
  try {
    const res = await api.gizmo('g.V().has("<rdf:type>", "<nhs:Date>").tag("date").in(["<nhs:date>", "<nhs:establishedOn>", "<nhs:announcedOn>"]).all()', 5000);
    const dates = await api.gizmo('g.V().has("<rdf:type>", "<nhs:Date>").all()', 5000);
    const yearOf = (iri) => { const m = /(\d{4})/.exec(iri); return m ? Number(m[1]) : null; };
    for (const r of [...res.result || [], ...(dates.result || []).map((r) => ({ id: r.id, date: r.id }))]) {
      const y = yearOf(r.date);
      if (!y) continue;
      if (!years.has(r.id)) years.set(r.id, new Set());
      years.get(r.id).add(y);
    }
  } catch (err) { status(err.message); }
  if (model) applyFilters();
}
const dates = loadTimeline();

// datedIn lists the nodes dated in year y.
async function datedIn(y) {
  await dates;
  return [...years].filter(([, ys]) => ys.has(y)).map(([id]) => id).sort();
}

function renderTimeline() {
  const count = new Map();
  for (const [id, ys] of years) if (!model || model.nodes.has(id)) for (const y of ys) count.set(y, (count.get(y) || 0) + 1);
  const all = new Map();
  for (const ys of years.values()) for (const y of ys) all.set(y, (all.get(y) || 0) + 1);
  const ys = [...all.keys()].sort();
  fill($('timeline'),
    h('button', { type: 'button', 'aria-pressed': String(!state.year), 'data-year': 'all', onclick: () => { if (state.year) setYear(null); } }, 'All'),
    ys.map((y) => h('button', { type: 'button', 'aria-pressed': String(state.year === y), 'data-year': y,
      title: `${count.get(y) || 0} of the ${all.get(y)} nodes dated ${y} are in view`,
      onclick: () => setYear(state.year === y ? null : y) },
    String(y), h('span', { class: 'bar', style: `width:${Math.min(40, 4 + (all.get(y) || 0))}px` }))));
}

// ---- details ----
function evidenceList(evs, count) {
  if (!evs || !evs.length) return h('p', { class: 'muted' }, 'No evidence sentence (bookkeeping).');
  return h('ul', { class: 'evidence' }, evs.map((ev) => h('li', {},
    h('blockquote', {}, ev.text || ev.sentence),
    h('div', { class: 'source' }, ev.title || ev.document || '', ev.file ? ` (${ev.file})` : '', ' ',
      ev.document ? h('a', { href: stateURL(state, { doc: [ev.document, ev.start, ev.end] }), class: 'opendoc',
        onclick: (e) => { e.preventDefault(); openDocument(ev.document, ev.start, ev.end); } }, 'Open in document') : ''))),
  count > evs.length ? h('li', { class: 'muted' }, `and ${count - evs.length} more`) : '');
}

function nodeButton(ref) {
  return h('button', { type: 'button', class: 'link', onclick: () => {
    if (model.nodes.has(ref.id)) activate(ref.id);
    else { state.selected = ref.id; push(['a', ref.id], state.selected); }
  } }, h('span', { class: 'swatch', style: `background:${typeOf(ref.type).colour}` }), ref.name || ref.id);
}

async function showNode(id) {
  const d = $('details');
  let ent;
  try { ent = await api.entity(id); } catch (err) { fill(d, h('p', { class: 'error' }, err.message)); return; }
  if (state.selected !== id) return;
  const m = model.nodes.get(id) || {};
  const shown = model.expanded.get(id);
  const groups = (dir, gs) => gs.filter((g) => !g.bookkeeping).map((g) => h('section', { class: 'group' },
    h('h4', {}, dir === 'out' ? `${shortIRI(g.predicate)} →` : `← ${shortIRI(g.predicate)}`, ` (${g.count})`),
    h('ul', {}, g.edges.map((e) => h('li', {}, nodeButton(e), evidenceList(e.evidence, e.evidence_count))))));
  fill(d,
    h('h2', { id: 'detail-name' }, ent.name || ent.id),
    h('p', { class: 'meta' }, h('span', { class: 'swatch', style: `background:${typeOf(ent.type).colour}` }), typeOf(ent.type).name, ' · ', h('code', {}, ent.id)),
    ent.alternate_names.length ? h('p', {}, 'Also called: ', ent.alternate_names.join('; ')) : '',
    h('div', { class: 'actions' },
      m.hiddenNeighbours > 0 ? h('button', { type: 'button', id: 'expand', onclick: () => push(['x', id], id) },
        `Expand: ${Math.min(PAGE, m.hiddenNeighbours)} more of ${m.hiddenNeighbours} hidden neighbours`) : h('span', { class: 'muted' }, 'All neighbours shown'),
      shown !== undefined ? h('button', { type: 'button', id: 'collapse', onclick: () => push(['c', id]) }, 'Collapse') : '',
      h('button', { type: 'button', id: 'path-from', onclick: () => setEnd('from', ent) }, 'Path from here'),
      h('button', { type: 'button', id: 'path-to', onclick: () => setEnd('to', ent) }, 'Path to here')),
    ent.properties.length ? h('section', {}, h('h3', {}, 'Properties'), h('dl', {}, ent.properties.map((p) => [
      h('dt', {}, shortIRI(p.predicate)), h('dd', {}, String(p.value), evidenceList(p.evidence, p.evidence_count))]))) : '',
    h('h3', {}, 'Edges'), groups('out', ent.out), groups('in', ent.in));
}

function showEdge(id) {
  const e = model.edges.get(id);
  if (!e) return;
  const name = (x) => (model.nodes.get(x) || { name: x }).name;
  fill($('details'),
    h('h2', { id: 'detail-name' }, `${name(e.source)} ${shortIRI(e.predicate)} ${name(e.target)}`),
    h('p', {}, nodeButton(model.nodes.get(e.source)), ` —${shortIRI(e.predicate)}→ `, nodeButton(model.nodes.get(e.target))),
    h('h3', {}, 'Evidence'), evidenceList(e.evidence, e.evidenceCount));
}

// ---- documents ----
async function openDocument(iri, start, end) {
  state.doc = [iri, start, end];
  writeState(state);
  const v = $('docview');
  v.hidden = false;
  fill(v, h('p', {}, 'Loading the document…'));
  try {
    const doc = await api.document(iri);
    const bytes = new TextEncoder().encode(doc.text);
    const dec = new TextDecoder();
    const s = Number.isInteger(start) ? start : 0;
    const t = Number.isInteger(end) ? end : 0;
    const mark = h('mark', { id: 'doc-mark' }, dec.decode(bytes.slice(s, t)));
    fill(v,
      h('div', { class: 'dochead' }, h('h2', { id: 'doc-title' }, doc.title), h('span', { class: 'muted' }, doc.file),
        h('button', { type: 'button', id: 'doc-close', onclick: closeDocument }, 'Close')),
      h('pre', { class: 'doctext' }, dec.decode(bytes.slice(0, s)), mark, dec.decode(bytes.slice(t))));
    mark.scrollIntoView({ block: 'center' });
    $('doc-close').focus();
  } catch (err) {
    fill(v, h('p', { class: 'error' }, err.message), h('button', { type: 'button', id: 'doc-close', onclick: closeDocument }, 'Close'));
  }
}
function closeDocument() { $('docview').hidden = true; state.doc = null; writeState(state); }
document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !$('docview').hidden) closeDocument(); });

// ---- paths ----
function setEnd(which, ent) {
  pathEnds[which] = ent.id;
  renderPathBar();
  cy.nodes().forEach((n) => n.toggleClass('end', n.id() === pathEnds.from || n.id() === pathEnds.to));
}
function renderPathBar() {
  const name = (id) => (id ? (model.nodes.get(id) || { name: id }).name : '(choose a node)');
  fill($('pathbar'), 'Paths from ', h('strong', { id: 'path-from-name' }, name(pathEnds.from)), ' to ', h('strong', { id: 'path-to-name' }, name(pathEnds.to)), ' ',
    h('button', { type: 'button', id: 'find-paths', disabled: !(pathEnds.from && pathEnds.to),
      onclick: () => push(['p', pathEnds.from, pathEnds.to]) }, 'Find paths'));
}

function showResults() {
  const last = state.ops[state.ops.length - 1] || [];
  const r = model.results;
  if (last[0] === 'p' && r.paths) showWalks('Paths', `${r.paths.paths.length} shortest paths from ${r.paths.from.name} to ${r.paths.to.name}`, r.paths.paths);
  else if (last[0] === 'k' && r.chains) showWalks('Chains', `${r.chains.count} fund → programme → outcome chains (the first 25 drawn)`, r.chains.chains, r.chains.gizmo);
  if (last[0] === 'g' && r.gizmo) showGizmo(r.gizmo);
}

function showWalks(title, summary, walks, gizmo) {
  fill($('details'), h('h2', { id: 'detail-name' }, title), h('p', {}, summary),
    gizmo ? h('section', { class: 'gizmo-src' }, h('h3', {}, 'The Gizmo that finds these chains'), h('pre', { id: 'chain-gizmo' }, gizmo),
      h('button', { type: 'button', onclick: () => { setText(editor, gizmo); $('editor').scrollIntoView(); } }, 'Open in the editor')) : '',
    h('ol', { class: 'walks' }, walks.map((w) => h('li', { class: 'walk' },
      h('p', { class: 'walk-nodes' }, w.nodes.map((n, i) => [i ? ' → ' : '', nodeButton(n)])),
      h('ol', { class: 'steps' }, w.steps.map((st, i) => h('li', {},
        h('p', {}, `${w.nodes[i].name} `, st.edges.map((e) => e.direction === 'backward' ? `←${shortIRI(e.predicate)}—` : `—${shortIRI(e.predicate)}→`).join(' / '), ` ${w.nodes[i + 1].name}`),
        st.edges.map((e) => evidenceList(e.evidence, e.evidence_count)))))))));
}

// ---- Gizmo ----
const editor = makeEditor($('editor'), 'g.V().has("<rdf:type>", "<nhs:Fund>").tag("fund").out("<nhs:funds>").tag("programme").all()', runGizmo);
function runGizmo() {
  fill($('gizmo-error'));
  push(['g', editorText(editor)]);
}
$('run').addEventListener('click', runGizmo);

function showGizmo(g) {
  fill($('gizmo-error'));
  fill($('gizmo-result'));
  if (g.error) {
    fill($('gizmo-error'), `${g.error.status}: ${g.error.message}`);
    return;
  }
  const rows = g.rows;
  const cols = [];
  for (const r of rows) for (const k of Object.keys(typeof r === 'object' && r ? r : { value: r })) if (!cols.includes(k)) cols.push(k);
  const cell = (v) => {
    if (typeof v === 'string' && model.nodes.has(v)) return nodeButton(model.nodes.get(v));
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  fill($('gizmo-result'), h('p', {}, `${rows.length} rows`), h('table', { id: 'gizmo-table' },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.slice(0, 500).map((r) => h('tr', {}, cols.map((c) => h('td', {}, r && typeof r === 'object' ? (c in r ? cell(r[c]) : '') : cell(r))))))));
}

// ---- search ----
const input = $('search');
const sugg = $('suggestions');
let hits = [];
let active = -1;
const showHits = () => {
  sugg.hidden = hits.length === 0;
  input.setAttribute('aria-expanded', String(!sugg.hidden));
  fill(sugg, hits.map((hit, i) => h('li', { role: 'option', id: `hit-${i}`, 'aria-selected': String(i === active), 'data-id': hit.id,
    onmousedown: (e) => { e.preventDefault(); choose(i); } },
  h('span', { class: 'swatch', style: `background:${typeOf(hit.type).colour}` }), hit.name, h('span', { class: 'muted' }, ` ${typeOf(hit.type).name}`))));
  if (active >= 0) input.setAttribute('aria-activedescendant', `hit-${active}`); else input.removeAttribute('aria-activedescendant');
};
const lookup = debounce(async () => {
  const q = input.value.trim();
  if (!q) { hits = []; showHits(); return; }
  try { hits = (await api.search(q)).results; } catch { hits = []; }
  active = hits.length ? 0 : -1;
  showHits();
}, 150);
function choose(i) {
  const hit = hits[i];
  if (!hit) return;
  hits = [];
  showHits();
  input.value = hit.name;
  state.selected = hit.id;
  if (model.nodes.has(hit.id)) activate(hit.id);
  else push(['a', hit.id], hit.id).then(() => cy.animate({ center: { eles: cy.getElementById(hit.id) }, duration: 200 }));
}
input.addEventListener('input', lookup);
input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') active = Math.min(active + 1, hits.length - 1);
  else if (e.key === 'ArrowUp') active = Math.max(active - 1, 0);
  else if (e.key === 'Enter') { choose(active); e.preventDefault(); return; } else if (e.key === 'Escape') { hits = []; } else return;
  e.preventDefault();
  showHits();
});
input.addEventListener('blur', () => setTimeout(() => { hits = []; showHits(); }, 100));

// ---- tools ----
function download(blob, name) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
$('overview').addEventListener('click', () => { state.ops = [['o']]; state.selected = null; state.year = null; cy.elements().remove(); refresh(); });
// Undo takes back the last step; a chosen year is always the last one,
// since any other step ends it.
$('undo').addEventListener('click', () => {
  if (state.year) setYear(null);
  else if (state.ops.length > 1) { state.ops.pop(); refresh(); }
});
$('fit').addEventListener('click', () => cy.fit(shown().nodes, 30));
$('chains').addEventListener('click', () => push(['k', 'Fund,Programme,Outcome']));
$('png').addEventListener('click', () => download(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'nhsgraph-view.png'));
$('json').addEventListener('click', () => {
  const view = {
    url: location.href,
    year: state.year,
    hidden_types: state.hidden,
    nodes: shown().nodes.map((n) => {
      const m = model.nodes.get(n.id());
      return { id: m.id, name: m.name, label: nodeLabel(m), type: m.type, type_name: typeOf(m.type).name, position: n.position() };
    }),
    edges: shown().edges.map((e) => {
      const m = model.edges.get(e.id());
      return { id: m.id, source: m.source, predicate: m.predicate, label: shortIRI(m.predicate), target: m.target,
        evidence: m.evidence || [], evidence_count: m.evidenceCount || 0 };
    }),
  };
  download(new Blob([JSON.stringify(view, null, 1)], { type: 'application/json' }), 'nhsgraph-view.json');
});
$('copylink').addEventListener('click', () => { navigator.clipboard?.writeText(location.href).then(() => status('Link copied'), () => status(location.href)); });

renderPathBar();
refresh().then(() => { if (state.doc) openDocument(...state.doc); });
