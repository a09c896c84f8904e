// The document view: a modal dialog (the page behind it inert) showing a
// document's text with the evidence sentence highlighted at its byte
// offsets. Tab stays inside it; Escape or Close shuts it and gives focus
// back to what opened it.
import { api } from './api.js';
import { h, fill } from './dom.js';

// makeDocView uses dialog; onClose runs after it shuts.
export function makeDocView(dialog, onClose) {
  let opener = null;
  dialog.addEventListener('close', () => {
    fill(dialog);
    onClose();
    const back = opener && opener.isConnected ? opener : document.getElementById('detail-name');
    opener = null;
    if (back) back.focus();
  });
  // The page behind a modal dialog is inert; Tab and Shift-Tab also wrap
  // within it rather than leaving the page.
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll('button, a[href], [tabindex="0"]')].filter((x) => !x.disabled);
    if (!items.length) return;
    const [first, last] = [items[0], items[items.length - 1]];
    if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); } else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
  });

  async function open(iri, start, end) {
    if (!dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
    }
    const close = h('button', { type: 'button', id: 'doc-close', onclick: () => dialog.close() }, 'Close');
    // Focus goes to the text, not to Close: the Enter that opened the
    // dialog must not also shut it.
    const title = h('h2', { id: 'doc-title', tabindex: '-1' }, 'Loading the document…');
    fill(dialog, h('div', { class: 'dochead' }, title, close));
    title.focus();
    try {
      const doc = await api.document(iri);
      const bytes = new TextEncoder().encode(doc.text);
      const dec = new TextDecoder();
      const s = Number.isInteger(start) ? start : 0;
      const t = Number.isInteger(end) ? end : 0;
      const mark = h('mark', { id: 'doc-mark' }, dec.decode(bytes.slice(s, t)));
      const body = h('pre', { class: 'doctext', tabindex: '0', 'aria-label': 'Document text' }, dec.decode(bytes.slice(0, s)), mark, dec.decode(bytes.slice(t)));
      fill(dialog, h('div', { class: 'dochead' }, h('h2', { id: 'doc-title' }, doc.title), h('span', { class: 'muted' }, doc.file), close), body);
      mark.scrollIntoView({ block: 'center' });
      body.focus({ preventScroll: true });
    } catch (err) {
      const head = h('h2', { id: 'doc-title', tabindex: '-1' }, 'The document could not be opened');
      fill(dialog, h('div', { class: 'dochead' }, head), h('p', { class: 'error' }, err.message), close);
      head.focus();
    }
  }
  return { open, close: () => dialog.open && dialog.close(), isOpen: () => dialog.open };
}
