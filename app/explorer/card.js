// A division's card, at its own URL (/?division=11): its other names, its mandate items (official text),
// the main duties it carries (editorial link, with the items that are the evidence) and its honours.
import { fill, h } from "./dom.js";
import { bilingual, divisionName, editorialTag, lang, officialTag, t } from "./i18n.js";
import { urlOf } from "./router.js";
import { editorialText } from "./types.js";
/** @import { Division, Duty, Honour } from "./types.js" */
/** @import { State } from "./router.js" */

/**
 * The division a URL's key names: its number, its slug id, its name or one of its other names.
 * @param {Division[]} divisions
 * @param {string} key
 * @returns {Division | undefined}
 */
export function findDivision(divisions, key) {
  return divisions.find(
    (division) =>
      String(division.n) === key ||
      division.id === key ||
      division.name === key ||
      division.other_names.some((other) => other.name === key),
  );
}

/**
 * @param {HTMLElement} region
 * @param {State} state
 * @param {Division[]} divisions
 * @param {Map<number, Duty>} duties
 * @param {Honour[]} honours
 */
export function drawCard(region, state, divisions, duties, honours) {
  const key = state.division ?? "";
  const division = findDivision(divisions, key);
  const closeUrl = urlOf({ ...state, division: null });
  const close = h("a", { class: "button button-quiet card-close", href: closeUrl, "data-nav": "" }, "× ", t("close"));
  if (!division) {
    fill(region, h("div", { class: "card" }, h("h2", { id: "card-title", tabindex: "-1" }, t("notFound", { key })), close));
    return;
  }
  const index = divisions.indexOf(division);
  const previous = divisions[(index + divisions.length - 1) % divisions.length];
  const next = divisions[(index + 1) % divisions.length];
  const own = honours.filter((honour) => honour.division?.n === division.n);
  fill(
    region,
    h(
      "article",
      { class: "card", "data-division": division.n },
      h(
        "header",
        { class: "card-head" },
        h("p", { class: "card-kicker" }, t("card"), " ", h("span", { lang: "zh-CN" }, division.label)),
        h("h2", { id: "card-title", tabindex: "-1" }, divisionName(division)),
        division.other_names.map((other) =>
          h(
            "p",
            { class: "card-alias" },
            other.kind === "merged_office"
              ? t("mergedWith", { name: other.name })
              : [t("alsoNamed"), " ", h("span", { lang: "zh-CN" }, other.name)],
            " — ",
            h("q", { class: "official", lang: "zh-CN" }, other.source),
          ),
        ),
        h(
          "nav",
          { class: "card-actions", "aria-label": t("card") },
          h("a", { class: "button button-quiet", href: urlOf({ ...state, division: String(previous.n) }), "data-nav": "", rel: "prev" }, "← ", t("previous")),
          h("a", { class: "button button-quiet", href: urlOf({ ...state, division: String(next.n) }), "data-nav": "", rel: "next" }, t("next"), " →"),
          h("a", { class: "button button-quiet", href: division.url, type: "application/json" }, t("cardJson")),
          close,
        ),
      ),
      h("section", { class: "card-part", "aria-labelledby": "card-mandate" },
        h("h3", { id: "card-mandate" }, t("cardMandate"), " ", officialTag()),
        h("ol", { class: "mandate" }, division.mandate.map((item) =>
          bilingual("li", item.text, editorialText(item, "text_en"), { tagged: true }),
        )),
      ),
      h("section", { class: "card-part editorial-box", "aria-labelledby": "card-duties" },
        h("h3", { id: "card-duties" }, t("cardDuties"), " ", editorialTag()),
        h("p", { class: "note" }, t("cardDutiesNote")),
        division.editorial.duties.length === 0
          ? h("p", {}, t("cardNoDuties"))
          : h("ul", { class: "carried" }, division.editorial.duties.map((link) => {
              const duty = duties.get(link.n);
              return h("li", {},
                h("span", { class: "label", lang: "zh-CN" }, link.label),
                " ",
                duty ? bilingual("span", duty.text, editorialText(duty, "text_en")) : null,
                " ",
                h("span", { class: "evidence-items" }, t("evidenceItems", { items: link.evidence.join(lang() === "zh" ? "、" : ", ") })),
              );
            })),
      ),
      own.length
        ? h("section", { class: "card-part", "aria-labelledby": "card-honours" },
            h("h3", { id: "card-honours" }, t("cardHonours")),
            h("ul", {}, own.map((honour) => h("li", {}, h("span", { class: "official", lang: "zh-CN" }, honour.source)))),
          )
        : null,
      h("p", { class: "card-link" }, t("cardLink"), ": ", h("a", { href: urlOf({ ...state, q: "", division: String(division.n) }) }, location.origin + urlOf({ ...state, q: "", division: String(division.n) }))),
    ),
  );
}
