// Small DOM helpers. Text from the graph is only ever set as text (never
// innerHTML), so a name such as <img src=x onerror=...> stays a name.

// h makes an element: h('button', {class: 'x', onclick: fn}, 'text', child).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// fill empties an element and appends children.
export function fill(el, ...children) {
  el.replaceChildren();
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// debounce delays fn until calls stop for ms.
export function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

// listbox makes a list of role=option items keyboard-driven as one tab
// stop: Up, Down, Home and End move, and other keys go to onKey(key, item),
// which returns true when it used the key. Refilling the list keeps focus
// on the item with the same data-id (see keepFocus).
export function listbox(list, onKey) {
  list.addEventListener('keydown', (ev) => {
    const items = [...list.querySelectorAll('[role="option"]')];
    const i = items.indexOf(document.activeElement);
    const go = (j) => {
      if (!items[j]) return;
      items.forEach((x) => x.setAttribute('tabindex', '-1'));
      items[j].setAttribute('tabindex', '0');
      items[j].focus();
    };
    if (ev.key === 'ArrowDown') go(Math.min(i + 1, items.length - 1));
    else if (ev.key === 'ArrowUp') go(Math.max(i - 1, 0));
    else if (ev.key === 'Home') go(0);
    else if (ev.key === 'End') go(items.length - 1);
    else if (i < 0 || ev.ctrlKey || ev.metaKey || ev.altKey || !onKey(ev.key, items[i])) return;
    ev.preventDefault();
  });
}

// keepFocus refills el with children and, if focus was on one of its
// elements, puts it back on the new element with the same id or data-id,
// or else on the one in the same place among the focusable elements.
const FOCUSABLE = 'a[href], button, select, input, textarea, [tabindex]';
export function keepFocus(el, ...children) {
  const had = el.contains(document.activeElement) && document.activeElement !== el ? document.activeElement : null;
  const key = had && (had.dataset.id ? `[data-id="${CSS.escape(had.dataset.id)}"]` : had.id ? `#${CSS.escape(had.id)}` : null);
  const place = had ? [...el.querySelectorAll(FOCUSABLE)].indexOf(had) : -1;
  fill(el, ...children);
  if (!had) return;
  const again = (key && el.querySelector(key)) || (place >= 0 && el.querySelectorAll(FOCUSABLE)[place]);
  if (again) {
    if (again.getAttribute('role') === 'option') {
      el.querySelectorAll('[tabindex="0"][role="option"]').forEach((x) => x.setAttribute('tabindex', '-1'));
      again.setAttribute('tabindex', '0');
    }
    again.focus({ preventScroll: true });
  } else el.focus({ preventScroll: true });
}
