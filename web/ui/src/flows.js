// The flows view: chains (fund -> programme -> outcome) and paths drawn in
// their own canvas, left to right in layers by cytoscape-dagre, each type
// of a chain in its own column under its name. Every link is clickable to
// its evidence.
import cytoscape from 'cytoscape';
import { typeOf, shortIRI } from './types.js';
import { graphStyle } from './canvas.js';

const flowStyle = [
  ...graphStyle,
  // A flow is read by its labels: they stay at every zoom.
  { selector: 'node', style: { 'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 3, 'text-max-width': 100, width: 16, height: 16,
    'font-size': 11, 'min-zoomed-font-size': 0 } },
  { selector: 'edge', style: { label: 'data(label)', 'curve-style': 'bezier', width: 2, 'line-color': '#999', 'target-arrow-color': '#999',
    'source-arrow-color': '#999', 'font-size': 9, color: '#444', 'min-zoomed-font-size': 0 } },
  { selector: 'edge.backward', style: { 'target-arrow-shape': 'none', 'source-arrow-shape': 'triangle' } },
  { selector: 'node.head', style: { shape: 'round-rectangle', 'background-opacity': 0, label: 'data(label)', 'font-size': 13,
    'font-weight': 'bold', 'text-halign': 'center', 'text-valign': 'center', events: 'no', width: 10, height: 10, 'text-max-width': 200 } },
];

// makeFlows draws into container. on.node(id) and on.edge(edge) say what
// was clicked; an edge is {source, target, predicate, direction, evidence,
// evidenceCount}.
export function makeFlows(container, on) {
  const cy = cytoscape({ container, style: flowStyle, boxSelectionEnabled: false, autoungrabify: true, maxZoom: 1.5 });
  new ResizeObserver(() => cy.resize()).observe(container);
  const links = new Map();
  cy.on('tap', 'node', (ev) => { if (!ev.target.hasClass('head')) on.node(ev.target.id()); });
  cy.on('tap', 'edge', (ev) => on.edge(links.get(ev.target.id())));

  // show draws walks (paths or chains: each with nodes and steps). Each
  // step's edges are drawn from the step's start to its end, whatever the
  // predicate's direction, so the layers follow the walk; an arrow at the
  // start marks an edge that points back. ends are path ends to mark.
  function show(walks, { columns = false, ends = [] } = {}) {
    links.clear();
    const els = [];
    const seen = new Set();
    for (const w of walks) {
      for (const n of w.nodes) {
        if (seen.has(n.id)) continue;
        seen.add(n.id);
        els.push({ group: 'nodes', data: { id: n.id, label: n.name || n.id, colour: typeOf(n.type).colour, type: n.type }, classes: ends.includes(n.id) ? 'end' : '' });
      }
      w.steps.forEach((st) => {
        for (const e of st.edges) {
          const id = `${st.from} ${e.predicate} ${st.to} ${e.direction}`;
          if (links.has(id)) continue;
          const [source, target] = e.direction === 'backward' ? [st.to, st.from] : [st.from, st.to];
          links.set(id, { source, target, predicate: e.predicate, direction: e.direction, evidence: e.evidence, evidenceCount: e.evidence_count });
          els.push({ group: 'edges', data: { id, source: st.from, target: st.to, label: shortIRI(e.predicate) }, classes: e.direction === 'backward' ? 'backward' : '' });
        }
      });
    }
    cy.resize(); // the tools above may have changed the canvas's size
    cy.elements().remove();
    cy.add(els);
    cy.layout({ name: 'dagre', rankDir: 'LR', rankSep: 50, nodeSep: 10, ranker: 'network-simplex', nodeDimensionsIncludeLabels: true, fit: false, animate: false }).run();
    if (columns) heads();
    cy.fit(undefined, 20);
  }

  // heads puts each column's type name above it.
  function heads() {
    const byType = new Map();
    for (const n of cy.nodes()) {
      const t = n.data('type');
      if (!byType.has(t)) byType.set(t, []);
      byType.get(t).push(n);
    }
    const top = cy.nodes().boundingBox().y1 - 30;
    for (const [t, ns] of byType) {
      const x = ns.reduce((s, n) => s + n.position('x'), 0) / ns.length;
      cy.add({ group: 'nodes', data: { id: 'head ' + t, label: typeOf(t).name, colour: '#fff' }, classes: 'head', position: { x, y: top }, selectable: false });
    }
  }

  return {
    cy,
    show,
    clear: () => cy.elements().remove(),
    resize: () => { cy.resize(); cy.fit(undefined, 20); },
    select(id) {
      cy.$(':selected').unselect();
      if (id) cy.getElementById(id).select();
    },
  };
}
