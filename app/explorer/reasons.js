// Why a division answers, in the page's language: the API writes its reasons in English
// ("subject 基因测序 → 生物医药技术发展与产业化处 (item biomedicine.1)", "partial terms (3 of 7 character
// pairs)", "…, abbreviation 高企 → 高新技术企业", "…, spelling 公基金 → 公积金", "…; outside this department's
// remit: 护照"); in Chinese
// each known part is written in Chinese, and anything unknown is shown as the API wrote it.
import { lang } from "./i18n.js";

const PARTIAL = /^partial terms \((.+)\)$/;
const PAIRS = /^(\d+) of (\d+) character pairs$/;
const WORDS = /^(\d+) of (\d+) words$/;
const SUBJECT = /^subject (.+?) → (.+?)(?: \(item ([^)]+)\))?$/;
const ABBREVIATION = /^abbreviation (.+?) → (.+)$/;
const SPELLING = /^spelling (.+?) → (.+)$/;
const OUTSIDE = /^outside this department's remit: (.+)$/;

/**
 * The API's reason in the page's language.
 * @param {string} reason
 * @returns {string}
 */
export function reasonText(reason) {
  if (lang() === "en") return reason;
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
    const numbers = subject[3] ? subject[3].split(", ").map((ref) => `第\u00a0${ref.split(".").pop()}\u00a0项`) : [];
    const items = numbers.length ? `（职责${numbers.join("、")}）` : "";
    return `主题词“${subject[1]}” → ${subject[2]}${items}`;
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
