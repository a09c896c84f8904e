// The view's state in the URL's fragment, so that a link reopens the view:
// the steps that built it, the filters, the selection, the path ends, the
// flow shown, the layout, the pinned nodes, where every node was and the
// zoom.
//
// Positions are written compactly: the x and y of every node in the order
// of their sorted ids, with a checksum of those ids, so that a link made
// on a graph that has since changed falls back to laying the view out.

export function readState() {
  const p = new URLSearchParams(location.hash.slice(1));
  const s = {
    ops: [['o']], hidden: [], year: null, selected: null, doc: null, flow: null, tab: 'graph',
    layout: 'force', pins: [], pos: null, viewport: null, from: null, to: null,
  };
  const json = (k, d) => { try { return p.has(k) ? JSON.parse(p.get(k)) : d; } catch { return d; } };
  s.ops = json('ops', s.ops);
  if (!Array.isArray(s.ops) || !s.ops.every(Array.isArray)) s.ops = [['o']];
  if (p.has('hide')) s.hidden = p.get('hide').split(',').filter(Boolean);
  if (p.has('year')) s.year = Number(p.get('year')) || null;
  if (p.has('sel')) s.selected = p.get('sel');
  s.doc = json('doc', null);
  s.flow = json('flow', null);
  s.pins = json('pins', []);
  if (!Array.isArray(s.pins)) s.pins = [];
  for (const k of ['tab', 'layout', 'from', 'to']) if (p.has(k)) s[k] = p.get(k);
  if (p.has('pos')) s.pos = p.get('pos');
  if (p.has('vp')) {
    const [zoom, x, y] = p.get('vp').split(',').map(Number);
    if ([zoom, x, y].every(Number.isFinite) && zoom > 0) s.viewport = { zoom, pan: { x, y } };
  }
  return s;
}

export function stateURL(s, extra = {}) {
  const p = new URLSearchParams();
  p.set('ops', JSON.stringify(s.ops));
  if (s.hidden.length) p.set('hide', s.hidden.join(','));
  if (s.year) p.set('year', String(s.year));
  if (s.selected) p.set('sel', s.selected);
  const doc = 'doc' in extra ? extra.doc : s.doc;
  if (doc) p.set('doc', JSON.stringify(doc));
  if (s.flow) p.set('flow', JSON.stringify(s.flow));
  if (s.tab !== 'graph') p.set('tab', s.tab);
  if (s.layout !== 'force') p.set('layout', s.layout);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.pins.length) p.set('pins', JSON.stringify(s.pins));
  if (s.pos) p.set('pos', s.pos);
  if (s.viewport) {
    const { zoom, pan } = s.viewport;
    p.set('vp', [zoom.toFixed(4), Math.round(pan.x), Math.round(pan.y)].join(','));
  }
  return location.pathname + '#' + p.toString();
}

export function writeState(s) {
  history.replaceState(null, '', stateURL(s));
}

// checksum is a short hash of a list of ids (FNV-1a, 32 bits).
function checksum(ids) {
  let h = 0x811c9dc5;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 10, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

// encodePositions writes positions (a Map of id -> {x, y}).
export function encodePositions(positions) {
  const ids = [...positions.keys()].sort();
  const xy = ids.map((id) => { const p = positions.get(id); return `${Math.round(p.x)},${Math.round(p.y)}`; });
  return `${checksum(ids)}:${xy.join(';')}`;
}

// decodePositions reads positions written for exactly these ids, or null.
export function decodePositions(s, ids) {
  if (!s) return null;
  const [sum, list] = s.split(':');
  const sorted = [...ids].sort();
  const xy = (list || '').split(';');
  if (sum !== checksum(sorted) || xy.length !== sorted.length) return null;
  const out = new Map();
  sorted.forEach((id, i) => {
    const [x, y] = xy[i].split(',').map(Number);
    if (Number.isFinite(x) && Number.isFinite(y)) out.set(id, { x, y });
  });
  return out.size === sorted.length ? out : null;
}
