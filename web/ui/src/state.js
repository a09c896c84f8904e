// The view's state in the URL's fragment, so a link reopens the view.

export function readState() {
  const p = new URLSearchParams(location.hash.slice(1));
  const s = { ops: [['o']], hidden: [], year: null, selected: null, doc: null, gizmo: null };
  try {
    if (p.has('ops')) s.ops = JSON.parse(p.get('ops'));
    if (p.has('hide')) s.hidden = p.get('hide').split(',').filter(Boolean);
    if (p.has('year')) s.year = Number(p.get('year')) || null;
    if (p.has('sel')) s.selected = p.get('sel');
    if (p.has('doc')) s.doc = JSON.parse(p.get('doc'));
  } catch { /* a damaged link opens the overview */ }
  if (!Array.isArray(s.ops)) s.ops = [['o']];
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
  return location.pathname + '#' + p.toString();
}

export function writeState(s) {
  history.replaceState(null, '', stateURL(s));
}
