// The Gizmo editor: CodeMirror 6 with JavaScript highlighting (Gizmo is
// JavaScript); Ctrl-Enter runs the query; an error is marked where the
// server says it is, with @codemirror/lint.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';
import { lintGutter, setDiagnostics } from '@codemirror/lint';

export function makeEditor(parent, doc, onRun) {
  return new EditorView({
    doc,
    parent,
    extensions: [
      keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }]),
      basicSetup,
      javascript(),
      lintGutter(),
      // Long lines wrap: the editor never scrolls inside itself (the panel
      // does), so keyboard users reach everything.
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Gizmo query' }),
    ],
  });
}

export const text = (view) => view.state.doc.toString();

export function setText(view, s) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s } });
  clearMarks(view);
}

// insert puts s in place of the selection.
export function insert(view, s) {
  view.dispatch(view.state.replaceSelection(s));
}

// markError underlines the text at line and column (both from 1) to the
// end of the word there, with message.
export function markError(view, line, col, message) {
  const doc = view.state.doc;
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = Math.min(l.from + Math.max(col - 1, 0), l.to);
  const word = /^[\w$]+|^./.exec(doc.sliceString(from, l.to));
  const to = Math.min(from + (word ? word[0].length : 0), l.to);
  view.dispatch(setDiagnostics(view.state, [{ from, to: Math.max(to, from), severity: 'error', message }]));
}

export function clearMarks(view) {
  view.dispatch(setDiagnostics(view.state, []));
}
