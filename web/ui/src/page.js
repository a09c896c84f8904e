// The page's skeleton: a banner with search and the view's tools, and one
// main landmark holding the panels (nodes and edges, the graph, the flows,
// Gizmo, details). On a wide screen the panels stand side by side and only
// the graph and the flows share a place, as tabs; on a phone every panel
// is a tab.
import { h, fill } from './dom.js';
import { LAYOUTS } from './canvas.js';

const TABS = [
  ['nodes', 'List', true],
  ['graph', 'Graph', false],
  ['flows', 'Flows', false],
  ['details', 'Details', true],
  ['gizmo', 'Gizmo', true],
];

export function buildPage(app) {
  const tab = ([name, label, phoneOnly]) => h('button', {
    type: 'button', role: 'tab', id: `tab-${name}`, 'aria-controls': name === 'details' ? 'details' : `panel-${name}`,
    'aria-selected': 'false', tabindex: '-1', class: phoneOnly ? 'tab phone-only' : 'tab', 'data-tab': name,
  }, label);
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
        h('button', { id: 'chains', type: 'button' }, 'Fund → Programme → Outcome'),
        h('span', { class: 'group', role: 'group', 'aria-label': 'Export the view' }, 'Export ',
          h('button', { id: 'png', type: 'button' }, 'PNG'),
          h('button', { id: 'svg', type: 'button' }, 'SVG'),
          h('button', { id: 'json', type: 'button' }, 'JSON')),
        h('button', { id: 'copylink', type: 'button' }, 'Copy link'))),
    h('main', { id: 'main', class: 'main', 'data-tab': 'graph' },
      h('section', { id: 'panel-nodes', class: 'left panel', role: 'tabpanel', 'aria-labelledby': 'tab-nodes' },
        h('section', { 'aria-labelledby': 'legend-h' }, h('h2', { id: 'legend-h' }, 'Types'), h('ul', { id: 'legend', class: 'legend' })),
        h('section', { 'aria-labelledby': 'time-h' }, h('h2', { id: 'time-h' }, 'Timeline'), h('div', { id: 'timeline', class: 'timeline' })),
        h('section', { 'aria-labelledby': 'list-h', class: 'listsec' },
          h('h2', { id: 'list-h' }, 'Nodes in view ', h('span', { id: 'count' })),
          h('ul', { id: 'nodelist', role: 'listbox', 'aria-labelledby': 'list-h', class: 'scroll' })),
        h('section', { 'aria-labelledby': 'edges-h', class: 'listsec' },
          h('h2', { id: 'edges-h' }, 'Edges in view ', h('span', { id: 'edge-count' })),
          h('ul', { id: 'edgelist', role: 'listbox', 'aria-labelledby': 'edges-h', class: 'scroll' }))),
      h('div', { class: 'middle' },
        h('div', { class: 'centrebar' },
          h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Panels' }, TABS.map(tab)),
          h('div', { id: 'pathbar', class: 'pathbar' }),
          h('div', { id: 'status', role: 'status', class: 'status' })),
        h('section', { id: 'panel-graph', class: 'centre panel', role: 'tabpanel', 'aria-labelledby': 'tab-graph' },
          h('div', { class: 'canvas-tools' },
            h('label', {}, 'Layout ', h('select', { id: 'layout' }, LAYOUTS.map(([v, t]) => h('option', { value: v }, t)))),
            h('button', { id: 'relayout', type: 'button', title: 'Lay the view out again (L); pinned nodes stay' }, 'Re-layout'),
            h('button', { id: 'fit', type: 'button', title: 'Fit the view to the screen (F)' }, 'Fit'),
            h('span', { class: 'muted keys' }, 'Click selects; double-click or E expands; drag or P pins.')),
          h('div', { id: 'cy', role: 'img', 'aria-label': 'Graph of the nodes in view' })),
        h('section', { id: 'panel-flows', class: 'centre panel', role: 'tabpanel', 'aria-labelledby': 'tab-flows' },
          h('div', { id: 'flow-tools', class: 'canvas-tools' }),
          h('div', { id: 'flow-cy', role: 'img', 'aria-label': 'Flows: paths or chains from left to right' })),
        h('section', { id: 'panel-gizmo', class: 'gizmo panel', role: 'tabpanel', 'aria-labelledby': 'tab-gizmo' })),
      h('section', { id: 'details', class: 'right panel', role: 'tabpanel', 'aria-labelledby': 'tab-details', 'aria-live': 'polite', tabindex: '0' },
        h('p', {}, 'Select a node or an edge to see its details and evidence.'))),
    h('dialog', { id: 'docview', class: 'docview', 'aria-labelledby': 'doc-title' }));
}
