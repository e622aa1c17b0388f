// The public API, and nothing else: every call the explorer makes is one of these GETs, as any client would.
/** @import { Changes, Root, DivisionPage, DivisionHitPage, DutyPage, Matrix, Transformation, LeaderPage, HonourPage, Problem } from "./types.js" */

/** An API answer that was not a 200: the RFC 9457 problem it carried, or a stand-in for a network failure. */
export class ApiError extends Error {
  /** @param {Problem} problem */
  constructor(problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.problem = problem;
  }
}

/**
 * GET one path of this API as JSON.
 * @template T
 * @param {string} path
 * @param {Record<string, string | number>} [query]
 * @param {AbortSignal} [signal]
 * @returns {Promise<T>}
 */
async function get(path, query = {}, signal) {
  const params = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  const url = params.size ? `${path}?${params}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({ type: "about:blank", title: "Network error", status: 0, detail: String(error), instance: path });
  }
  if (!response.ok) {
    /** @type {Problem} */
    const problem = await response.json().catch(() => ({
      type: "about:blank", title: response.statusText, status: response.status, detail: "", instance: path,
    }));
    throw new ApiError(problem);
  }
  return /** @type {Promise<T>} */ (response.json());
}

/** @returns {Promise<Root>} the department, regulation, dataset version and sections */
export const readRoot = () => get("/v1");

/** @returns {Promise<Changes>} the dataset's versions, newest first */
export const readChanges = () => get("/v1/changes");

/** @returns {Promise<DivisionPage>} the divisions with their mandate items */
export const listDivisions = () => get("/v1/divisions", { limit: 1000 });

/** @returns {Promise<DutyPage>} the main duties with the divisions that carry them */
export const listDuties = () => get("/v1/duties", { limit: 1000 });

/** @returns {Promise<Matrix>} the duty × division table */
export const readMatrix = () => get("/v1/matrix");

/** @returns {Promise<Transformation>} */
export const readTransformation = () => get("/v1/transformation");

/** @returns {Promise<LeaderPage>} */
export const listLeaders = () => get("/v1/leaders", { limit: 1000 });

/** @returns {Promise<HonourPage>} */
export const listHonours = () => get("/v1/honours", { limit: 1000 });

/**
 * Divisions ranked by how responsible they are for a question, e.g. "高企认定归哪个处管".
 * @param {string} question
 * @param {AbortSignal} [signal] aborts a request a newer keystroke made stale
 * @returns {Promise<DivisionHitPage>}
 */
export const askDivisions = (question, signal) => get("/v1/search/divisions", { q: question, limit: 5 }, signal);
