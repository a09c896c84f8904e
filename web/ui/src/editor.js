// The Gizmo editor: CodeMirror 6 with JavaScript highlighting (Gizmo is
// JavaScript); Ctrl-Enter runs the query.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';

export function makeEditor(parent, doc, onRun) {
  return new EditorView({
    doc,
    parent,
    extensions: [
      keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }]),
      basicSetup,
      javascript(),
      EditorView.contentAttributes.of({ 'aria-label': 'Gizmo query' }),
    ],
  });
}

export const text = (view) => view.state.doc.toString();

export function setText(view, s) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: s } });
}
