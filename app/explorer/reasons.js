// Why a division answers, in the page's language: the API writes its reasons in English, naming terms and
// divisions in Chinese ("subject 基因测序 “gene sequencing” → 生物医药技术发展与产业化处 (item biomedicine.1)",
// "partial terms (3 of 7 character pairs)", "…, abbreviation 高企 → 高新技术企业", "…, spelling 公基金 → 公积金",
// "…; outside this department's remit: 护照"). In Chinese each known part is written in Chinese; in English
// the subject and the divisions are named in English, the Chinese beside; anything unknown is shown as written.
import { lang } from "./i18n.js";

const PARTIAL = /^partial terms \((.+)\)$/;
const PAIRS = /^(\d+) of (\d+) character pairs$/;
const WORDS = /^(\d+) of (\d+) words$/;
const SUBJECT = /^subject (.+?)(?: “([^”]+)”)? → (.+?)(?: \(item ([^)]+)\))?$/;
const ABBREVIATION = /^abbreviation (.+?) → (.+)$/;
const SPELLING = /^spelling (.+?) → (.+)$/;
const OUTSIDE = /^outside this department's remit: (.+)$/;

/**
 * The API's reason in the page's language; in English, `names` gives the English of the Chinese names it holds.
 * @param {string} reason
 * @param {Map<string, string>} names
 * @returns {string}
 */
export function reasonText(reason, names) {
  if (lang() === "en") return reason.split("; ").map((part) => englishText(part, names)).join("; ");
  return reason
    .split("; ")
    .map((part) => part.split(/, (?=abbreviation |spelling )/).map((piece, k) => (k === 0 ? matchText(piece) : readingText(piece))).join("，"))
    .join("；");
}

/** @param {string} part */
function matchText(part) {
  if (part === "exact phrase") return "与原文完全一致";
  if (part === "all terms") return "原文含全部检索词";
  const outside = OUTSIDE.exec(part);
  if (outside) return `不属本厅职责：“${outside[1]}”`;
  const subject = SUBJECT.exec(part);
  if (subject) {
    const numbers = subject[4] ? subject[4].split(", ").map((ref) => `第\u00a0${ref.split(".").pop()}\u00a0项`) : [];
    const items = numbers.length ? `（职责${numbers.join("、")}）` : "";
    return `主题词“${subject[1]}” → ${subject[3]}${items}`;
  }
  const partial = PARTIAL.exec(part);
  if (partial) {
    const pieces = partial[1].split(", ").map((piece) => {
      const pairs = PAIRS.exec(piece);
      if (pairs) return `${pairs[2]}\u00a0组相邻字中有\u00a0${pairs[1]}\u00a0组`;
      const words = WORDS.exec(piece);
      return words ? `${words[2]}\u00a0个英文词中有\u00a0${words[1]}\u00a0个` : piece;
    });
    return `部分匹配（${pieces.join("，")}）`;
  }
  return part;
}

/** @param {string} part */
function readingText(part) {
  const abbreviation = ABBREVIATION.exec(part);
  if (abbreviation) return `简称“${abbreviation[1]}”按“${abbreviation[2]}”检索`;
  const spelling = SPELLING.exec(part);
  return spelling ? `“${spelling[1]}”按同音的“${spelling[2]}”检索` : part;
}

/**
 * One part of the reason in English: the subject's English first and the divisions by their English names.
 * @param {string} part
 * @param {Map<string, string>} names
 */
function englishText(part, names) {
  const [match, ...readings] = part.split(/, (?=abbreviation |spelling )/);
  const subject = SUBJECT.exec(match);
  const outside = OUTSIDE.exec(match);
  const inEnglish = (/** @type {string} */ name) => {
    const english = names.get(name);
    return english && english !== name ? `${english} (${name})` : name;
  };
  let text = match;
  if (subject) {
    const term = subject[2] ? `“${subject[2]}” (${subject[1]})` : subject[1];
    const divisions = subject[3].split(" / ").map(inEnglish).join(" / ");
    text = `subject ${term} → ${divisions}${subject[4] ? ` (item ${subject[4]})` : ""}`;
  } else if (outside && names.has(outside[1])) {
    text = `outside this department's remit: ${names.get(outside[1])} (${outside[1]})`;
  }
  return [text, ...readings].join(", ");
}
