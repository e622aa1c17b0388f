// The rest of the mandate, each section drawn from its own endpoint: the main duties (/v1/duties), the
// function transformation, the leaders with their as-of month, the regulation's dates, the honours with
// their status as printed, and the address (/v1).
import { fill, h } from "./dom.js";
import { bilingual, divisionName, editorialTag, formatDate, lang, officialTag, sectionHeading, t, unassignedText } from "./i18n.js";
import { editorialList, editorialText } from "./types.js";
/** @import { Division, Duty, Honour, Leader, Root, Transformation } from "./types.js" */

const here = () => (lang() === "en" ? "&lang=en" : "");

/**
 * The main duties, each with the divisions that carry it (editorial).
 * @param {HTMLElement} region
 * @param {Root | null} root
 * @param {Duty[]} duties
 * @param {Division[]} divisions
 */
export function drawDuties(region, root, duties, divisions) {
  const byN = new Map(divisions.map((division) => [division.n, division]));
  fill(
    region,
    h("h2", {}, sectionHeading(root, "duties", t("duties"))),
    h("p", { class: "intro" }, t("dutiesIntro", { n: duties.length })),
    h(
      "ol",
      { class: "duties" },
      duties.map((duty) =>
        h(
          "li",
          { id: `duty-${duty.n}` },
          h("span", { class: "label", lang: "zh-CN" }, duty.label),
          bilingual("p", duty.text, editorialText(duty, "text_en"), { tagged: true }),
          h(
            "p",
            { class: "carried-by" },
            h("span", { class: "key" }, t("carriedBy")),
            " ",
            editorialTag(),
            " ",
            duty.editorial.divisions.length
              ? duty.editorial.divisions.map((link) =>
                  h("a", { class: "chip", href: `/?division=${link.n}${here()}`, "data-nav": "" }, divisionName(byN.get(link.n) ?? link)),
                )
              : h("span", {}, duty.editorial.unassigned_reason ? unassignedText(duty.editorial.unassigned_reason) : t("unassigned")),
          ),
        ),
      ),
    ),
  );
}

/**
 * @param {HTMLElement} region
 * @param {Root | null} root
 * @param {Transformation} transformation
 */
export function drawTransformation(region, root, transformation) {
  const english = lang() === "en" ? editorialList(transformation, "sentences_en") : null;
  const heading = lang() === "en" ? editorialText(transformation, "heading_en") : null;
  fill(
    region,
    h("h2", {}, heading ? [heading, " ", h("span", { class: "official-small", lang: "zh-CN" }, transformation.heading)] : sectionHeading(root, "transformation", t("transformation"))),
    h("div", { class: "prose" }, transformation.sentences.map((sentence, k) => bilingual("p", sentence, english?.[k] ?? null, { tagged: k === 0 }))),
  );
}

/**
 * @param {HTMLElement} region
 * @param {Root | null} root
 * @param {Leader[]} leaders
 */
export function drawLeaders(region, root, leaders) {
  drawList(region, root, "leaders", leaders, (leader) => {
    const posts = lang() === "en" ? editorialList(leader, "posts_en") : null;
    return h(
      "li",
      { class: "leader" },
      h("p", { class: "leader-name" }, bilingual("span", leader.name, lang() === "en" ? editorialText(leader, "name_en") : null)),
      bilingual("p", leader.title, editorialText(leader, "title_en"), { className: "leader-title" }),
      h("ul", { class: "posts" }, leader.posts.map((post, k) => h("li", { class: "post" }, bilingual("span", post, posts?.[k] ?? null)))),
      leader.as_of && leader.as_of_source ? h("p", { class: "as-of" }, t("asOf", { month: formatDate(leader.as_of) }), " — ", h("span", { class: "official", lang: "zh-CN" }, leader.as_of_source)) : null,
    );
  });
}

/**
 * The regulation's dates and interpretation authority, as the "other provisions" say.
 * @param {HTMLElement} region
 * @param {Root} root
 */
export function drawRegulation(region, root) {
  const regulation = root.regulation;
  if (!regulation) return;
  const english = lang() === "en" ? editorialText(regulation, "text_en") : null;
  const { interpretation, repeals } = regulation;
  fill(
    region,
    h("h2", {}, sectionHeading(root, "regulation", t("regulation"))),
    h(
      "dl",
      { class: "facts" },
      regulation.effective_date && regulation.source
        ? [h("dt", {}, t("effective")), h("dd", {}, h("time", { datetime: regulation.effective_date, class: "date" }, formatDate(regulation.effective_date)), h("span", { class: "official official-small", lang: "zh-CN" }, regulation.source))]
        : null,
      interpretation
        ? [h("dt", {}, t("interpretation")), h("dd", {}, h("span", { lang: "zh-CN" }, interpretation.authority), h("span", { class: "official official-small", lang: "zh-CN" }, interpretation.source))]
        : null,
      repeals
        ? [
            h("dt", {}, t("repeals")),
            h(
              "dd",
              {},
              h("cite", { lang: "zh-CN" }, `《${repeals.title}》`),
              " ",
              t("issued", { date: formatDate(repeals.issued_date), by: repeals.issued_by.join(lang() === "zh" ? "、" : ", ") }),
              h("span", { class: "official official-small", lang: "zh-CN" }, repeals.source),
            ),
          ]
        : null,
    ),
    english && h("p", { class: "ed-text", lang: "en" }, editorialTag(true), " ", english),
  );
}

/**
 * Honours with their status worded as printed: 拟表彰 and 拟被推荐 are proposals, not conferred honours;
 * a recipient that names no current division says so.
 * @param {HTMLElement} region
 * @param {Root | null} root
 * @param {Honour[]} honours
 */
export function drawHonours(region, root, honours) {
  drawList(region, root, "honours", honours, (honour) => {
    const english = (/** @type {string} */ key) => (lang() === "en" ? editorialText(honour, key) : null);
    const department = root?.department.name ?? "";
    const recipient = department && honour.recipient.startsWith(department) ? honour.recipient.slice(department.length) : honour.recipient;
    return h(
      "li",
      { class: "honour" },
      h("p", { class: "honour-head" }, h("time", { datetime: honour.date, class: "date" }, formatDate(honour.date)), " ", h("span", { class: "status", lang: "zh-CN" }, honour.status), english("status_en") && h("span", { class: "ed-text", lang: "en" }, english("status_en"))),
      h("p", { class: "honour-title" }, bilingual("span", `“${honour.title}”`, english("title_en"))),
      h(
        "p",
        { class: "honour-recipient" },
        honour.division
          ? h("a", { href: `/?division=${honour.division.n}${here()}`, "data-nav": "" }, h("span", { lang: "zh-CN" }, recipient))
          : [h("span", { lang: "zh-CN" }, recipient), h("span", { class: "note former" }, t("formerName", { name: recipient }))],
      ),
      honour.status.startsWith("拟") ? h("p", { class: "note proposal" }, t("proposal")) : null,
      honour.awarded_by ? h("p", { class: "awarded-by" }, t("awardedBy"), ": ", h("span", { lang: "zh-CN" }, honour.awarded_by)) : null,
      h("p", { class: "official official-small", lang: "zh-CN" }, officialTag(), " ", honour.source),
      english("source_en") && h("p", { class: "ed-text", lang: "en" }, editorialTag(true), " ", english("source_en")),
    );
  });
}

/**
 * The articles and sections no other part holds (purpose, status, staffing, supplementary provisions), as printed.
 * @param {HTMLElement} region
 * @param {Root} root
 */
export function drawProvisions(region, root) {
  region.hidden = root.provisions.length === 0;
  fill(
    region,
    h("h2", {}, t("provisions")),
    h(
      "ul",
      { class: "provisions" },
      root.provisions.map((provision) => h("li", {}, h("span", { class: "label", lang: "zh-CN" }, provision.section), " ", h("span", { class: "official", lang: "zh-CN" }, provision.text))),
    ),
  );
}

/**
 * @param {HTMLElement} region
 * @param {Root} root
 */
export function drawAddress(region, root) {
  const address = root.department.address;
  if (!address) return;
  fill(
    region,
    h("h2", {}, sectionHeading(root, "address", t("address"))),
    h("address", {}, bilingual("p", address.text, editorialText(address, "text_en"), { tagged: true })),
  );
}

/**
 * A section that is its heading and one list, with an item drawn for each entry.
 * @template T
 * @param {HTMLElement} region
 * @param {Root | null} root
 * @param {"leaders" | "honours"} key the section's key in /v1, its heading's word and its list's class
 * @param {T[]} entries
 * @param {(entry: T) => HTMLElement} item
 */
function drawList(region, root, key, entries, item) {
  fill(region, h("h2", {}, sectionHeading(root, key, t(key))), h("ul", { class: key }, entries.map(item)));
}
