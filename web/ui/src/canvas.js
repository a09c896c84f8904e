// The exploration canvas: cytoscape drawing the nodes and edges in view,
// laid out by force (fcose), in layers (dagre) or in rings by degree
// (concentric), again on demand and after every step that adds nodes,
// animated, with pinned nodes kept where they are. Labels give way when
// zoomed out; selecting a node dims everything but it and its neighbours.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import dagre from 'cytoscape-dagre';
import svg from 'cytoscape-svg';
import { typeOf, shortIRI } from './types.js';

cytoscape.use(fcose);
cytoscape.use(dagre);
cytoscape.use(svg);

export const LAYOUTS = [['force', 'Force'], ['layered', 'Layered'], ['concentric', 'Concentric']];

// Labels drawn smaller than this many pixels are left out.
const MIN_LABEL_PX = 7;

export const graphStyle = [
  { selector: 'node', style: {
    'background-color': 'data(colour)', label: 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 120,
    'text-valign': 'bottom', 'text-margin-y': 3, width: 'data(size)', height: 'data(size)', color: '#222',
    'text-background-color': '#fff', 'text-background-opacity': 0.75, 'text-background-padding': 1,
    'min-zoomed-font-size': MIN_LABEL_PX, 'transition-property': 'opacity', 'transition-duration': 150 } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111' } },
  { selector: 'node.end', style: { 'border-width': 4, 'border-color': '#e6b800' } },
  { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double', 'border-color': '#333', shape: 'round-rectangle' } },
  { selector: 'edge', style: { width: 1.5, 'line-color': '#b5b5b5', 'target-arrow-color': '#b5b5b5', 'target-arrow-shape': 'triangle',
    'curve-style': 'bezier', 'arrow-scale': 0.7, label: '', 'font-size': 8, 'min-zoomed-font-size': MIN_LABEL_PX,
    'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-rotation': 'autorotate' } },
  { selector: 'edge.near', style: { 'line-color': '#777', 'target-arrow-color': '#777', label: 'data(label)' } },
  { selector: 'edge:selected', style: { width: 4, 'line-color': '#111', 'target-arrow-color': '#111', label: 'data(label)' } },
  { selector: 'edge.hl', style: { width: 4, 'line-color': '#e6b800', 'target-arrow-color': '#e6b800', label: 'data(label)', 'z-index': 10 } },
  { selector: '.dim', style: { opacity: 0.15 } },
  { selector: '.off', style: { display: 'none' } },
];

export function nodeLabel(n) {
  return n.hiddenNeighbours > 0 ? `${n.name} (+${n.hiddenNeighbours})` : n.name;
}

// makeCanvas draws into container. on.select(id or null), on.expand(id),
// on.dropped() (a node dragged and let go) and on.moved() (the view panned,
// zoomed or laid out) say what the user did.
export function makeCanvas(container, on) {
  const cy = cytoscape({ container, style: graphStyle, boxSelectionEnabled: false, minZoom: 0.05, maxZoom: 3 });
  // The panels around the canvas change its size (a status line that wraps,
  // a tab shown): cytoscape must know, or it draws into the old size.
  new ResizeObserver(() => cy.resize()).observe(container);
  let running = null; // the layout in progress: {layout, finish}
  const pinned = new Set();

  cy.on('tap', (ev) => { if (ev.target === cy) on.select(null); });
  cy.on('tap', 'node, edge', (ev) => on.select(ev.target.id()));
  cy.on('dbltap', 'node', (ev) => on.expand(ev.target.id()));
  // A node the user drags stays where it is put.
  cy.on('dragfree', 'node', (ev) => { pin(ev.target.id(), true); on.dropped(); });
  cy.on('viewport', () => on.moved());

  function pin(id, yes) {
    if (yes) pinned.add(id); else pinned.delete(id);
    cy.getElementById(id).toggleClass('pinned', yes);
  }

  // focus dims everything but the element id and its neighbours.
  function focus(id) {
    cy.batch(() => {
      cy.elements().removeClass('dim near');
      cy.$(':selected').unselect();
      const el = id ? cy.getElementById(id) : cy.collection();
      if (el.empty()) return;
      el.select();
      const keep = el.isNode() ? el.closedNeighborhood() : el.union(el.connectedNodes());
      cy.elements().not(keep).addClass('dim');
      // The edges of the selected node are named, when there are few.
      if (el.isNode() && el.connectedEdges().length <= 12) el.connectedEdges().addClass('near');
    });
  }

  // sync makes the canvas show the model: nodes that stay keep their
  // places, new nodes start beside the node they came from. It says
  // whether any node is new.
  function sync(model, ends, hidden) {
    const want = new Set([...model.nodes.keys(), ...model.edges.keys()]);
    const fresh = [];
    cy.batch(() => {
      cy.elements().filter((el) => !want.has(el.id())).remove();
      const centre = { x: (cy.width() / 2 - cy.pan().x) / cy.zoom(), y: (cy.height() / 2 - cy.pan().y) / cy.zoom() };
      const around = new Map(); // parent id -> the new nodes that start around it
      for (const n of model.nodes.values()) {
        const t = typeOf(n.type);
        const data = { id: n.id, label: nodeLabel(n), colour: t.colour, size: 14 + Math.min(26, Math.sqrt(n.degree || 1) * 3) };
        const el = cy.getElementById(n.id);
        if (el.nonempty()) { el.data(data); continue; }
        const parent = n.parent && cy.getElementById(n.parent).nonempty() ? n.parent : '';
        if (!around.has(parent)) around.set(parent, []);
        around.get(parent).push(data);
      }
      // New nodes start on a ring around the node they came from, so that a
      // view too big to lay out again at once is still readable.
      for (const [parent, list] of around) {
        const at = parent ? cy.getElementById(parent).position() : centre;
        const r = 50 + list.length * 7;
        list.forEach((data, i) => {
          const a = (2 * Math.PI * i) / list.length;
          fresh.push({ group: 'nodes', data, position: { x: at.x + r * Math.cos(a), y: at.y + r * Math.sin(a) } });
        });
      }
      for (const e of model.edges.values()) {
        if (cy.getElementById(e.id).empty()) fresh.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: shortIRI(e.predicate) } });
      }
      cy.add(fresh);
      cy.edges().forEach((e) => e.toggleClass('hl', model.highlight.has(e.id())));
      cy.nodes().forEach((n) => {
        n.toggleClass('end', n.id() === ends.from || n.id() === ends.to);
        n.toggleClass('pinned', pinned.has(n.id()));
        n.toggleClass('off', hidden(n.id()));
      });
    });
    for (const id of pinned) if (!model.nodes.has(id)) pinned.delete(id);
    return fresh.some((f) => f.group === 'nodes');
  }

  // layout lays out the nodes on screen, keeping pinned ones where they
  // are, animated unless told not to; it resolves when done.
  function layout(name, { animate = true, fit = false, incremental = true } = {}) {
    if (running) { running.layout.stop(); running.finish(); }
    const eles = cy.elements().not('.off');
    const nodes = eles.nodes();
    if (nodes.empty()) return Promise.resolve();
    const keep = nodes.filter((n) => pinned.has(n.id()));
    const duration = animate ? 400 : 0;
    const common = { eles, animate: animate ? 'end' : false, animationDuration: duration, fit, padding: 30 };
    let opts;
    if (name === 'layered') {
      opts = { ...common, name: 'dagre', rankDir: 'LR', nodeSep: 12, rankSep: 90, animate, nodeDimensionsIncludeLabels: true };
    } else if (name === 'concentric') {
      opts = { ...common, name: 'concentric', animate, minNodeSpacing: 24, concentric: (n) => n.degree(), levelWidth: () => 2 };
    } else {
      const big = nodes.length > 250;
      opts = { ...common, name: 'fcose', randomize: !incremental, quality: big && !incremental ? 'draft' : 'default',
        // Starting from where the nodes are, fewer rounds settle them, and
        // past 80 nodes labels are left out of the sums: each costs a
        // quarter of the time on the movie data's hub.
        nodeRepulsion: 9000, idealEdgeLength: 80, numIter: big || incremental ? 1000 : 2500, nodeDimensionsIncludeLabels: nodes.length <= 80,
        fixedNodeConstraint: keep.nonempty() ? keep.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })) : undefined };
    }
    // Locked nodes are not moved by a layout's positions or animations.
    keep.lock();
    const l = cy.layout(opts);
    return new Promise((resolve) => {
      const me = { layout: l, finish: () => { keep.unlock(); if (running === me) running = null; resolve(); } };
      running = me;
      l.one('layoutstop', () => { me.finish(); on.moved(); });
      l.run();
    });
  }

  return {
    cy,
    sync,
    layout,
    focus,
    pin,
    pinned: () => [...pinned],
    isPinned: (id) => pinned.has(id),
    positions: () => new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }])),
    place(positions) { cy.batch(() => cy.nodes().forEach((n) => { const p = positions.get(n.id()); if (p) n.position(p); })); },
    fitTo: (eles) => cy.animate({ fit: { eles: eles || cy.nodes().not('.off'), padding: 30 }, duration: 250 }),
  };
}
