// Tiny DOM helpers: elements are built with textContent only, so nothing from the API is ever parsed as HTML.

/** h('td', {class: 'num', dataset: {value: 3}}, 'text', childNode, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = tag === 'svg' || tag === 'polyline' || tag === 'line' || tag === 'rect' || tag === 'circle' || tag === 'path'
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => { if (dv !== null && dv !== undefined) el.dataset[dk] = dv; });
    else if (k === 'class') el.setAttribute('class', v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/**
 * Sets an element's visible text and its machine-readable value (data-value, what the browser test reads);
 * flashes the element when the value changed since the last render.
 */
export function setFigure(id, text, value, opts) {
  const title = opts ? opts.title : null;
  const el = document.getElementById(id);
  if (!el) return;
  const raw = value === null || value === undefined ? '' : String(value);
  const changed = !!el.dataset.value && el.dataset.value !== raw; // not on the first figure
  el.textContent = text;
  el.dataset.value = raw;
  if (title) el.title = title; else el.removeAttribute('title');
  if (changed) {
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
  }
}
