// The view is a list of operations (overview, add, expand, collapse,
// paths, chains, gizmo); the graph on screen is what replaying them gives,
// plus the dated nodes of a chosen year. That makes undo a pop, and a link
// a copy of the list.
import { api } from './api.js';

export const PAGE = 20;       // neighbours added per expansion
export const MAX_NODES = 400; // past this, expansions are refused (layout cost)
export const YEAR_NODES = 150; // dated nodes a year brings in at most

const RELATIONS = ['<schema:Organization>', '<nhs:Programme>', '<nhs:Fund>'];

// neighbours lists a node's distinct neighbours over relation edges, best
// connected first as the API orders them, and their count.
export function neighbours(ent) {
  const seen = new Map();
  let total = 0;
  for (const groups of [ent.out, ent.in]) {
    for (const g of groups || []) {
      if (g.bookkeeping) continue;
      total += g.count;
      for (const e of g.edges) if (!seen.has(e.id)) seen.set(e.id, { id: e.id, name: e.name, type: e.type });
    }
  }
  return { list: [...seen.values()], total: Math.max(total, seen.size) };
}

// edgesOf lists an entity's relation edges as subject -> object.
function edgesOf(ent) {
  const out = [];
  for (const g of ent.out || []) {
    if (g.bookkeeping) continue;
    for (const e of g.edges) out.push({ source: ent.id, target: e.id, predicate: g.predicate, evidence: e.evidence, evidenceCount: e.evidence_count });
  }
  for (const g of ent.in || []) {
    if (g.bookkeeping) continue;
    for (const e of g.edges) out.push({ source: e.id, target: ent.id, predicate: g.predicate, evidence: e.evidence, evidenceCount: e.evidence_count });
  }
  return out;
}

export const edgeKey = (s, p, t) => `${s} ${p} ${t}`;

// gizmoNodes picks the node IRIs out of Gizmo result rows.
export function gizmoNodes(rows) {
  const ids = [];
  for (const r of rows || []) {
    for (const v of typeof r === 'object' && r ? Object.values(r) : [r]) {
      if (typeof v === 'string' && /^<[^<>\s]+>$/.test(v) && !ids.includes(v)) ids.push(v);
    }
  }
  return ids;
}

// walkEdges turns paths or chains into highlighted edges.
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

// build replays ops into {nodes, edges, expanded, highlight, notes}.
// results holds the answers of the last paths, chains and gizmo ops.
// dated are the IRIs of the chosen year's dated nodes: they join the view
// for as long as the year is chosen, anchored by nothing else, so that
// clearing the year gives back exactly the view the ops build.
export async function build(ops, dated = []) {
  const nodes = new Map();   // id -> {id, name, type, reasons:Set}
  const expanded = new Map(); // id -> neighbours shown
  const extra = [];           // edges known from walks
  const highlight = new Set();
  const results = {};
  const notes = [];
  const add = (ref, reason) => {
    if (!ref || !ref.id) return;
    let n = nodes.get(ref.id);
    if (!n) {
      if (nodes.size >= MAX_NODES) { notes.push(`The view holds ${MAX_NODES} nodes, the most it lays out quickly; collapse some first.`); return; }
      n = { id: ref.id, name: ref.name || ref.id, type: ref.type || '', reasons: new Set() };
      nodes.set(ref.id, n);
    }
    if (ref.name) n.name = ref.name;
    if (ref.type) n.type = ref.type;
    n.reasons.add(reason);
  };
  for (const [i, op] of ops.entries()) {
    const [kind, a, b] = op;
    const last = i === ops.length - 1;
    try {
      if (kind === 'o') {
        const ent = await api.entity('<nhs:org/nhsx>');
        add(ent, 'o');
        for (const n of neighbours(ent).list.filter((n) => RELATIONS.includes(n.type)).slice(0, 30)) add(n, 'o');
      } else if (kind === 'a') {
        add(await api.entity(a), 'a');
      } else if (kind === 'x') {
        const ent = await api.entity(a);
        add(ent, 'a');
        const nb = neighbours(ent).list;
        const upto = Math.min((expanded.get(a) || 0) + PAGE, nb.length);
        for (const n of nb.slice(0, upto)) add(n, 'x:' + a);
        expanded.set(a, upto);
      } else if (kind === 'c') {
        expanded.delete(a);
        for (const [id, n] of nodes) {
          n.reasons.delete('x:' + a);
          if (n.reasons.size === 0) nodes.delete(id);
        }
      } else if (kind === 'p') {
        const res = await api.paths(a, b);
        results.paths = res;
        for (const p of res.paths) for (const n of p.nodes) add(n, 'p');
        const es = walkEdges(res.paths);
        extra.push(...es);
        highlight.clear();
        for (const e of es) highlight.add(edgeKey(e.source, e.predicate, e.target));
      } else if (kind === 'k') {
        const res = await api.chains(a);
        results.chains = res;
        const shown = res.chains.slice(0, 25);
        for (const c of shown) for (const n of c.nodes) add(n, 'k');
        const es = walkEdges(shown);
        extra.push(...es);
        highlight.clear();
        for (const e of es) highlight.add(edgeKey(e.source, e.predicate, e.target));
      } else if (kind === 'g') {
        let res;
        try { res = await api.gizmo(a); } catch (err) { if (last) results.gizmo = { script: a, error: err }; continue; }
        results.gizmo = { script: a, rows: res.result || [] };
        const ids = gizmoNodes(res.result).slice(0, 100);
        const refs = await Promise.all(ids.map((id) => api.entity(id).catch(() => null)));
        for (const r of refs) if (r) add(r, 'g');
      }
    } catch (err) {
      notes.push(err.message);
    }
  }
  const refs = await Promise.all(dated.slice(0, YEAR_NODES).map((id) => api.entity(id).catch(() => null)));
  for (const r of refs) if (r) add(r, 'y');
  if (dated.length > YEAR_NODES) notes.push(`Showing ${YEAR_NODES} of the ${dated.length} nodes dated in that year.`);
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
  // How many neighbours each node has that the view does not show.
  for (const [id, n] of nodes) {
    const ent = details.get(id);
    if (!ent) continue;
    n.degree = ent.degree;
    n.hiddenNeighbours = neighbours(ent).list.filter((m) => !nodes.has(m.id)).length;
    n.neighbourTotal = neighbours(ent).list.length;
  }
  return { nodes, edges, expanded, highlight, results, notes };
}
