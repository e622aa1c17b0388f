// Every type the explorer uses, in one module: the schemas of the committed TypeScript types
// (clients/typescript/lnst-api.d.ts, generated from openapi.json), referenced by component name, so a
// rename is a one-file fix. Fields that the API is gaining but the types do not hold yet are read
// through the small helpers at the end, which check at run time and degrade to null when absent.

/** @typedef {import("../../clients/typescript/lnst-api").components["schemas"]} Schemas */
/** @typedef {Schemas["RootPublic"]} Root */
/** @typedef {Schemas["ChangesPublic"]} Changes */
/** @typedef {Schemas["SectionPublic"]} Section */
/** @typedef {Schemas["DivisionPublic"]} Division */
/** @typedef {Schemas["DivisionHit"]} DivisionHit */
/** @typedef {Schemas["DivisionRef"]} DivisionRef */
/** @typedef {Schemas["OtherNamePublic"]} OtherName */
/** @typedef {Schemas["MandateItemPublic"]} MandateItem */
/** @typedef {Schemas["DutyPublic"]} Duty */
/** @typedef {Schemas["MatrixPublic"]} Matrix */
/** @typedef {Schemas["TransformationPublic"]} Transformation */
/** @typedef {Schemas["LeaderPublic"]} Leader */
/** @typedef {Schemas["HonourPublic"]} Honour */
/** @typedef {Schemas["AddressPublic"]} Address */
/** @typedef {Schemas["RegulationPublic"]} Regulation */
/** @typedef {Schemas["SearchInfo"]} SearchInfo */
/** @typedef {Schemas["Match"]} Match */
/** @typedef {Schemas["Span"]} Span */
/** @typedef {Schemas["ProblemPublic"]} Problem */
/** @typedef {Schemas["DivisionPage"]} DivisionPage */
/** @typedef {Schemas["DivisionHitPage"]} DivisionHitPage */
/** @typedef {Schemas["ReferralPublic"]} Referral */
/** @typedef {Schemas["AgencyPublic"]} Agency */
/** @typedef {Schemas["DutyPage"]} DutyPage */
/** @typedef {Schemas["LeaderPage"]} LeaderPage */
/** @typedef {Schemas["HonourPage"]} HonourPage */

/** @typedef {"high" | "medium" | "low"} Confidence */
/** @typedef {"zh" | "en"} Lang */

/**
 * One property of a value that may or may not be an object, as unknown.
 * @param {unknown} value
 * @param {string} key
 * @returns {unknown}
 */
function property(value, key) {
  return typeof value === "object" && value !== null ? /** @type {Record<string, unknown>} */ (value)[key] : undefined;
}

/**
 * A hit's confidence (`search.confidence`).
 * @param {SearchInfo} search
 * @returns {Confidence | null}
 */
export function confidenceOf(search) {
  return search.confidence ?? null;
}

/**
 * An editorial English string, `editorial[key]` (e.g. text_en, heading_en, name_en), or null when absent.
 * @param {unknown} item any public object that has, or will have, an `editorial` object
 * @param {string} key
 * @returns {string | null}
 */
export function editorialText(item, key) {
  const value = property(property(item, "editorial"), key);
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/**
 * An editorial list of English strings, `editorial[key]` (e.g. sentences_en, posts_en), or null when absent.
 * @param {unknown} item
 * @param {string} key
 * @returns {string[] | null}
 */
export function editorialList(item, key) {
  const value = property(property(item, "editorial"), key);
  return Array.isArray(value) && value.every((entry) => typeof entry === "string") ? value : null;
}
