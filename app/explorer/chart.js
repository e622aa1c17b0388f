// The organisation chart: the department and its divisions, drawn in HTML and CSS as a tree. Each
// division is a link to its card (keyboard and middle-click work as for any link) and names its other
// names: the name it also bears (办公室 is also 行政审批处) and the office it shares (合署办公).
import { fill, h } from "./dom.js";
import { divisionName, lang, sectionHeading, t } from "./i18n.js";
/** @import { Division, OtherName, Root } from "./types.js" */

/**
 * @param {HTMLElement} region
 * @param {Root | null} root
 * @param {Division[]} divisions
 * @param {number | null} selected the division whose card is open
 */
export function drawChart(region, root, divisions, selected) {
  const here = lang() === "en" ? "&lang=en" : "";
  const department = root?.department;
  fill(
    region,
    h("h2", { id: "organisation-heading" }, sectionHeading(root, "divisions", t("organisation"))),
    h("p", { class: "intro" }, t("chartIntro", { n: divisions.length })),
    h(
      "div",
      { class: "org" },
      h(
        "div",
        { class: "org-dept" },
        h("span", { class: "org-dept-name", lang: "zh-CN" }, department?.name ?? ""),
        lang() === "en" && department ? h("span", { class: "org-dept-en ed-text", lang: "en" }, department.name_en) : null,
      ),
      h(
        "ol",
        { class: "org-divisions", "aria-labelledby": "organisation-heading" },
        divisions.map((division) =>
          h(
            "li",
            { class: "org-item" },
            h(
              "a",
              {
                class: `node${division.n === selected ? " is-selected" : ""}`,
                href: `/?division=${division.n}${here}`,
                "data-nav": "",
                "data-division": division.n,
                "aria-current": division.n === selected ? "true" : null,
              },
              h("span", { class: "label", lang: "zh-CN" }, division.label),
              h("span", { class: "node-name" }, divisionName(division)),
              division.other_names.map(otherName),
              h(
                "span",
                { class: "node-meta" },
                t("mandateCount", { n: division.mandate.length }),
                " · ",
                t("dutyCount", { n: division.editorial.duties.length }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * Mark the division that best answers the question on the chart (or none).
 * @param {HTMLElement} region
 * @param {number | null} n
 */
export function markAnswer(region, n) {
  for (const node of region.querySelectorAll(".node")) {
    node.classList.toggle("is-answer", node.getAttribute("data-division") === String(n));
  }
}

/**
 * One other name of a division, with its relation: borne as a second name, or a merged office (合署办公).
 * @param {OtherName} other
 */
function otherName(other) {
  if (other.kind === "merged_office") {
    return h(
      "span",
      { class: "alias alias-merged", title: other.source },
      h("span", { class: "alias-rel" }, t("mergedBefore")),
      h("span", { class: "alias-name", lang: "zh-CN" }, other.name),
      h("span", { class: "alias-rel", lang: "zh-CN" }, t("mergedAfter")),
    );
  }
  return h(
    "span",
    { class: "alias", title: other.source },
    h("span", { class: "alias-rel" }, t("alsoNamed")),
    h("span", { class: "alias-name", lang: "zh-CN" }, other.name),
  );
}
