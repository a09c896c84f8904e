// The details panel: a node's names, properties and edges with their
// evidence, how many neighbours it has and ways to expand it (the next
// page, along one relation, to one type), an edge and its evidence, and
// paths or chains step by step.
import { api } from './api.js';
import { h, keepFocus } from './dom.js';
import { typeOf, shortIRI } from './types.js';
import { PAGE, filterKey, nameOf } from './model.js';
import { stateURL } from './state.js';

const fmt = (n) => n.toLocaleString('en-GB');

// makeDetails fills panel. app gives the view: state, model(), select(id),
// add(id), expand(id, filter), collapse(id), pin(id), isPinned(id),
// setEnd(which, ref), openDocument(iri, start, end).
export function makeDetails(panel, app) {
  const fill = (...c) => keepFocus(panel, ...c);

  function evidenceList(evs, count) {
    if (!evs || !evs.length) return h('p', { class: 'muted' }, 'No evidence sentence (bookkeeping).');
    return h('ul', { class: 'evidence' }, evs.map((ev) => h('li', {},
      h('blockquote', {}, ev.text || ev.sentence),
      h('div', { class: 'source' }, ev.title || ev.document || '', ev.file ? ` (${ev.file})` : '', ' ',
        ev.document ? h('a', { href: stateURL(app.state, { doc: [ev.document, ev.start, ev.end] }), class: 'opendoc',
          onclick: (e) => { e.preventDefault(); app.openDocument(ev.document, ev.start, ev.end); } }, 'Open in document') : ''))),
    count > evs.length ? h('li', { class: 'muted' }, `and ${count - evs.length} more`) : '');
  }

  // nodeButton selects a node in view, or adds it.
  function nodeButton(ref) {
    if (!ref) return '';
    return h('button', { type: 'button', class: 'link', 'data-node': ref.id, onclick: () => {
      if (app.model().nodes.has(ref.id)) app.select(ref.id);
      else app.add(ref.id);
    } }, h('span', { class: 'swatch', style: `background:${typeOf(ref.type).colour}` }), ref.name || ref.id);
  }

  // expandControls offers the next page of neighbours, along any relation
  // and to any type or only one, with the server's counts.
  function expandControls(id, m, nb) {
    const chosen = { p: '', d: '', t: '' };
    const rel = h('select', { id: 'expand-relation', 'aria-label': 'Expand along' },
      h('option', { value: '' }, `any relation (${fmt(nb.total)})`),
      nb.predicates.map((p) => h('option', { value: JSON.stringify([p.predicate, p.direction]) },
        `${p.direction === 'out' ? '' : '← '}${shortIRI(p.predicate)}${p.direction === 'out' ? ' →' : ''} (${fmt(p.count)})`)));
    const typ = h('select', { id: 'expand-type', 'aria-label': 'Expand to' },
      h('option', { value: '' }, 'any type'),
      // Neighbours without a type are counted, but cannot be chosen alone.
      nb.types.map((t) => h('option', { value: t.type, disabled: !t.type },
        `${!t.type ? 'no type' : typeOf(t.type).name === 'Other' ? shortIRI(t.type) : typeOf(t.type).name} (${fmt(t.count)})`)));
    const button = h('button', { type: 'button', id: 'expand', onclick: () => app.expand(id, filter()) }, 'Expand');
    const filter = () => (chosen.p || chosen.t ? { p: chosen.p || undefined, d: chosen.d || undefined, t: chosen.t || undefined } : undefined);
    const label = async () => {
      const f = filter();
      let left = m.hiddenNeighbours;
      if (f) {
        const read = app.model().pages.get(id + '\n' + filterKey(f)) || 0;
        try { left = Math.max(0, (await api.neighbours(id, f, 0, 1)).matching - read); } catch { left = 0; }
      }
      button.textContent = left ? `Expand: ${Math.min(PAGE, left)} more of ${fmt(left)}${f ? ' not yet read' : ' hidden'}` : 'Expand: all shown';
      button.disabled = left === 0;
    };
    rel.addEventListener('change', () => { [chosen.p, chosen.d] = rel.value ? JSON.parse(rel.value) : ['', '']; label(); });
    typ.addEventListener('change', () => { chosen.t = typ.value; label(); });
    label();
    const hidden = m.hiddenNeighbours ?? nb.total;
    return [
      h('p', { id: 'neighbour-count' }, `${fmt(nb.total)} neighbours, ${fmt(nb.total - hidden)} in view`,
        hidden ? `, ${fmt(hidden)} hidden` : ': all shown'),
      h('div', { class: 'actions expand' }, button, h('label', {}, 'along ', rel), h('label', {}, 'to ', typ)),
    ];
  }

  async function showNode(id) {
    let ent;
    let nb;
    try { [ent, nb] = await Promise.all([api.entity(id), api.neighbours(id, {}, 0, 1)]); } catch (err) { fill(h('p', { class: 'error' }, err.message)); return; }
    if (app.state.selected !== id) return;
    const model = app.model();
    const m = model.nodes.get(id);
    const groups = (dir, gs) => gs.filter((g) => !g.bookkeeping).map((g) => h('section', { class: 'group' },
      h('h4', {}, dir === 'out' ? `${shortIRI(g.predicate)} →` : `← ${shortIRI(g.predicate)}`, ` (${fmt(g.count)})`),
      h('ul', {}, g.edges.map((e) => h('li', {}, nodeButton(e), evidenceList(e.evidence, e.evidence_count)))),
      g.count > g.edges.length ? h('p', { class: 'muted' }, `The ${g.edges.length} best connected of ${fmt(g.count)}; expand along this relation to page through them.`) : ''));
    fill(
      h('h2', { id: 'detail-name', tabindex: '-1' }, ent.name || nameOf(ent) || ent.id),
      h('p', { class: 'meta' }, h('span', { class: 'swatch', style: `background:${typeOf(ent.type).colour}` }), typeOf(ent.type).name, ' · ', h('code', {}, ent.id)),
      ent.alternate_names.length ? h('p', {}, 'Also called: ', ent.alternate_names.join('; ')) : '',
      m ? expandControls(id, m, nb) : h('div', { class: 'actions' }, h('button', { type: 'button', id: 'add-node', onclick: () => app.add(id) }, 'Add to the graph')),
      h('div', { class: 'actions' },
        model.expanded.has(id) ? h('button', { type: 'button', id: 'collapse', onclick: () => app.collapse(id) }, 'Collapse') : '',
        m ? h('button', { type: 'button', id: 'pin', 'aria-pressed': String(app.isPinned(id)), onclick: () => app.pin(id) }, app.isPinned(id) ? 'Unpin' : 'Pin') : '',
        h('button', { type: 'button', id: 'path-from', onclick: () => app.setEnd('from', ent) }, 'Path from here'),
        h('button', { type: 'button', id: 'path-to', onclick: () => app.setEnd('to', ent) }, 'Path to here')),
      ent.properties.length ? h('section', {}, h('h3', {}, 'Properties'), h('dl', {}, ent.properties.map((p) => [
        h('dt', {}, shortIRI(p.predicate)), h('dd', {}, String(p.value), evidenceList(p.evidence, p.evidence_count))]))) : '',
      h('h3', {}, 'Edges'), groups('out', ent.out), groups('in', ent.in));
  }

  // showEdge shows an edge of the view, or of a flow.
  function showEdge(e) {
    if (!e) return;
    const model = app.model();
    const ref = (x) => model.nodes.get(x) || { id: x, name: x };
    fill(
      h('h2', { id: 'detail-name', tabindex: '-1' }, `${ref(e.source).name} ${shortIRI(e.predicate)} ${ref(e.target).name}`),
      h('p', {}, nodeButton(ref(e.source)), ` —${shortIRI(e.predicate)}→ `, nodeButton(ref(e.target))),
      h('h3', {}, 'Evidence'), evidenceList(e.evidence, e.evidenceCount));
  }

  // showWalks lists paths or chains step by step, with the evidence of
  // each step.
  function showWalks(title, summary, walks, tools) {
    fill(h('h2', { id: 'detail-name', tabindex: '-1' }, title), h('p', {}, summary), tools || '',
      h('ol', { class: 'walks' }, walks.map((w) => h('li', { class: 'walk' },
        h('p', { class: 'walk-nodes' }, w.nodes.map((n, i) => [i ? ' → ' : '', nodeButton(n)])),
        h('ol', { class: 'steps' }, w.steps.map((st, i) => h('li', {},
          h('p', {}, `${w.nodes[i].name || w.nodes[i].id} `, st.edges.map((e) => e.direction === 'backward' ? `←${shortIRI(e.predicate)}—` : `—${shortIRI(e.predicate)}→`).join(' / '),
            ` ${w.nodes[i + 1].name || w.nodes[i + 1].id}`),
          st.edges.map((e) => evidenceList(e.evidence, e.evidence_count)))))))));
  }

  return { showNode, showEdge, showWalks, nodeButton, message: (...c) => fill(...c) };
}
