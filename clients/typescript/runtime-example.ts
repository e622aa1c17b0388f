// The client @hey-api/openapi-ts generates from openapi.json, in use (docs/api.md, Generated clients). Generate it beside this file,
// then compile and run against a server:
//
//   npx openapi-ts -i openapi.json -o clients/typescript/lnst-api-client -c @hey-api/client-fetch
//   node runtime-example.js http://127.0.0.1:8000
//
// The test suite does exactly this (tests/test_generated_clients.py), compiling with tsc --strict.
import { createClient } from "./lnst-api-client/client";
import { getDivision, listDivisions, listDivisionsCsv, searchDivisions } from "./lnst-api-client";
import type { DivisionHit, DivisionPublic, ProblemPublic } from "./lnst-api-client";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`failed: ${what}`);
}

async function main(baseUrl: string): Promise<void> {
  const client = createClient({ baseUrl });

  const list = await listDivisions({ client });
  check(list.data !== undefined, "list");
  console.log(`list: ${list.data.total} divisions, the first ${list.data.items[0]?.name}`);

  for (const key of ["人事处", "14"]) {
    const read = await getDivision({ client, path: { key } });
    check(read.data !== undefined, `read ${key}`);
    const division: DivisionPublic = read.data;
    console.log(`read ${key}: division ${division.n} ${division.name} (${division.editorial.name_en})`);
  }

  const search = await searchDivisions({ client, query: { q: "高新技术企业认定", limit: 3 } });
  check(search.data !== undefined && search.data.items.length > 0, "search");
  const best: DivisionHit = search.data.items[0]!;
  console.log(`search: ${best.name}, score ${best.search.score.toFixed(2)}, ${best.search.reason}`);

  const csv = await listDivisionsCsv({ client, query: { limit: 2 } });
  // fetch's text() drops the byte-order mark the file starts with (Excel needs it; nothing here does).
  check(typeof csv.data === "string" && csv.data.startsWith("n,label,name,"), "csv");
  console.log(`csv: ${csv.data.split("\r\n")[0]?.slice(0, 60)}…`);

  const missing = await getDivision({ client, path: { key: "财务处" } });
  check(missing.response.status === 404 && missing.error !== undefined, "404");
  const problem: ProblemPublic = missing.error;
  console.log(`404: ${problem.title}: ${problem.detail}`);

  const first = await getDivision({ client, path: { key: "人事处" } });
  const etag = first.response.headers.get("etag");
  check(etag !== null, "etag");
  const again = await getDivision({ client, path: { key: "人事处" }, headers: { "If-None-Match": etag } });
  check(again.response.status === 304 && again.data === undefined, "304");
  console.log(`conditional GET: ${again.response.status} with ETag ${etag}`);
}

main(process.argv[2] ?? "http://127.0.0.1:8000").catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
