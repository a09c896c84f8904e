// The view is a list of operations (overview, add, expand, collapse,
// paths, chains, gizmo); the graph on screen is what replaying them gives,
// plus the dated nodes of a chosen year. That makes undo a pop, and a link
// a copy of the list. The API's answers are kept (api.js), so replaying
// asks the server only for what is new.
import { api } from './api.js';

export const PAGE = 20;       // neighbours added per expansion
const MAX_NODES = 400; // past this, nodes are not added (layout cost)
const YEAR_NODES = 150; // dated nodes a year brings in at most
const GIZMO_ROWS = 500;       // rows a Gizmo step shows

const RELATIONS = ['<schema:Organization>', '<nhs:Programme>', '<nhs:Fund>'];

// neighbours lists a node's distinct neighbours over relation edges in its
// entity answer, best connected first as the API orders them.
function neighbours(ent) {
  const seen = new Map();
  for (const groups of [ent.out, ent.in]) {
    for (const g of groups || []) {
      if (g.bookkeeping) continue;
      for (const e of g.edges) if (!seen.has(e.id)) seen.set(e.id, { id: e.id, name: e.name, type: e.type });
    }
  }
  return [...seen.values()];
}

// edgesOf lists an entity's relation edges as subject -> object.
function edgesOf(ent) {
  const out = [];
  for (const [dir, groups] of [['out', ent.out], ['in', ent.in]]) {
    for (const g of groups || []) {
      if (g.bookkeeping) continue;
      for (const e of g.edges) {
        const [source, target] = dir === 'out' ? [ent.id, e.id] : [e.id, ent.id];
        out.push({ source, target, predicate: g.predicate, evidence: e.evidence, evidenceCount: e.evidence_count });
      }
    }
  }
  return out;
}

export const edgeKey = (s, p, t) => `${s} ${p} ${t}`;

// filterKey names an expansion's filter ({p, d, t}); '' is none.
export const filterKey = (f) => (f && (f.p || f.d || f.t) ? JSON.stringify([f.p || '', f.d || '', f.t || '']) : '');

// gizmoNodes picks the node IRIs out of Gizmo result rows.
function gizmoNodes(rows) {
  const ids = [];
  for (const r of rows || []) {
    for (const v of typeof r === 'object' && r ? Object.values(r) : [r]) {
      if (typeof v === 'string' && /^<[^<>\s]+>$/.test(v) && !ids.includes(v)) ids.push(v);
    }
  }
  return ids;
}

// walkEdges turns paths or chains into edges, subject -> object.
function walkEdges(walks) {
  const edges = [];
  for (const w of walks) {
    for (const st of w.steps) {
      for (const e of st.edges) {
        const [s, t] = e.direction === 'backward' ? [st.to, st.from] : [st.from, st.to];
        edges.push({ source: s, target: t, predicate: e.predicate, evidence: e.evidence, evidenceCount: e.evidence_count });
      }
    }
  }
  return edges;
}

async function pool(items, n, fn) {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(n, queue.length) }, async () => {
    while (queue.length) await fn(queue.shift()).catch(() => {});
  }));
}

// build replays ops into {nodes, edges, expanded, pages, highlight,
// results, notes}. Each node records why it is in view (reasons) and, when
// an expansion brought it, the node it came from (parent). pages holds how
// far each expansion has read its node's neighbours, by node and filter.
// results holds the answers of the last paths, chains and gizmo ops.
// dated are the IRIs of the chosen year's dated nodes: they join the view
// for as long as the year is chosen, anchored by nothing else, so that
// clearing the year gives back exactly the view the ops build.
export async function build(ops, dated = []) {
  const nodes = new Map();    // id -> {id, name, type, reasons:Set, parent}
  const expanded = new Set(); // nodes expanded at least once
  const pages = new Map();    // id + filterKey -> neighbours read
  const extra = [];           // edges known from walks
  const highlight = new Set();
  const results = {};
  const notes = new Set();
  const refused = new Set(); // nodes left out at the cap
  const add = (ref, reason, parent) => {
    if (!ref || !ref.id) return false;
    let n = nodes.get(ref.id);
    if (!n) {
      if (nodes.size >= MAX_NODES) { refused.add(ref.id); return false; }
      n = { id: ref.id, name: ref.name || ref.id, type: ref.type || '', reasons: new Set(), parent };
      nodes.set(ref.id, n);
    }
    if (ref.name) n.name = ref.name;
    if (ref.type) n.type = ref.type;
    n.reasons.add(reason);
    return true;
  };
  const walks = (res, walkList) => {
    for (const w of walkList) for (const n of w.nodes) add(n, 'w');
    const es = walkEdges(walkList);
    extra.push(...es);
    highlight.clear();
    for (const e of es) highlight.add(edgeKey(e.source, e.predicate, e.target));
  };
  for (const [i, op] of ops.entries()) {
    const [kind, a, b] = op;
    const last = i === ops.length - 1;
    try {
      if (kind === 'o') {
        const ent = await api.entity('<nhs:org/nhsx>').catch(() => null);
        if (!ent) { notes.add('This graph has no NHSX to start from: find an entity with the search box.'); continue; }
        add(ent, 'o');
        for (const n of neighbours(ent).filter((n) => RELATIONS.includes(n.type)).slice(0, 30)) add(n, 'o');
      } else if (kind === 'a') {
        add(await api.entity(a), 'a');
      } else if (kind === 'x') {
        add(await api.entity(a), 'a');
        await expand(a, b || {}, (n) => add(n, 'x:' + a, a), () => nodes.size >= MAX_NODES, nodes, pages);
        expanded.add(a);
      } else if (kind === 'c') {
        expanded.delete(a);
        for (const k of [...pages.keys()]) if (k.startsWith(a + '\n')) pages.delete(k);
        for (const [id, n] of nodes) {
          n.reasons.delete('x:' + a);
          if (n.reasons.size === 0) nodes.delete(id);
        }
      } else if (kind === 'p') {
        const res = await api.paths(a, b);
        results.paths = res;
        walks(res, res.paths);
      } else if (kind === 'k') {
        const res = await api.chains(a);
        results.chains = res;
        walks(res, res.chains.slice(0, 25));
      } else if (kind === 'g') {
        let res;
        try { res = await api.gizmo(a, GIZMO_ROWS + 1); } catch (err) { if (last) results.gizmo = { script: a, error: err }; continue; }
        const rows = res.result || [];
        results.gizmo = { script: a, rows: rows.slice(0, GIZMO_ROWS), more: rows.length > GIZMO_ROWS };
        const ids = gizmoNodes(rows).slice(0, 100);
        const refs = await Promise.all(ids.map((id) => api.entity(id).catch(() => null)));
        for (const r of refs) if (r) add(r, 'g');
      }
    } catch (err) {
      notes.add(err.message);
    }
  }
  const refs = await Promise.all(dated.slice(0, YEAR_NODES).map((id) => api.entity(id).catch(() => null)));
  for (const r of refs) if (r) add(r, 'y');
  if (dated.length > YEAR_NODES) notes.add(`Showing ${YEAR_NODES} of the ${dated.length} nodes dated in that year.`);
  for (const id of nodes.keys()) refused.delete(id);
  if (refused.size) notes.add(`The view holds ${MAX_NODES} nodes, the most it lays out quickly: ${refused.size} more were not added. Collapse some first.`);

  // Edges among the nodes in view, from each node's details.
  const details = new Map();
  await pool([...nodes.keys()], 6, async (id) => details.set(id, await api.entity(id)));
  const edges = new Map();
  const addEdge = (e) => {
    if (!nodes.has(e.source) || !nodes.has(e.target) || e.source === e.target) return;
    const k = edgeKey(e.source, e.predicate, e.target);
    if (!edges.has(k)) edges.set(k, { ...e, id: k });
  };
  for (const ent of details.values()) edgesOf(ent).forEach(addEdge);
  extra.forEach(addEdge);
  // How many neighbours each node has, of them how many are in view: the
  // server counts the first (degree), the edges in view the second.
  const inView = new Map();
  for (const e of edges.values()) {
    for (const [x, y] of [[e.source, e.target], [e.target, e.source]]) {
      if (!inView.has(x)) inView.set(x, new Set());
      inView.get(x).add(y);
    }
  }
  for (const [id, n] of nodes) {
    const ent = details.get(id);
    if (!ent) continue;
    // A graph without <schema:name> (Cayley's movie data has <name>) is
    // still read by name.
    if (n.name === n.id) n.name = ent.name || nameOf(ent) || n.id;
    n.degree = ent.degree;
    n.shownNeighbours = inView.get(id)?.size || 0;
    n.hiddenNeighbours = Math.max(0, ent.degree - n.shownNeighbours);
  }
  return { nodes, edges, expanded, pages, highlight, results, notes: [...notes] };
}

// nameOf is the value of a property called name, in any vocabulary.
export function nameOf(ent) {
  const p = (ent.properties || []).find((p) => /^<(?:[^>]*[/#:])?name>$/.test(p.predicate) && typeof p.value === 'string');
  return p ? p.value : '';
}

// expand adds the next PAGE neighbours of a that are not yet in view,
// reading the server's list a page at a time from where the last expansion
// with the same filter stopped.
async function expand(a, filter, add, full, nodes, pages) {
  const key = a + '\n' + filterKey(filter);
  let offset = pages.get(key) || 0;
  let added = 0;
  for (let reads = 0; added < PAGE && reads < 10 && !full(); reads++) {
    const res = await api.neighbours(a, filter, offset, PAGE);
    for (const n of res.neighbours) {
      offset++;
      if (nodes.has(n.id)) { add(n); continue; }
      if (!add(n)) { offset--; break; }
      if (++added === PAGE) break;
    }
    if (offset >= res.matching || res.neighbours.length === 0) break;
  }
  pages.set(key, offset);
}
