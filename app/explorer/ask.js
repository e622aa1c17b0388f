// Ask: "谁负责…？ / Who is responsible for…?" answered as you type, from GET /v1/divisions?q=.
// Typing updates the URL in place (replaceState), so the link is always shareable; a submitted or
// finished question gets its own history entry (pushState), so Back returns to the one before.
import { ApiError, askDivisions } from "./api.js";
import { byId, fill, h, highlighted } from "./dom.js";
import { divisionName, editorialTag, lang, langTag, t } from "./i18n.js";
import { reasonText } from "./reasons.js";
import { drawReferral } from "./referral.js";
import { go, stateOf } from "./router.js";
import { confidenceOf, editorialText } from "./types.js";
/** @import { DivisionHit, DivisionHitPage, Match } from "./types.js" */

/** The questions to try: the data's own (GET /v1 ask_examples, editorial), none until it has answered. */
let examples = /** @type {string[]} */ ([]);
const DEBOUNCE_MS = 200;

/** @type {number | undefined} */
let timer;
/** @type {AbortController | null} */
let inFlight = null;
/** The question whose answer is shown (or being fetched), and the answer once it came. */
let shown = { q: "", page: /** @type {DivisionHitPage | null} */ (null) };
/** Whether the next typed change starts a new history entry rather than replacing the current one. */
let pushNext = true;

const input = () => /** @type {HTMLInputElement} */ (byId("ask-input"));

/** Wire the form: debounced answers while typing, a history entry per finished question. */
export function initAsk() {
  const field = input();
  field.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      go({ q: field.value.trim(), division: null }, { replace: !pushNext });
      pushNext = false;
    }, DEBOUNCE_MS);
  });
  field.addEventListener("change", settle);
  // Back and Forward show the question of the entry they reach, even in the box being typed in.
  window.addEventListener("popstate", () => {
    window.clearTimeout(timer);
    field.value = stateOf().q;
    settle();
  });
  byId("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    go({ q: field.value.trim(), division: null }, { replace: !pushNext });
    pushNext = true;
  });
}

/** The question is finished (submitted, left, or reached by Back): the next edit makes a new history entry. */
export function settle() {
  pushNext = true;
}

/**
 * Take the data's example questions and draw them.
 * @param {string[]} questions
 */
export function setExamples(questions) {
  if (questions.join("\n") === examples.join("\n")) return;
  examples = questions;
  drawAskChrome();
}

/** Draw the form's words in the current language, and the example questions as links. */
export function drawAskChrome() {
  fill(byId("ask-label"), t("askLabel"));
  input().placeholder = examples.length ? t("askPlaceholder", { example: examples[0] }) : t("askPlaceholderPlain");
  fill(byId("ask-hint"), t("askHint"));
  fill(byId("ask-submit"), t("askButton"));
  const here = lang() === "en" ? "&lang=en" : "";
  fill(
    byId("ask-examples"),
    examples.length ? h("span", { class: "examples-label" }, t("tryThese")) : null,
    examples.map((example) =>
      h("a", { class: "chip", href: `/?q=${encodeURIComponent(example)}${here}`, "data-nav": "", lang: "zh-CN" }, example),
    ),
  );
}

/**
 * Show the answer to a question (fetching it unless it is the one shown), or nothing for an empty one.
 * @param {string} q
 */
export function showAnswer(q) {
  const field = input();
  if (document.activeElement !== field && field.value.trim() !== q) field.value = q;
  const region = byId("answers");
  if (!q) {
    inFlight?.abort();
    shown = { q: "", page: null };
    region.dispatchEvent(new CustomEvent("explorer:answered", { detail: null }));
    region.hidden = true;
    fill(region);
    return;
  }
  region.hidden = false;
  if (shown.q === q) {
    if (shown.page) drawAnswer(q, shown.page);
    return;
  }
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  shown = { q, page: null };
  region.setAttribute("aria-busy", "true");
  fill(region, h("p", { class: "muted" }, t("searching")));
  askDivisions(q, controller.signal).then(
    (page) => {
      if (controller.signal.aborted) return;
      shown = { q, page };
      region.removeAttribute("aria-busy");
      drawAnswer(q, page);
    },
    (error) => {
      if (controller.signal.aborted) return;
      shown = { q: "", page: null };
      region.removeAttribute("aria-busy");
      const detail = error instanceof ApiError ? error.problem.detail || error.problem.title : String(error);
      fill(region, h("p", { class: "notice notice-error", role: "alert" }, t("answerError", { detail })));
    },
  );
}

/**
 * @param {string} q
 * @param {DivisionHitPage} page
 */
function drawAnswer(q, page) {
  const region = byId("answers");
  region.dispatchEvent(new CustomEvent("explorer:answered", { detail: page.items[0]?.n ?? null }));
  const referral = page.referral ? drawReferral(page.referral) : null;
  if (page.items.length === 0) {
    fill(
      region,
      h("h2", { class: "answers-heading" }, t("answersHeading")),
      h("div", { class: "answers-none", "data-q": q }, referral ?? h("p", { class: "notice" }, t("noAnswer", { q }))),
    );
    return;
  }
  fill(
    region,
    h("h2", { class: "answers-heading" }, t("answersHeading")),
    page.referral?.decisive ? referral : null,
    h("p", { class: "answers-for" }, t(page.referral?.decisive ? "answersTouching" : "answersFor", { q })),
    h("ol", { class: "answers", "data-q": q }, page.items.map((hit) => drawHit(hit, englishNames(page)))),
    page.referral?.decisive ? null : referral,
  );
}

/**
 * The English of the Chinese names a reason may hold: the answering divisions' and the referred matter's.
 * @param {DivisionHitPage} page
 * @returns {Map<string, string>}
 */
function englishNames(page) {
  const names = new Map(page.items.map((hit) => [hit.name, editorialText(hit, "name_en") ?? hit.name]));
  if (page.referral?.matter_en.length) names.set(page.referral.matter, page.referral.matter_en[0]);
  return names;
}

/**
 * @param {DivisionHit} hit
 * @param {Map<string, string>} names
 */
function drawHit(hit, names) {
  const confidence = confidenceOf(hit.search);
  const here = lang() === "en" ? "&lang=en" : "";
  return h(
    "li",
    { class: "answer", "data-division": hit.n },
    h(
      "div",
      { class: "answer-head" },
      h("a", { class: "answer-name", href: `/?division=${hit.n}${here}`, "data-nav": "" }, h("span", { class: "label" }, hit.label), " ", divisionName(hit)),
      confidence &&
        h(
          "span",
          { class: `badge badge-${confidence}` },
          t("confidence", {
            level: t(confidence === "high" ? "confidenceHigh" : confidence === "medium" ? "confidenceMedium" : "confidenceLow"),
          }),
        ),
    ),
    h(
      "p",
      { class: "reason" },
      h("span", { class: "key" }, t("reason")),
      " ",
      h("span", { lang: langTag() }, reasonText(hit.search.reason, names)),
      h("span", { class: "score" }, ` · ${t("score")} ${hit.search.score.toFixed(2)}`),
    ),
    hit.search.matches.slice(0, 2).map((match) => drawEvidence(hit, match)),
  );
}

/**
 * The sentence that matched, its matched characters highlighted; in English its editorial translation too.
 * @param {DivisionHit} hit
 * @param {Match} match
 */
function drawEvidence(hit, match) {
  const item = /^mandate\.(\d+)\.(editorial\.text_en|text)$/.exec(match.field);
  const mandate = item ? hit.mandate[Number(item[1])] : undefined;
  const where = mandate ? ` · ${t("mandateItem", { i: mandate.i })}` : "";
  if (item && item[2] === "editorial.text_en") {
    // The English translation matched: show it as editorial, and the official sentence it translates.
    return h(
      "figure",
      { class: "evidence" },
      h("figcaption", {}, t("evidenceEditorial"), where),
      h("p", { class: "ed-text", lang: "en" }, editorialTag(true), " ", highlighted(match.text, match.spans)),
      mandate && h("blockquote", { class: "official", lang: "zh-CN" }, mandate.text),
    );
  }
  const english = lang() === "en" && mandate ? editorialText(mandate, "text_en") : null;
  return h(
    "figure",
    { class: "evidence" },
    h("figcaption", {}, t("evidence"), where),
    h("blockquote", { class: "official", lang: "zh-CN" }, highlighted(match.text, match.spans)),
    english && h("p", { class: "ed-text", lang: "en" }, editorialTag(true), " ", english),
  );
}
