// The referral of an answer (the `referral` of GET /v1/search/divisions): when the question names a matter
// of another agency, which agency, in both languages, its level, the matter and the evidence (editorial).
import { h } from "./dom.js";
import { editorialTag, lang, t } from "./i18n.js";
/** @import { Referral } from "./types.js" */

/**
 * The referral as a notice in the page's language, the agency's name in the other language beside it.
 * @param {Referral} referral
 * @returns {HTMLElement}
 */
export function drawReferral(referral) {
  const { agency } = referral;
  const english = lang() === "en";
  const level = t(agency.level === "province" ? "levelProvince" : agency.level === "city" ? "levelCity" : "levelCounty");
  const name = english
    ? [h("strong", { class: "ed-text", lang: "en" }, agency.name_en), " ", h("span", { class: "official-small", lang: "zh-CN" }, agency.name)]
    : [h("strong", { lang: "zh-CN" }, agency.name), " ", h("span", { class: "ed-text referral-en", lang: "en" }, agency.name_en)];
  const matter = english && referral.matter_en.length ? `${referral.matter} (${referral.matter_en[0]})` : referral.matter;
  const named = referral.evidence.map((match) => match.text).filter((text, k, all) => all.indexOf(text) === k);
  return h(
    "aside",
    { class: "referral", "data-decisive": String(referral.decisive), "aria-labelledby": "referral-heading" },
    h("h3", { id: "referral-heading" }, t(referral.decisive ? "referralHeading" : "referralAlsoHeading"), " ", editorialTag()),
    h("p", { class: "referral-text" }, t(referral.decisive ? "referralLead" : "referralAlsoLead", { matter }), " ", name),
    h("p", { class: "referral-level" }, t("referralLevel", { level })),
    h("p", { class: "referral-evidence" }, t("referralEvidence", { terms: named.join(english ? ", " : "、") }), referral.decisive ? [" ", t("referralLow")] : null),
  );
}
