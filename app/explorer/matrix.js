// The duty × division matrix (GET /v1/matrix) as a heat map: each cell counts the division's mandate items
// that carry the duty, shown as a number and a shade (never colour alone). Focusing or hovering a cell
// shows its evidence in a panel that the cell names as its description.
import { fill, h } from "./dom.js";
import { bilingual, divisionName, editorialTag, lang, t, unassignedText } from "./i18n.js";
import { editorialText } from "./types.js";
/** @import { Division, Duty, Matrix } from "./types.js" */

/**
 * @param {HTMLElement} region
 * @param {Matrix} matrix
 * @param {Division[]} divisions
 * @param {Map<number, Duty>} duties
 */
export function drawMatrix(region, matrix, divisions, duties) {
  const byN = new Map(divisions.map((division) => [division.n, division]));
  const here = lang() === "en" ? "&lang=en" : "";
  const table = h(
    "table",
    { class: "matrix" },
    h("caption", { class: "vh" }, t("matrixCaption")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", class: "corner" }, t("matrixDuty")),
        matrix.columns.map((column, c) => {
          const english = byN.has(column.n) ? editorialText(byN.get(column.n), "name_en") : null;
          return h(
            "th",
            { scope: "col", class: "col-head", "data-col": c },
            h(
              "a",
              { href: `/?division=${column.n}${here}`, "data-nav": "" },
              h("span", { class: "col-n" }, column.n),
              lang() === "en" && english ? h("span", { class: "col-name col-name-en ed-text", lang: "en" }, english) : null,
              h("span", { class: lang() === "en" && english ? "col-name official-small" : "col-name", lang: "zh-CN" }, column.name),
            ),
          );
        }),
      ),
    ),
    h(
      "tbody",
      {},
      matrix.rows.map((row, r) => {
        const duty = duties.get(row.duty);
        const unassigned = duty?.editorial.unassigned_reason;
        return h(
          "tr",
          {},
          h(
            "th",
            { scope: "row", class: "row-head", "data-row": r },
            h("span", { class: "label", lang: "zh-CN" }, row.label),
            duty ? bilingual("span", duty.text, editorialText(duty, "text_en"), { className: "duty-short" }) : null,
          ),
          row.cells.map((evidence, c) => {
            const column = matrix.columns[c];
            if (evidence.length === 0) {
              return h("td", { class: unassigned ? "cell-none unassigned" : "cell-none" }, "");
            }
            return h(
              "td",
              {},
              h(
                "button",
                {
                  type: "button",
                  class: `cell shade-${Math.min(evidence.length, 3)}`,
                  "data-row": r,
                  "data-col": c,
                  "aria-describedby": "matrix-detail",
                  "aria-label": t("matrixCell", { duty: row.duty, division: column.name, n: evidence.length }),
                },
                evidence.length,
              ),
            );
          }),
        );
      }),
    ),
  );
  const detail = h("div", { id: "matrix-detail", class: "matrix-detail" }, h("p", { class: "muted" }, t("matrixDetailEmpty")));
  /** @param {Event} event */
  const show = (event) => {
    const cell = event.target instanceof Element ? event.target.closest("button.cell") : null;
    if (!(cell instanceof HTMLElement)) return;
    const r = Number(cell.dataset.row);
    const c = Number(cell.dataset.col);
    const row = matrix.rows[r];
    const column = matrix.columns[c];
    const division = byN.get(column.n);
    mark(table, r, c);
    fill(detail, drawEvidence(row.label, duties.get(row.duty), division ?? column, row.cells[c], division));
  };
  table.addEventListener("focusin", show);
  table.addEventListener("mouseover", show);
  table.addEventListener("click", (event) => {
    show(event);
    if (event.target instanceof Element && event.target.closest("button.cell")) detail.scrollIntoView({ block: "nearest" });
  });
  const unassignedDuties = [...duties.values()].filter((duty) => duty.editorial.unassigned_reason);
  fill(
    region,
    h("h2", { id: "matrix-heading" }, t("matrix"), " ", editorialTag()),
    h("p", { class: "intro" }, t("matrixIntro")),
    h(
      "div",
      { class: "matrix-layout" },
      h("div", { class: "matrix-scroll", role: "region", "aria-labelledby": "matrix-heading", tabindex: "0" }, table),
      detail,
    ),
    h(
      "p",
      { class: "legend" },
      h("span", { class: "swatch shade-1", "aria-hidden": "true" }, "1"),
      h("span", { class: "swatch shade-2", "aria-hidden": "true" }, "2"),
      h("span", { class: "swatch shade-3", "aria-hidden": "true" }, "3+"),
      " ",
      t("matrixLegend"),
    ),
    unassignedDuties.map((duty) =>
      h("p", { class: "note" }, h("span", { lang: "zh-CN" }, duty.label), " ", t("unassigned"), " — ", unassignedText(duty.editorial.unassigned_reason ?? "")),
    ),
  );
}

/**
 * Mark the focused cell's row and column headers.
 * @param {HTMLElement} table
 * @param {number} r
 * @param {number} c
 */
function mark(table, r, c) {
  for (const header of table.querySelectorAll(".is-current")) header.classList.remove("is-current");
  table.querySelector(`th[data-row="${r}"]`)?.classList.add("is-current");
  table.querySelector(`th[data-col="${c}"]`)?.classList.add("is-current");
}

/**
 * The evidence for one cell: the duty, the division, and the division's mandate items that carry it.
 * @param {string} label
 * @param {Duty | undefined} duty
 * @param {{name: string, editorial?: unknown}} named
 * @param {number[]} items
 * @param {Division | undefined} division
 */
function drawEvidence(label, duty, named, items, division) {
  return [
    h("h3", {}, h("span", { lang: "zh-CN" }, label), " × ", divisionName(named)),
    duty ? bilingual("p", duty.text, editorialText(duty, "text_en"), { className: "detail-duty" }) : null,
    h("p", { class: "detail-label" }, t("evidenceItems", { items: items.join(lang() === "zh" ? "、" : ", ") })),
    h(
      "ol",
      { class: "detail-items" },
      items.map((i) => {
        const item = division?.mandate.find((candidate) => candidate.i === i);
        return item ? h("li", { value: i }, bilingual("span", item.text, editorialText(item, "text_en"))) : null;
      }),
    ),
  ];
}
