// The Gizmo console: an editor with examples to pick from, the graph's
// predicates to insert, the queries run before, errors marked at their
// line, a hint when a name stands where an IRI belongs, and the rows as a
// table that scrolls inside its panel and downloads as CSV.
import Papa from 'papaparse';
import { api } from './api.js';
import { h, fill } from './dom.js';
import { makeEditor, text as editorText, setText, insert, markError, clearMarks } from './editor.js';

const REFERENCE = 'https://github.com/cayleygraph/cayley/blob/v0.7.7/docs/gizmoapi.md';
const HISTORY_KEY = 'nhsgraph.gizmo.history';
const HISTORY = 20;

// EXAMPLES are queries to start from; SEL stands for the selected node.
const EXAMPLES = [
  ['Funds and the programmes they pay for', 'g.V().has("<rdf:type>", "<nhs:Fund>").tag("fund").out("<nhs:funds>").tag("programme").all()'],
  ['Fund → programme → outcome', 'g.V().has("<rdf:type>", "<nhs:Fund>").tag("fund")\n  .out("<nhs:funds>").tag("programme")\n  .out("<nhs:achieved>").tag("outcome").all()'],
  ['Every organisation, by name', 'g.V().has("<rdf:type>", "<schema:Organization>").out("<schema:name>").all()'],
  ['Who leads NHSX', 'g.V("<nhs:org/nhsx>").out("<nhs:ledBy>").tag("leader").out("<schema:name>").all()'],
  ['An entity by its name', 'g.V().has("<schema:name>", "NHSX").all()'],
  ['The selected node\'s neighbours', 'g.V(SEL).both().all()'],
  ['The predicates leaving the selected node', 'g.V(SEL).outPredicates().all()'],
  ['The sentence behind each fact about NHSX', 'g.V("<nhs:org/nhsx>")\n  .labelContext(g.V().has("<rdf:type>", "<nhs:Sentence>"), "sentence")\n  .out().tag("object")\n  .forEach(function(r) {\n    g.V(r.sentence).out("<schema:text>").forEach(function(t) {\n      g.emit({object: r.object, text: t.id})\n    })\n  })'],
];

// errorAt reads the line and column a Gizmo error names, if any.
function errorAt(message) {
  const m = /Line (\d+):(\d+)/.exec(message) || /<eval>:(\d+):(\d+)/.exec(message);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : null;
}

// nameArguments finds strings passed where Gizmo wants an IRI: node ids
// given to g.V() and predicates given to out(), in(), both(), has() and
// the like, that are not in angle brackets and not blank nodes.
function nameArguments(script) {
  const out = [];
  const re = /(\bg\.(?:V|Vertex)|\.(?:out|in|both|has|hasR|save|saveR|outPredicates|inPredicates))\(\s*(["'])((?:\\.|(?!\2).)*)\2/g;
  for (let m; (m = re.exec(script));) {
    const arg = m[3];
    if (!/^<[^<>]*>$/.test(arg) && !arg.startsWith('_:')) out.push({ call: m[1].replace(/^\.|^g\./, ''), arg, node: /V|Vertex/.test(m[1]) });
  }
  return out;
}

function readHistory() {
  try { return JSON.parse(localStorage.getItem(HISTORY_KEY)) || []; } catch { return []; }
}
function remember(script) {
  const list = [script, ...readHistory().filter((s) => s !== script)].slice(0, HISTORY);
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(list)); } catch { /* private browsing: no history */ }
}

// makeConsole fills panel. run(script) runs a query as a step of the view;
// selected() is the selected node's IRI; nodeButton(id) makes a cell for a
// node in view, or null.
export function makeConsole(panel, { run, selected, nodeButton, download }) {
  const examples = h('select', { id: 'gizmo-examples', 'aria-label': 'Examples' },
    h('option', { value: '' }, 'Examples…'), EXAMPLES.map(([title], i) => h('option', { value: String(i) }, title)));
  const preds = h('select', { id: 'gizmo-predicates', 'aria-label': 'Insert a predicate' }, h('option', { value: '' }, 'Insert a predicate…'));
  const history = h('select', { id: 'gizmo-history', 'aria-label': 'Queries run before' });
  const hint = h('div', { id: 'gizmo-hint', class: 'hint', role: 'status' });
  const error = h('div', { id: 'gizmo-error', role: 'alert', class: 'error' });
  const result = h('div', { id: 'gizmo-result' });
  const editorBox = h('div', { id: 'editor' });
  fill(panel,
    h('h2', { id: 'gizmo-h' }, 'Gizmo'),
    h('div', { class: 'gizmo-tools' },
      h('button', { id: 'run', type: 'button', onclick: go }, 'Run (Ctrl-Enter)'), examples, preds, history,
      h('a', { href: REFERENCE, target: '_blank', rel: 'noopener' }, 'Gizmo reference'),
      h('a', { href: '/api/openapi.json', target: '_blank' }, 'API')),
    editorBox, hint, error, result);
  const editor = makeEditor(editorBox, EXAMPLES[0][1], go);

  function renderHistory() {
    const list = readHistory();
    fill(history, h('option', { value: '' }, list.length ? `History (${list.length})…` : 'History (none yet)'),
      list.map((s, i) => h('option', { value: String(i), title: s }, s.replace(/\s+/g, ' ').slice(0, 70))));
  }
  renderHistory();
  const pick = (sel, fn) => sel.addEventListener('change', () => { if (sel.value !== '') fn(sel.value); sel.value = ''; editor.focus(); });
  pick(examples, (i) => setText(editor, EXAMPLES[Number(i)][1].replaceAll('SEL', JSON.stringify(selected() || '<nhs:org/nhsx>'))));
  pick(history, (i) => setText(editor, readHistory()[Number(i)] || ''));
  pick(preds, (p) => insert(editor, JSON.stringify(p)));

  // The schema's predicates that the graph uses; a graph the schema does
  // not describe is asked for its predicates directly.
  (async () => {
    let list = [];
    try {
      const schema = await api.schema();
      list = schema.terms.filter((t) => t.kind === 'predicate' && t.count > 0).map((t) => [`<${t.iri}>`, t.description]);
      if (!list.length) list = ((await api.gizmo('g.V().outPredicates().unique().all()', 300)).result || []).map((r) => [r.id, '']);
    } catch { /* no list */ }
    preds.append(...list.map(([iri, desc]) => h('option', { value: iri, title: desc || iri }, iri)));
  })();

  function go() {
    const script = editorText(editor);
    remember(script);
    renderHistory();
    fill(error);
    fill(hint);
    clearMarks(editor);
    run(script);
  }

  // hints says, under the editor, where a name stands for an IRI, with the
  // IRI the graph has for it when a search finds exactly one.
  async function hints(script) {
    const found = nameArguments(script);
    if (!found.length) { fill(hint); return; }
    const items = await Promise.all(found.slice(0, 3).map(async (f) => {
      if (!f.node) return h('p', {}, `${f.call}("${f.arg}") names a predicate without angle brackets; predicates are IRIs such as "<schema:name>".`);
      let match = null;
      try { match = (await api.search(f.arg, 2)).results.find((r) => r.match === 'exact'); } catch { /* no suggestion */ }
      return h('p', {}, `g.${f.call}("${f.arg}") starts from the text "${f.arg}", not from the entity of that name: g.V() takes IRIs such as "<nhs:org/nhsx>". `,
        match ? [`"${f.arg}" is ${match.id}. `, h('button', { type: 'button', class: 'use-iri', onclick: () => {
          setText(editor, editorText(editor).replace(JSON.stringify(f.arg), JSON.stringify(match.id)).replace(`'${f.arg}'`, JSON.stringify(match.id)));
          fill(hint);
        } }, `Use ${match.id}`)] : `Try g.V().has("<schema:name>", "${f.arg}").`);
    }));
    if (editorText(editor) === script) fill(hint, items);
  }

  // show renders the answer of the view's last Gizmo step.
  function show(g) {
    fill(error);
    fill(result);
    hints(g.script);
    if (g.error) {
      const msg = String(g.error.message).replace(/^query error: /, '');
      const at = errorAt(msg);
      fill(error, at ? `Line ${at.line}, column ${at.col}: ${msg}` : `${g.error.status || ''}${g.error.status ? ': ' : ''}${msg}`);
      if (at && editorText(editor) === g.script) markError(editor, at.line, at.col, msg);
      return;
    }
    const rows = g.rows;
    const cols = columns(rows);
    const cell = (v) => (typeof v === 'string' && nodeButton(v)) || (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
    fill(result,
      h('p', { id: 'gizmo-count' }, g.more ? `The first ${rows.length} rows; the query has more. The CSV holds as many as the server gives.` : `${rows.length} rows`,
        ' ', h('button', { type: 'button', id: 'gizmo-csv', onclick: () => csv(g.script) }, 'Download CSV')),
      h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Gizmo rows' },
        h('table', { id: 'gizmo-table' },
          h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows.map((r) => h('tr', {}, cols.map((c) => h('td', {}, isRow(r) ? (c in r ? cell(r[c]) : '') : cell(r)))))))));
  }

  // csv runs the query again for every row the server gives, and
  // downloads them with a column per tag.
  async function csv(script) {
    try {
      const rows = (await api.gizmo(script, -1)).result || [];
      const cols = columns(rows);
      const data = rows.map((r) => cols.map((c) => { const v = isRow(r) ? r[c] : r; return typeof v === 'object' && v !== null ? JSON.stringify(v) : v; }));
      download(new Blob([Papa.unparse({ fields: cols, data })], { type: 'text/csv' }), 'nhsgraph-gizmo.csv');
    } catch (err) {
      fill(error, err.message);
    }
  }

  return {
    editor,
    show,
    setText: (s) => setText(editor, s),
  };
}

const isRow = (r) => typeof r === 'object' && r !== null && !Array.isArray(r);

// columns lists every tag of the rows, in order of first appearance; rows
// that are bare values make one column, "value".
function columns(rows) {
  const cols = [];
  for (const r of rows) for (const k of Object.keys(isRow(r) ? r : { value: r })) if (!cols.includes(k)) cols.push(k);
  return cols;
}
