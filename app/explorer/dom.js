// Building DOM from nodes, never from markup strings: text always goes in as text, so nothing the API says is parsed as markup.

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * An element with attributes and children. Attributes: `class`, `lang`, `aria-*`, `data-*`, `href`…;
 * a value of false, null or undefined leaves the attribute out; `on*` functions become listeners.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined | EventListener>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/**
 * Append children (nested arrays flattened; null, undefined and false skipped).
 * @param {Node} parent
 * @param {(Child | Child[])[]} children
 */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replace everything inside an element.
 * @param {Element} element
 * @param {...(Child | Child[])} children
 */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/**
 * The element with this id, which the page must have.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/**
 * Text with the given character ranges wrapped in <mark>. Offsets count Unicode code points, as the API's
 * spans do (Python string indices), not UTF-16 units, so characters outside the BMP stay aligned.
 * @param {string} text
 * @param {{start: number, end: number}[]} spans
 * @returns {Node[]}
 */
export function highlighted(text, spans) {
  const characters = Array.from(text);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  /** @type {Node[]} */
  const nodes = [];
  let at = 0;
  for (const { start, end } of sorted) {
    const from = Math.max(start, at);
    const to = Math.min(end, characters.length);
    if (to <= from) continue;
    if (from > at) nodes.push(document.createTextNode(characters.slice(at, from).join("")));
    nodes.push(h("mark", {}, characters.slice(from, to).join("")));
    at = to;
  }
  if (at < characters.length) nodes.push(document.createTextNode(characters.slice(at).join("")));
  return nodes;
}
