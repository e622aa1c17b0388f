// The explorer's entry point: start every API request at once, draw each section as its data arrives,
// and redraw on every change of state (language, question, open card), by link, by typing or by Back.
import { ApiError, listDivisions, listDuties, listHonours, listLeaders, readChanges, readMatrix, readRoot, readTransformation } from "./api.js";
import { drawAskChrome, initAsk, setExamples, settle, showAnswer } from "./ask.js";
import { drawCard, findDivision } from "./card.js";
import { drawChart, markAnswer } from "./chart.js";
import { byId, fill, h } from "./dom.js";
import { drawAddress, drawDuties, drawHonours, drawLeaders, drawProvisions, drawRegulation, drawTransformation } from "./facts.js";
import { formatDate, lang, officialTag, editorialTag, setLang, t } from "./i18n.js";
import { drawMatrix } from "./matrix.js";
import { go, onStateChange, stateOf, urlOf } from "./router.js";
/** @import { Changes, Root, Division, Duty, Matrix, Transformation, Leader, Honour } from "./types.js" */
/** @import { State } from "./router.js" */

/**
 * What the API has answered so far.
 * @type {{root: Root | null, divisions: Division[] | null, duties: Duty[] | null, matrix: Matrix | null,
 *   transformation: Transformation | null, leaders: Leader[] | null, honours: Honour[] | null, changes: Changes | null}}
 */
const data = { root: null, divisions: null, duties: null, matrix: null, transformation: null, leaders: null, honours: null, changes: null };

let state = stateOf();
/** The division that best answers the question shown, marked on the chart. */
let answered = /** @type {number | null} */ (null);
/** Whether the card should take focus when drawn (the user opened it, rather than the page loading with it). */
let focusCard = false;

/**
 * Keep one answer when it comes, then redraw; a failure is shown in the section that needed it.
 * @template T
 * @param {Promise<T>} request
 * @param {(value: T) => void} keep
 * @param {string} region the id of the section that shows the failure
 */
function load(request, keep, region) {
  return request.then(
    (value) => {
      keep(value);
      draw();
    },
    (error) => {
      const detail = error instanceof ApiError ? error.problem.detail || error.problem.title : String(error);
      fill(byId(region), h("p", { class: "notice notice-error", role: "alert" }, t("loadError", { detail })));
    },
  );
}

const loads = [
  load(listDivisions(), (page) => (data.divisions = page.items), "organisation"),
  load(readRoot(), (root) => (data.root = root), "footer-facts"),
  load(listDuties(), (page) => (data.duties = page.items), "duties"),
  load(readMatrix(), (matrix) => (data.matrix = matrix), "matrix"),
  load(readTransformation(), (transformation) => (data.transformation = transformation), "transformation"),
  load(listLeaders(), (page) => (data.leaders = page.items), "leaders"),
  load(listHonours(), (page) => (data.honours = page.items), "honours"),
  load(readChanges(), (changes) => (data.changes = changes), "footer-facts"),
];
Promise.allSettled(loads).then(() => {
  document.documentElement.dataset.loaded = "true";
  openAtSection();
});

/** A deep link (/#matrix, /#duties …) opens at its section once the sections are drawn (the browser looked too early). */
function openAtSection() {
  const id = decodeURIComponent(location.hash.slice(1));
  const section = id ? document.getElementById(id) : null;
  if (section) section.scrollIntoView({ block: "start" });
}

/** Draw everything the data allows, for the current state. */
function draw() {
  const { root, divisions, duties, matrix, transformation, leaders, honours } = data;
  const dutiesByN = new Map((duties ?? []).map((duty) => [duty.n, duty]));
  const division = divisions && state.division ? findDivision(divisions, state.division) : undefined;
  if (divisions) {
    const first = !byId("organisation").querySelector(".node");
    drawChart(byId("organisation"), root, divisions, division?.n ?? null);
    markAnswer(byId("organisation"), answered);
    if (first) performance.mark("explorer:chart");
  }
  const card = byId("card");
  card.hidden = !state.division;
  if (state.division && divisions) {
    drawCard(card, state, divisions, dutiesByN, honours ?? []);
    if (focusCard) {
      focusCard = false;
      byId("card-title").focus({ preventScroll: true });
      card.scrollIntoView({ block: "start" });
    }
  }
  if (matrix && divisions && duties) drawMatrix(byId("matrix"), matrix, divisions, dutiesByN);
  if (duties && divisions) drawDuties(byId("duties"), root, duties, divisions);
  if (transformation) drawTransformation(byId("transformation"), root, transformation);
  if (leaders) drawLeaders(byId("leaders"), root, leaders);
  if (honours) drawHonours(byId("honours"), root, honours);
  if (root) {
    drawRegulation(byId("regulation"), root);
    drawAddress(byId("address"), root);
    drawProvisions(byId("provisions"), root);
    drawMasthead(root);
    hideAbsent(root);
    setExamples(root.ask_examples);
  }
  const title = root ? `${root.department.name} · ${t("documentTitle")}` : t("documentTitle");
  document.title = division ? `${division.name} — ${title}` : state.q ? `${state.q} — ${title}` : title;
}

/**
 * The parts this department's text does not print have no section and no link: nothing is filled in.
 * @param {Root} root
 */
function hideAbsent(root) {
  for (const part of root.absent) {
    byId(part).hidden = true;
    const link = byId("sections-nav").querySelector(`a[href="#${part}"]`);
    if (link?.parentElement) link.parentElement.hidden = true;
  }
}

/** The words that do not come from the API: masthead, language switch, navigation, legend, footer. */
function drawChrome() {
  fill(byId("skip"), t("skip"));
  fill(byId("kicker"), t("kicker"));
  fill(byId("tagline"), t("tagline"));
  byId("lang-switch").setAttribute("aria-label", `${t("language")} / Language`);
  drawLanguageSwitch();
  const sections = /** @type {[string, import("./i18n.js").Word][]} */ ([
    ["organisation", "organisation"],
    ["matrix", "matrix"],
    ["duties", "duties"],
    ["transformation", "transformation"],
    ["leaders", "leaders"],
    ["regulation", "regulation"],
    ["honours", "honours"],
    ["address", "address"],
  ]);
  const nav = byId("sections-nav");
  nav.setAttribute("aria-label", t("sectionsNav"));
  fill(nav, h("ul", {}, sections.map(([id, word]) => h("li", {}, h("a", { href: `#${id}` }, t(word))))));
  fill(
    byId("legend"),
    h("p", { class: "legend-item" }, officialTag(), " ", h("span", { class: "official" }, t("legendOfficial"))),
    h("p", { class: "legend-item" }, editorialTag(), " ", h("span", { class: "ed-text" }, t("legendEditorial"))),
    h("p", { class: "legend-item legend-version", id: "masthead-version" }),
  );
  drawAskChrome();
}

/** The two languages as links to this same view in each; the current one marked. */
function drawLanguageSwitch() {
  fill(
    byId("lang-switch"),
    h("a", { href: urlOf({ ...state, lang: "zh" }), lang: "zh-CN", hreflang: "zh-CN", "data-nav": "", "aria-current": lang() === "zh" ? "true" : null }, "中文"),
    h("a", { href: urlOf({ ...state, lang: "en" }), lang: "en", hreflang: "en", "data-nav": "", "aria-current": lang() === "en" ? "true" : null }, "English"),
  );
}

/** @param {Root} root */
function drawMasthead(root) {
  fill(byId("masthead-version"), t("dataset"), " ", h("code", {}, root.dataset.version));
  fill(byId("dept-name"), h("span", { lang: "zh-CN" }, root.department.name), lang() === "en" ? h("span", { class: "dept-en ed-text", lang: "en" }, root.department.name_en) : null);
  fill(
    byId("footer-facts"),
    h(
      "dl",
      { class: "dataset" },
      h("dt", {}, t("dataset")),
      h("dd", {}, h("code", { id: "dataset-version" }, root.dataset.version)),
      h("dt", {}, t("datasetModified")),
      h("dd", {}, h("time", { datetime: root.dataset.modified }, formatDate(root.dataset.modified.slice(0, 10))), latestChange()),
      h("dt", {}, t("source")),
      h("dd", {}, h("code", {}, root.dataset.source)),
    ),
    h("p", {}, t("footerNote")),
    h("p", { class: "footer-links" }, h("a", { href: "/docs" }, t("apiDocs")), " · ", h("a", { href: "/v1" }, t("apiRoot")), " · ", h("a", { href: "/openapi.json" }, "OpenAPI")),
  );
}

/** What the newest version in the change log changed, linked to the whole log (JSON) and its Atom feed. */
function latestChange() {
  const latest = data.changes?.items[0];
  if (!latest) return null;
  return h(
    "span",
    { class: "latest-change" },
    " · ",
    h("a", { href: "/v1/changes", id: "latest-change" }, t("latestChange", { date: formatDate(latest.date), summary: latest.summary })),
    " (",
    h("a", { href: "/v1/changes.atom", type: "application/atom+xml" }, "Atom"),
    ")",
  );
}

/** @param {State} next */
function apply(next) {
  const languageChanged = next.lang !== lang();
  const cardOpened = next.division !== null && next.division !== state.division;
  const switching = Boolean(document.activeElement?.closest("#lang-switch"));
  state = next;
  setLang(next.lang);
  if (languageChanged) drawChrome();
  drawLanguageSwitch();
  if (switching) /** @type {HTMLElement | null} */ (byId("lang-switch").querySelector("a[aria-current]"))?.focus();
  focusCard = cardOpened;
  showAnswer(next.q);
  draw();
}

// Same-page links (data-nav) change state without reloading; modified clicks open a new tab as usual.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[data-nav]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.origin !== location.origin) return;
  event.preventDefault();
  settle();
  go(stateOf(link.href));
});

onStateChange(apply);
initAsk();
setLang(state.lang);
drawChrome();
showAnswer(state.q);
byId("answers").addEventListener("explorer:answered", (event) => {
  answered = event instanceof CustomEvent && typeof event.detail === "number" ? event.detail : null;
  markAnswer(byId("organisation"), answered);
});
if (state.division) {
  // A shared card link: once the divisions are in, bring the card into view.
  loads[0].then(() => byId("card").scrollIntoView({ block: "start" }));
}
draw();
