// The nhsgraph explorer: a graph of the entities in view, lists of its
// nodes and edges, their details with the evidence for every edge, flows
// (paths and chains) in their own layered view, Gizmo and a timeline.
import { api } from './api.js';
import { h, fill, debounce, listbox, keepFocus } from './dom.js';
import { TYPES, typeOf, shortIRI } from './types.js';
import { build } from './model.js';
import { readState, writeState, encodePositions, decodePositions } from './state.js';
import { makeCanvas, nodeLabel } from './canvas.js';
import { makeFlows } from './flows.js';
import { makeConsole } from './gizmo.js';
import { makeDetails } from './details.js';
import { makeSearch } from './search.js';
import { makeDocView } from './docview.js';
import { buildPage } from './page.js';

const state = readState();
let model = { nodes: new Map(), edges: new Map(), expanded: new Set(), pages: new Map(), highlight: new Set(), results: {}, notes: [] };
let years = new Map();   // node id -> Set of years it is dated in
let beforeYear = null;   // the viewport to go back to when the year is cleared
let flowAnswer = null;   // the paths or chains the flows view shows
let restoring = Boolean(state.pos); // the first build places nodes where the link says
const $ = (id) => document.getElementById(id);
// Past this many nodes a step's new nodes are placed around the node they
// came from without laying the whole view out again: a force layout of 400
// nodes holds the page for about a quarter of a second (Re-layout still
// does it on demand).
const AUTO_LAYOUT_NODES = 200;

buildPage($('app'));
const status = (msg) => { $('status').textContent = msg || ''; };
const counter = (name) => { $('app').dataset[name] = String(Number($('app').dataset[name] || 0) + 1); };

// ---- the canvases ----
const canvas = makeCanvas($('cy'), {
  select: (id) => select(id),
  expand: (id) => expand(id),
  moved: debounce(() => saveView(), 200),
  dropped: () => saveView(),
});
const cy = canvas.cy;
const flows = makeFlows($('flow-cy'), {
  node: (id) => { flows.select(id); select(id); },
  edge: (e) => { state.selected = null; canvas.focus(null); details.showEdge(e); },
});

// saveView writes where every node is, and the zoom, into the link.
function saveView() {
  if (cy.nodes().empty()) return;
  state.pos = encodePositions(canvas.positions());
  state.viewport = { zoom: cy.zoom(), pan: cy.pan() };
  state.pins = canvas.pinned();
  writeState(state);
}

// isHidden says whether a node is left off screen by the legend or the
// timeline.
function isHidden(id) {
  const m = model.nodes.get(id);
  return Boolean(m && state.hidden.includes(typeOf(m.type).name)) || !inYear(id);
}
const shown = () => {
  const nodes = cy.nodes().not('.off');
  return { nodes, edges: nodes.edgesWith(nodes) };
};

// layout lays the view out again with the chosen layout.
async function layout(opts) {
  $('app').setAttribute('aria-busy', 'true');
  status(`Laying out ${shown().nodes.length} nodes…`);
  await new Promise(requestAnimationFrame);
  await canvas.layout(state.layout, opts);
  saveView();
  status(`${shown().nodes.length} nodes laid out (${$('layout').selectedOptions[0].text.toLowerCase()})${canvas.pinned().length ? `; ${canvas.pinned().length} pinned stayed where they were` : ''}.`);
  $('app').setAttribute('aria-busy', 'false');
  counter('layouts');
}

// ---- building the view ----
// breathe lets the browser handle input and draw between the steps of
// building a view, so that no step holds the page for long.
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));
let building = Promise.resolve();
function refresh() {
  building = building.then(async () => {
    status('Loading…');
    $('app').setAttribute('aria-busy', 'true');
    const first = cy.nodes().empty();
    model = await build(state.ops, state.year ? await datedIn(state.year) : []);
    await breathe();
    if (first) for (const id of state.pins) canvas.pin(id, true);
    const grew = canvas.sync(model, state, isHidden);
    await breathe();
    const placed = restoring && decodePositions(state.pos, [...model.nodes.keys()]);
    restoring = false;
    if (placed) {
      canvas.place(placed);
      if (state.viewport) cy.viewport(state.viewport); else cy.fit(undefined, 30);
    } else if (state.year) {
      await canvas.layout(state.layout, { animate: false, fit: false });
      cy.fit(shown().nodes, 30);
    } else if (grew && (first || cy.nodes().length <= AUTO_LAYOUT_NODES)) {
      await canvas.layout(state.layout, { animate: !first, fit: first, incremental: !first });
      if (!first) keepInSight();
    } else if (grew) {
      keepInSight();
    }
    applyFilters();
    await breathe();
    // The details are part of the view: it is ready when they are.
    if (state.selected) await select(state.selected, { quiet: true });
    const last = (state.ops[state.ops.length - 1] || [])[0];
    if (last === 'g' && model.results.gizmo) gizmo.show(model.results.gizmo);
    const yearNote = state.year ? `${shown().nodes.length} nodes dated ${state.year}; All goes back to the whole view.` : '';
    status(model.notes.join(' ') || yearNote || `${model.nodes.size} nodes, ${model.edges.size} edges in view`);
    saveView();
    $('app').setAttribute('aria-busy', 'false');
    if (!performance.getEntriesByName('graph-ready').length) performance.mark('graph-ready');
    counter('ready');
  }).catch((err) => { status(err.message); $('app').setAttribute('aria-busy', 'false'); counter('ready'); });
  return building;
}

// keepInSight widens the viewport, if it must, to show every node.
function keepInSight() {
  const bb = shown().nodes.renderedBoundingBox();
  if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > cy.width() || bb.y2 > cy.height()) canvas.fitTo();
}

// push adds a step to the view. A step acts on the whole view, so it
// ends a year's view first.
function push(op) {
  state.ops.push(op);
  state.year = null;
  beforeYear = null;
  return refresh();
}

// setYear shows the nodes dated in year y, those in view and those the
// graph holds beside them; null goes back to the view as it was, every
// node where it was.
function setYear(y) {
  if (y && !state.year) beforeYear = { zoom: cy.zoom(), pan: { ...cy.pan() }, positions: canvas.positions() };
  state.year = y;
  return refresh().then(() => {
    if (!y && beforeYear) {
      canvas.place(beforeYear.positions);
      cy.viewport({ zoom: beforeYear.zoom, pan: beforeYear.pan });
      beforeYear = null;
      saveView();
    }
  });
}

// select shows a node or an edge (null: nothing) without changing the
// view: it is marked on the canvas and in the lists, and its neighbours
// stand out. It resolves when the details are shown.
function select(id, { quiet = false } = {}) {
  state.selected = id;
  canvas.focus(model.nodes.has(id) || model.edges.has(id) ? id : null);
  for (const li of document.querySelectorAll('#nodelist [role="option"], #edgelist [role="option"]')) {
    li.setAttribute('aria-selected', String(li.dataset.id === id));
  }
  writeState(state);
  if (model.edges.has(id)) details.showEdge(model.edges.get(id));
  else if (id) return details.showNode(id);
  else if (!quiet) details.message(h('p', {}, 'Select a node or an edge to see its details and evidence.'));
  return Promise.resolve();
}

function expand(id, filter) {
  state.selected = id;
  return push(filter ? ['x', id, filter] : ['x', id]);
}

function addNode(id) {
  state.selected = id;
  return push(['a', id]).then(() => cy.animate({ center: { eles: cy.getElementById(id) }, duration: 200 }));
}

function togglePin(id) {
  if (!model.nodes.has(id)) return;
  canvas.pin(id, !canvas.isPinned(id));
  saveView();
  const b = $('pin');
  if (b && state.selected === id) { b.textContent = canvas.isPinned(id) ? 'Unpin' : 'Pin'; b.setAttribute('aria-pressed', String(canvas.isPinned(id))); }
  status(canvas.isPinned(id) ? `${model.nodes.get(id).name} is pinned: layouts leave it where it is.` : `${model.nodes.get(id).name} is no longer pinned.`);
}

// ---- filters, lists, timeline ----
function applyFilters() {
  cy.batch(() => cy.nodes().forEach((n) => n.toggleClass('off', isHidden(n.id()))));
  const { nodes, edges } = shown();
  $('cy').setAttribute('aria-label', `Graph of ${nodes.length} nodes and ${edges.length} edges; the lists of nodes and edges hold the same`);
  $('undo').disabled = state.ops.length <= 1 && !state.year;
  renderLegend();
  renderLists();
  renderTimeline();
  writeState(state);
}

function renderLegend() {
  const present = new Map();
  for (const n of model.nodes.values()) {
    if (!inYear(n.id)) continue;
    const t = typeOf(n.type);
    present.set(t.name, (present.get(t.name) || 0) + 1);
  }
  keepFocus($('legend'), TYPES.map(([, name, colour]) => [name, colour]).concat([['Other', '#555555']])
    .filter(([name]) => present.has(name) || state.hidden.includes(name))
    .map(([name, colour]) => {
      const off = state.hidden.includes(name);
      return h('li', {}, h('button', { type: 'button', id: `type-${name}`, class: off ? 'type off-type' : 'type', 'aria-pressed': String(!off), 'data-type': name,
        title: off ? `Show ${name}` : `Hide ${name}`,
        onclick: () => { state.hidden = off ? state.hidden.filter((x) => x !== name) : [...state.hidden, name]; applyFilters(); } },
      h('span', { class: 'swatch', style: `background:${colour}` }), `${name} (${present.get(name) || 0})`));
    }));
}

const option = (id, i, children) => h('li', {
  role: 'option', 'data-id': id, 'aria-selected': String(id === state.selected),
  tabindex: (state.selected ? id === state.selected : i === 0) ? '0' : '-1', onclick: () => select(id),
}, children);

function renderLists() {
  const { nodes, edges } = shown();
  $('count').textContent = `(${nodes.length})`;
  $('edge-count').textContent = `(${edges.length})`;
  const items = nodes.map((n) => model.nodes.get(n.id())).sort((a, b) => a.name.localeCompare(b.name));
  keepFocus($('nodelist'), items.map((m, i) => option(m.id, i, [
    h('span', { class: 'swatch', style: `background:${typeOf(m.type).colour}` }), nodeLabel(m), h('span', { class: 'sr' }, `, ${typeOf(m.type).name}`)])));
  const name = (id) => model.nodes.get(id).name;
  const es = edges.map((e) => model.edges.get(e.id())).sort((a, b) => name(a.source).localeCompare(name(b.source)) || a.predicate.localeCompare(b.predicate));
  keepFocus($('edgelist'), es.map((e, i) => option(e.id, i, `${name(e.source)} —${shortIRI(e.predicate)}→ ${name(e.target)}`)));
  // A list with no item chosen still needs one tab stop.
  for (const list of [$('nodelist'), $('edgelist')]) {
    if (list.children.length && !list.querySelector('[tabindex="0"]')) list.children[0].setAttribute('tabindex', '0');
  }
}

const keyOnNode = (key, li) => {
  const id = li.dataset.id;
  if (key === 'Enter' || key === ' ') select(id);
  else if (key === 'e' || key === '+') expand(id);
  else if (key === 'p') togglePin(id);
  else return false;
  return true;
};
listbox($('nodelist'), keyOnNode);
listbox($('edgelist'), (key, li) => { if (key !== 'Enter' && key !== ' ') return false; select(li.dataset.id); return true; });

// inYear says whether a node passes the year's filter.
function inYear(id) {
  return !state.year || Boolean(years.get(id)?.has(state.year));
}

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
  if (model.nodes.size) applyFilters();
}
const dates = loadTimeline();

// datedIn lists the nodes dated in year y.
async function datedIn(y) {
  await dates;
  return [...years].filter(([, ys]) => ys.has(y)).map(([id]) => id).sort();
}

function renderTimeline() {
  const count = new Map();
  for (const [id, ys] of years) if (model.nodes.has(id)) for (const y of ys) count.set(y, (count.get(y) || 0) + 1);
  const all = new Map();
  for (const ys of years.values()) for (const y of ys) all.set(y, (all.get(y) || 0) + 1);
  const ys = [...all.keys()].sort();
  keepFocus($('timeline'), ys.length ? [
    h('button', { type: 'button', id: 'year-all', 'aria-pressed': String(!state.year), 'data-year': 'all', onclick: () => { if (state.year) setYear(null); } }, 'All'),
    ys.map((y) => h('button', { type: 'button', id: `year-${y}`, 'aria-pressed': String(state.year === y), 'data-year': y,
      title: `${count.get(y) || 0} of the ${all.get(y)} nodes dated ${y} are in view`,
      onclick: () => setYear(state.year === y ? null : y) },
    String(y), h('span', { class: 'bar', style: `width:${Math.min(40, 4 + (all.get(y) || 0))}px` })))] : h('p', { class: 'muted' }, 'No dated nodes.'));
}

// ---- details, documents, paths ----
const docs = makeDocView($('docview'), () => { state.doc = null; writeState(state); });
function openDocument(iri, start, end) {
  state.doc = [iri, start, end];
  writeState(state);
  return docs.open(iri, start, end);
}

const details = makeDetails($('details'), {
  state,
  model: () => model,
  select: (id) => select(id),
  add: addNode,
  expand,
  collapse: (id) => push(['c', id]),
  pin: togglePin,
  isPinned: (id) => canvas.isPinned(id),
  setEnd,
  openDocument,
});

function setEnd(which, ent) {
  state[which] = ent.id;
  renderPathBar();
  cy.nodes().forEach((n) => n.toggleClass('end', n.id() === state.from || n.id() === state.to));
  writeState(state);
}

async function renderPathBar() {
  const name = async (id) => {
    if (!id) return '(choose a node)';
    if (model.nodes.has(id)) return model.nodes.get(id).name;
    try { const e = await api.entity(id); return e.name || e.id; } catch { return id; }
  };
  if (!state.from && !state.to) {
    keepFocus($('pathbar'), h('span', { class: 'muted' }, 'Paths: choose “Path from here” on one node and “Path to here” on another.'));
    return;
  }
  const [from, to] = await Promise.all([name(state.from), name(state.to)]);
  keepFocus($('pathbar'), 'Paths from ', h('strong', { id: 'path-from-name' }, from), ' to ', h('strong', { id: 'path-to-name' }, to), ' ',
    h('button', { type: 'button', id: 'find-paths', disabled: !(state.from && state.to), onclick: () => showFlow(['p', state.from, state.to]) }, 'Find paths'));
}

// ---- flows ----
const plural = (n, what) => `${n.toLocaleString('en-GB')} ${what}${n === 1 ? '' : 's'}`;
// showFlow shows paths (['p', from, to]) or chains (['k', types]) in the
// flows view, and lists them with their evidence in the details.
async function showFlow(flow) {
  state.flow = flow;
  select(null, { quiet: true });
  setTab('flows');
  const [kind, a, b] = flow;
  $('app').setAttribute('aria-busy', 'true');
  try {
    flowAnswer = kind === 'p' ? await api.paths(a, b) : await api.chains(a);
  } catch (err) {
    flowAnswer = null;
    flows.clear();
    fill($('flow-tools'), h('p', { class: 'error' }, err.message));
    $('app').setAttribute('aria-busy', 'false');
    counter('flows');
    return;
  }
  const walks = kind === 'p' ? flowAnswer.paths : flowAnswer.chains;
  const summary = kind === 'p'
    ? `${plural(walks.length, 'shortest path')} from ${flowAnswer.from.name || flowAnswer.from.id} to ${flowAnswer.to.name || flowAnswer.to.id}`
    : `${plural(flowAnswer.count, a.split(',').join(' → ') + ' chain')}${flowAnswer.truncated ? ' (the first ' + walks.length + ')' : ''}`;
  const url = kind === 'p' ? api.pathsURL(a, b) : api.chainsURL(a);
  fill($('flow-tools'), h('span', { id: 'flow-summary' }, summary),
    h('button', { type: 'button', id: 'flow-csv', onclick: async () => download(await api.csv(url), kind === 'p' ? 'nhsgraph-paths.csv' : 'nhsgraph-chains.csv') }, 'Download CSV'),
    h('button', { type: 'button', id: 'flow-to-graph', onclick: () => { setTab('graph'); push(flow); } }, 'Show on the graph'),
    kind === 'k' ? h('button', { type: 'button', id: 'flow-gizmo', onclick: () => { gizmo.setText(flowAnswer.gizmo); setTab('gizmo'); gizmo.editor.focus(); } }, 'Open its Gizmo') : '');
  flows.show(walks, { columns: kind === 'k', ends: kind === 'p' ? [flowAnswer.from.id, flowAnswer.to.id] : [] });
  details.showWalks(kind === 'p' ? 'Paths' : 'Chains', summary, walks,
    kind === 'k' ? h('section', { class: 'gizmo-src' }, h('h3', {}, 'The Gizmo that finds these chains'), h('pre', { id: 'chain-gizmo' }, flowAnswer.gizmo)) : '');
  writeState(state);
  $('app').setAttribute('aria-busy', 'false');
  counter('flows');
}

// ---- tabs ----
function setTab(name) {
  state.tab = name;
  $('main').dataset.tab = name;
  // On a wide screen only the graph and the flows take turns; the other
  // panels are always there.
  const current = isPhone() || name === 'flows' ? name : 'graph';
  for (const t of document.querySelectorAll('[role="tab"]')) {
    const on = t.dataset.tab === current;
    t.setAttribute('aria-selected', String(on));
    t.setAttribute('tabindex', on ? '0' : '-1');
  }
  requestAnimationFrame(() => { cy.resize(); if (name === 'flows') flows.resize(); });
  writeState(state);
}
const isPhone = () => matchMedia('(max-width: 760px)').matches;
for (const t of document.querySelectorAll('[role="tab"]')) t.addEventListener('click', () => setTab(t.dataset.tab));
document.querySelector('[role="tablist"]').addEventListener('keydown', (e) => {
  const tabs = [...document.querySelectorAll('[role="tab"]')].filter((t) => t.offsetParent !== null);
  const i = tabs.indexOf(document.activeElement);
  const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
  if (j === null || i < 0) return;
  const t = tabs[(j + tabs.length) % tabs.length];
  setTab(t.dataset.tab);
  t.focus();
  e.preventDefault();
});
matchMedia('(max-width: 760px)').addEventListener('change', () => setTab(state.tab));

// ---- Gizmo ----
const gizmo = makeConsole($('panel-gizmo'), {
  run: (script) => push(['g', script]),
  selected: () => (model.nodes.has(state.selected) ? state.selected : null),
  nodeButton: (v) => (model.nodes.has(v) ? details.nodeButton(model.nodes.get(v)) : null),
  download,
});

// ---- search ----
makeSearch($('search'), $('suggestions'), (hit) => {
  if (model.nodes.has(hit.id)) { setTab(isPhone() ? 'details' : state.tab); select(hit.id); } else addNode(hit.id);
});

// ---- tools ----
function download(blob, name) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true }, name);
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
// The canvas in view: the flows when their tab is open, else the graph.
const onScreen = () => (state.tab === 'flows' ? flows.cy : cy);

$('overview').addEventListener('click', () => { state.ops = [['o']]; state.selected = null; state.year = null; cy.elements().remove(); refresh(); });
// Undo takes back the last step; a chosen year is always the last one,
// since any other step ends it.
$('undo').addEventListener('click', () => {
  if (state.year) setYear(null);
  else if (state.ops.length > 1) { state.ops.pop(); refresh(); }
});
$('layout').value = state.layout;
$('layout').addEventListener('change', () => { state.layout = $('layout').value; layout({ incremental: false, fit: true }); });
$('relayout').addEventListener('click', () => layout({ incremental: false, fit: true }));
$('fit').addEventListener('click', () => canvas.fitTo());
$('chains').addEventListener('click', () => showFlow(['k', 'Fund,Programme,Outcome']));
$('png').addEventListener('click', () => download(onScreen().png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'nhsgraph-view.png'));
$('svg').addEventListener('click', () => download(new Blob([onScreen().svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' }), 'nhsgraph-view.svg'));
$('json').addEventListener('click', () => {
  const view = {
    url: location.href,
    year: state.year,
    hidden_types: state.hidden,
    nodes: shown().nodes.map((n) => {
      const m = model.nodes.get(n.id());
      return { id: m.id, name: m.name, label: nodeLabel(m), type: m.type, type_name: typeOf(m.type).name, position: n.position(), pinned: canvas.isPinned(m.id) };
    }),
    edges: shown().edges.map((e) => {
      const m = model.edges.get(e.id());
      return { id: m.id, source: m.source, predicate: m.predicate, label: shortIRI(m.predicate), target: m.target,
        evidence: m.evidence || [], evidence_count: m.evidenceCount || 0 };
    }),
    // What was found: the flows view's paths or chains as the API gave
    // them, and the last Gizmo query's rows.
    paths: state.flow?.[0] === 'p' ? flowAnswer : null,
    chains: state.flow?.[0] === 'k' ? flowAnswer : null,
    gizmo: model.results.gizmo && !model.results.gizmo.error ? model.results.gizmo : null,
  };
  download(new Blob([JSON.stringify(view, null, 1)], { type: 'application/json' }), 'nhsgraph-view.json');
});
$('copylink').addEventListener('click', () => { navigator.clipboard?.writeText(location.href).then(() => status('Link copied'), () => status(location.href)); });

// Keys for the selected node, wherever focus is but in a field: E
// expands, P pins, L lays out again, F fits.
document.addEventListener('keydown', (e) => {
  const t = e.target;
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || docs.isOpen()) return;
  if (t.closest && t.closest('input, textarea, select, [contenteditable="true"], .cm-editor')) return;
  const sel = model.nodes.has(state.selected) ? state.selected : null;
  if (e.key === 'e' && sel) expand(sel);
  else if (e.key === 'p' && sel) togglePin(sel);
  else if (e.key === 'l') layout({ incremental: false, fit: true });
  else if (e.key === 'f') canvas.fitTo();
  else return;
  e.preventDefault();
});

setTab(state.tab);
renderPathBar();
refresh().then(async () => {
  if (state.flow) {
    const tab = state.tab;
    const sel = state.selected;
    await showFlow(state.flow);
    setTab(tab);
    if (sel) select(sel);
  }
  if (state.doc) openDocument(...state.doc);
});
