// The page's own words in Chinese and English, and how official text and editorial English are set apart.
// Chinese is the official text, always shown; English is this project's editorial translation, shown in
// ?lang=en where the API has it, tinted and labelled, with the official Chinese beside it.
import { h } from "./dom.js";
import { editorialText } from "./types.js";
/** @import { Lang, Root } from "./types.js" */
/** @import { Child } from "./dom.js" */

const WORDS = {
  zh: {
    documentTitle: "职能与内设机构",
    kicker: "职能配置、内设机构和人员编制规定",
    tagline: "谁负责什么：主要职责、内设机构及其职责，官方原文照录，编辑性内容另行标注。",
    skip: "跳到提问",
    language: "语言",
    sectionsNav: "本页内容",
    askLabel: "谁负责…？",
    askPlaceholder: "例如：{example}",
    askPlaceholderPlain: "输入事项",
    askHint: "输入事项，边输入边回答；链接可直接分享。",
    askButton: "查询",
    tryThese: "试试：",
    answersHeading: "负责处室",
    answersFor: "“{q}”的负责处室，按相关程度排序",
    answersTouching: "本厅与“{q}”部分相关的处室（均为低把握），按相关程度排序",
    searching: "正在查询…",
    noAnswer: "没有处室的职责原文与“{q}”相符。换个说法，或在下方浏览内设机构。",
    answerError: "查询失败：{detail}",
    referralHeading: "不属本厅职责",
    referralAlsoHeading: "另请注意",
    referralLead: "“{matter}”属其他机构的职责，请联系：",
    referralAlsoLead: "问题中的“{matter}”属其他机构的职责：",
    referralLevel: "层级：{level}",
    levelProvince: "省级",
    levelCity: "市级",
    levelCounty: "县（市、区）级",
    referralEvidence: "依据：本项目主题词表（编辑性）中的“{terms}”。",
    referralLow: "本厅各处室对此仅为低把握。",
    reason: "匹配方式",
    score: "得分",
    evidence: "原文依据",
    evidenceEditorial: "依据（英文译文，编辑性；下为原文）",
    mandateItem: "职责第 {i} 项",
    confidence: "把握：{level}",
    confidenceHigh: "高",
    confidenceMedium: "中",
    confidenceLow: "低",
    official: "官方原文",
    editorial: "编辑性",
    editorialTranslation: "编辑性译文 · Editorial translation",
    legendOfficial: "官方原文：照录《规定》原文。",
    legendEditorial: "编辑性内容：本项目的英文译名、职责关联与检索说明，非官方原文。",
    organisation: "内设机构",
    chartIntro: "机关设 {n} 个内设机构。点选处室查看其职责与承担的主要职责。",
    mandateCount: "职责 {n} 项",
    dutyCount: "关联主要职责 {n} 项",
    alsoNamed: "亦称",
    mergedBefore: "与",
    mergedAfter: "合署办公",
    mergedWith: "与{name}合署办公",
    card: "处室",
    close: "关闭",
    previous: "上一个处室",
    next: "下一个处室",
    cardMandate: "职责",
    cardDuties: "承担的主要职责",
    cardDutiesNote: "哪些职责条目支撑哪项主要职责，是本项目的编辑性关联。",
    cardNoDuties: "本处室的职责为机关内部综合保障，未关联具体的主要职责。",
    evidenceItems: "依据：职责第 {items} 项",
    cardHonours: "相关荣誉",
    cardLink: "本卡片链接",
    cardJson: "JSON",
    notFound: "没有与“{key}”对应的处室。",
    matrix: "主要职责 × 内设机构",
    matrixIntro: "每格数字为该处室支撑该项主要职责的职责条目数（编辑性关联）。悬停或聚焦格子查看依据原文。",
    matrixCaption: "主要职责（行）与内设机构（列）：支撑条目数",
    matrixDetailEmpty: "聚焦或悬停一个有数字的格子，这里显示依据。",
    matrixCell: "第{duty}项主要职责 × {division}：{n} 条依据",
    matrixLegend: "颜色越深，依据条目越多；数字即条目数。",
    matrixDuty: "主要职责",
    unassigned: "无固定承担处室",
    unassignedReason: "按事项逐项交办，无固定承担处室（编辑性说明）。",
    duties: "主要职责",
    dutiesIntro: "《规定》列明的 {n} 项主要职责，及承担各项职责的处室（编辑性关联）。",
    carriedBy: "承担处室",
    transformation: "职能转变",
    leaders: "现任领导",
    asOf: "信息截至 {month}",
    regulation: "其他事项",
    provisions: "其他条款",
    effective: "施行日期",
    interpretation: "解释",
    repeals: "同时废止",
    issued: "{date}由{by}印发",
    honours: "所获荣誉",
    awardedBy: "授予或提出单位",
    proposal: "这是拟议，不是已授予的荣誉。",
    formerName: "“{name}”不是现有内设机构的名称，可能是已调整的旧称。",
    address: "办公地址",
    dataset: "数据版本",
    datasetModified: "数据更新",
    latestChange: "最近变更（{date}）：{summary}",
    source: "来源文件",
    apiDocs: "API 文档",
    apiRoot: "API 入口",
    footerNote: "本页只调用公开的只读 API；页面与数据均由本服务器提供，离线网络可用。",
    loadError: "无法加载：{detail}",
  },
  en: {
    documentTitle: "mandate explorer",
    kicker: "Provisions on functions, internal divisions and staffing",
    tagline: "Who is responsible for what: the main duties, the divisions and their mandates, official text verbatim, editorial content marked.",
    skip: "Skip to the question",
    language: "Language",
    sectionsNav: "On this page",
    askLabel: "Who is responsible for…?",
    askPlaceholder: "e.g. {example}",
    askPlaceholderPlain: "a matter, in Chinese or English",
    askHint: "Type a matter in English or Chinese; answers come as you type, and the link can be shared.",
    askButton: "Ask",
    tryThese: "Try:",
    answersHeading: "Responsible divisions",
    answersFor: "Divisions responsible for “{q}”, most likely first",
    answersTouching: "Divisions of this department that “{q}” touches in part (all low confidence), nearest first",
    searching: "Searching…",
    noAnswer: "No division's official mandate matches “{q}”. Try other words, or browse the divisions below.",
    answerError: "The search failed: {detail}",
    referralHeading: "Not this department's matter",
    referralAlsoHeading: "Also note",
    referralLead: "“{matter}” belongs to another agency. Contact:",
    referralAlsoLead: "“{matter}” in the question belongs to another agency:",
    referralLevel: "Level: {level}",
    levelProvince: "province",
    levelCity: "city",
    levelCounty: "county",
    referralEvidence: "Evidence: “{terms}” in this project's subject index (editorial).",
    referralLow: "No division of this department is more than low confidence for it.",
    reason: "Why",
    score: "score",
    evidence: "Evidence (official text)",
    evidenceEditorial: "Evidence (editorial translation; the official sentence below)",
    mandateItem: "mandate item {i}",
    confidence: "Confidence: {level}",
    confidenceHigh: "high",
    confidenceMedium: "medium",
    confidenceLow: "low",
    official: "Official text",
    editorial: "Editorial",
    editorialTranslation: "Editorial translation · 编辑性译文",
    legendOfficial: "Official text: the Provisions as printed, in Chinese.",
    legendEditorial: "Editorial: this project's English, duty links and search notes; not official text.",
    organisation: "Internal divisions",
    chartIntro: "The department has {n} internal divisions. Choose one to see its mandate and the main duties it carries.",
    mandateCount: "{n} mandate items",
    dutyCount: "carries {n} main duties",
    alsoNamed: "also named",
    mergedBefore: "shares offices with",
    mergedAfter: "(合署办公)",
    mergedWith: "shares offices with {name} (合署办公)",
    card: "Division",
    close: "Close",
    previous: "Previous division",
    next: "Next division",
    cardMandate: "Mandate",
    cardDuties: "Main duties it carries",
    cardDutiesNote: "Which mandate items carry which main duty is this project's editorial reading.",
    cardNoDuties: "This division serves the department itself; no main duty is linked to it.",
    evidenceItems: "evidence: mandate items {items}",
    cardHonours: "Honours",
    cardLink: "Link to this card",
    cardJson: "JSON",
    notFound: "No division answers to “{key}”.",
    matrix: "Main duties × divisions",
    matrixIntro: "Each number counts the division's mandate items that carry the duty (editorial link). Hover over or focus a cell to read the evidence.",
    matrixCaption: "Main duties (rows) by division (columns): mandate items that carry them",
    matrixDetailEmpty: "Focus or hover over a numbered cell to read its evidence here.",
    matrixCell: "Duty {duty} × {division}: {n} items of evidence",
    matrixLegend: "Darker means more mandate items; the number is the count.",
    matrixDuty: "Main duty",
    unassigned: "no standing division",
    unassignedReason: "tasks assigned case by case, carried by no standing division (editorial).",
    duties: "Main duties",
    dutiesIntro: "The {n} main duties the Provisions list, and the divisions that carry each (editorial link).",
    carriedBy: "Carried by",
    transformation: "Function transformation",
    leaders: "Current leaders",
    asOf: "as of {month}",
    regulation: "Other provisions",
    provisions: "Other articles",
    effective: "In force from",
    interpretation: "Interpretation",
    repeals: "Repeals",
    issued: "issued {date} by {by}",
    honours: "Honours",
    awardedBy: "Awarded or proposed by",
    proposal: "A proposal, not a conferred honour.",
    formerName: "“{name}” is not the name of any of today's divisions: it is likely a former name.",
    address: "Office address",
    dataset: "Dataset version",
    datasetModified: "Data modified",
    latestChange: "latest change ({date}): {summary}",
    source: "Source file",
    apiDocs: "API docs",
    apiRoot: "API root",
    footerNote: "This page calls only the public read-only API; the page and its data come from this server and work offline.",
    loadError: "Could not load: {detail}",
  },
};

/** @typedef {keyof typeof WORDS.zh} Word */

let current = /** @type {Lang} */ ("zh");

/** @param {Lang} lang */
export function setLang(lang) {
  current = lang;
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
}

/** @returns {Lang} */
export const lang = () => current;

/** The BCP 47 tag of the interface language. */
export const langTag = () => (current === "en" ? "en" : "zh-CN");

/**
 * A phrase of the interface in the current language, with {name} placeholders filled.
 * @param {Word} word
 * @param {Record<string, string | number>} [values]
 * @returns {string}
 */
export function t(word, values = {}) {
  return WORDS[current][word].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * Why a duty has no standing division, in the page's language: the editorial reason as the API words it in English,
 * or the page's own Chinese.
 * @param {string} reason
 * @returns {string}
 */
export function unassignedText(reason) {
  return current === "zh" ? t("unassignedReason") : reason;
}

/**
 * A date as YYYY-MM-DD or a month as YYYY-MM, written for the current language.
 * @param {string} iso
 * @returns {string}
 */
export function formatDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  if (current === "zh") return day ? `${year}年${month}月${day}日` : `${year}年${month}月`;
  const monthName = new Date(Date.UTC(year, (month || 1) - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
  return day ? `${day} ${monthName} ${year}` : `${monthName} ${year}`;
}

/**
 * The tag that marks editorial content.
 * @param {boolean} [translation] an editorial translation rather than other editorial content
 */
export function editorialTag(translation = false) {
  return h("span", { class: "tag tag-ed" }, translation ? t("editorialTranslation") : t("editorial"));
}

/** The tag that marks official text. */
export function officialTag() {
  return h("span", { class: "tag tag-official" }, t("official"));
}

/**
 * Official Chinese text, and in English its editorial translation where there is one. In Chinese, or with
 * no translation, the official text alone. The English is tinted and carries a visible tag when `tagged`.
 * @param {"p" | "span" | "div" | "li"} tag
 * @param {string} official the official Chinese text
 * @param {string | null} english the editorial English, if any
 * @param {{className?: string, tagged?: boolean}} [options]
 * @returns {HTMLElement}
 */
export function bilingual(tag, official, english, { className = "", tagged = false } = {}) {
  if (current === "zh" || english === null) {
    return h(tag, { class: `official ${className}`.trim(), lang: "zh-CN" }, official);
  }
  return h(
    tag,
    { class: `pair ${className}`.trim() },
    h("span", { class: "ed-text", lang: "en" }, tagged ? [editorialTag(true), " "] : null, english),
    " ",
    h("span", { class: "official official-small", lang: "zh-CN" }, official),
  );
}

/**
 * A division's name for people: in English its editorial English name with the official Chinese beside it.
 * @param {{name: string, editorial?: unknown}} division
 * @param {string | null} [english] the English name, when the object at hand does not carry it
 * @returns {Child[]}
 */
export function divisionName(division, english = null) {
  const name_en = english ?? editorialText(division, "name_en");
  if (current === "zh" || name_en === null) return [h("span", { class: "name-zh", lang: "zh-CN" }, division.name)];
  return [h("span", { class: "name-en ed-text", lang: "en" }, name_en), " ", h("span", { class: "name-zh official-small", lang: "zh-CN" }, division.name)];
}

/**
 * A root section's heading: the official one (主要职责…); in English its editorial English heading (the
 * interface's own name until the API sends one), with the official Chinese beside it.
 * @param {Root | null} root
 * @param {string} key the section's key in /v1: duties, divisions, transformation, leaders, regulation, honours, address
 * @param {string} fallback the interface's own name for the section
 * @returns {Child[]}
 */
export function sectionHeading(root, key, fallback) {
  const section = root?.sections.find((candidate) => candidate.key === key);
  if (!section) return [fallback];
  if (current === "zh") return [section.heading];
  const english = editorialText(section, "text_en") ?? fallback;
  return [english, " ", h("span", { class: "official-small", lang: "zh-CN" }, section.heading)];
}
