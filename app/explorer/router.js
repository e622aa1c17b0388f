// The page's state lives in its URL, so every view can be shared and Back works:
// /?q=…  the answer to a question;  /?division=11 (or a key: 人事处, enterprise-services)  a division's card;
// /?lang=en  English. Changes are pushed (a new history entry) or replaced (while typing).
/** @import { Lang } from "./types.js" */

/** @typedef {{lang: Lang, q: string, division: string | null}} State */

/** @type {((state: State) => void)[]} */
const listeners = [];

/**
 * The state a URL names.
 * @param {string} [href]
 * @returns {State}
 */
export function stateOf(href = window.location.href) {
  const params = new URL(href).searchParams;
  return {
    lang: params.get("lang") === "en" ? "en" : "zh",
    q: (params.get("q") ?? "").trim(),
    division: params.get("division")?.trim() || null,
  };
}

/**
 * The URL of a state, relative to this page: /?q=…&division=…&lang=en (Chinese, the default, is left out).
 * @param {State} state
 * @returns {string}
 */
export function urlOf(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.division) params.set("division", state.division);
  if (state.lang === "en") params.set("lang", "en");
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

/**
 * Move to a new state: push a history entry (Back returns here), or replace the current one.
 * @param {Partial<State>} change
 * @param {{replace?: boolean}} [options]
 */
export function go(change, { replace = false } = {}) {
  const next = { ...stateOf(), ...change };
  const url = urlOf(next);
  if (url !== urlOf(stateOf())) {
    if (replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
  }
  for (const listener of listeners) listener(next);
}

/**
 * Call back on every change of state, by go() or by the Back and Forward buttons.
 * @param {(state: State) => void} listener
 */
export function onStateChange(listener) {
  listeners.push(listener);
}

window.addEventListener("popstate", () => {
  const state = stateOf();
  for (const listener of listeners) listener(state);
});
