// The search box: a combobox over GET /api/v1/entities. Arrows and Enter
// choose; the list's active option is named by aria-activedescendant only
// while the list is open.
import { api } from './api.js';
import { h, fill, debounce } from './dom.js';
import { typeOf } from './types.js';

// makeSearch wires input and its list; choose(hit) takes the chosen entity.
export function makeSearch(input, list, choose) {
  let hits = [];
  let active = -1;
  const render = () => {
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    fill(list, hits.map((hit, i) => h('li', { role: 'option', id: `hit-${i}`, 'aria-selected': String(i === active), 'data-id': hit.id,
      // mousedown keeps focus in the box; click is what assistive
      // technology sends.
      onmousedown: (e) => { e.preventDefault(); pick(i); }, onclick: () => pick(i) },
    h('span', { class: 'swatch', style: `background:${typeOf(hit.type).colour}` }), hit.name || hit.id,
    h('span', { class: 'muted' }, ` ${typeOf(hit.type).name}`))));
    if (!list.hidden && active >= 0) input.setAttribute('aria-activedescendant', `hit-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const close = () => { hits = []; active = -1; render(); };
  const lookup = debounce(async () => {
    const q = input.value.trim();
    if (!q) { close(); return; }
    try { hits = (await api.search(q)).results; } catch { hits = []; }
    if (input.value.trim() !== q) return;
    active = hits.length ? 0 : -1;
    render();
  }, 150);
  function pick(i) {
    const hit = hits[i];
    if (!hit) return;
    close();
    input.value = hit.name || hit.id;
    choose(hit);
  }
  input.addEventListener('input', lookup);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') active = Math.min(active + 1, hits.length - 1);
    else if (e.key === 'ArrowUp') active = Math.max(active - 1, 0);
    else if (e.key === 'Enter') { pick(active); e.preventDefault(); return; } else if (e.key === 'Escape') { close(); return; } else return;
    e.preventDefault();
    render();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}
