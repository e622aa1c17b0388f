// Compiled by the test suite (tsc --noEmit) against the generated types, so the types docs/api.md describes stay true.
import type { components, paths } from "./lnst-api";

export type DivisionHit = components["schemas"]["DivisionHit"];
export type SearchAnswer = paths["/v1/search/divisions"]["get"]["responses"][200]["content"]["application/json"];
export type Problem = components["schemas"]["ProblemPublic"];

/** The division most responsible for a question, e.g. "高企认定归哪个处管", or null when none answers it. */
export async function responsibleDivision(base: string, question: string): Promise<DivisionHit | null> {
  const response = await fetch(`${base}/v1/search/divisions?limit=1&q=${encodeURIComponent(question)}`);
  if (!response.ok) {
    const problem = (await response.json()) as Problem;
    throw new Error(`${problem.status} ${problem.title}: ${problem.detail}`);
  }
  const page = (await response.json()) as SearchAnswer;
  return page.items[0] ?? null;
}
