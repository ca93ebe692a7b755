import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBuiltInRuleSet } from "../src/rulesets/load.js";
import { buildService } from "../src/service/app.js";
import { contractExample } from "./support/households.js";

/**
 * The service refuses what it was not asked to take, as strictly as the command line: repeated
 * keys in a single household, query parameters a route does not declare, a repeated asOf, a body
 * of another type. In process (no child), so these run with the quick tests.
 */
const ASOF = "2025-06-30";
let app: FastifyInstance;
let base: string;
let log = "";

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on("data", (chunk) => (log += chunk));
  app = buildService({ ruleSet: loadBuiltInRuleSet("yunnan"), log: stream });
  base = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(() => app.close());

const post = (path: string, body: string, type: string | null = "application/json") =>
  fetch(base + path, { method: "POST", headers: type === null ? {} : { "content-type": type }, body });
const problemOf = async (response: Response) => {
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await response.json()) as any;
};

describe("the single-household endpoint reads JSON as the batch and the CLI do", () => {
  const household = JSON.stringify(contractExample());

  it.each([
    ["a top-level key", household.replace('"id":"LH-0001",', '"id":"LH-0001","id":"LH-0002",'), "/id"],
    ["a key of an income", household.replace('"wage":"12000",', '"wage":"12000","wage":"1",'), "/income/wage"],
    [
      "a key of a member",
      household.replace('"labor":"ordinary",', '"labor":"ordinary","labor":"lost",'),
      "/members/0/labor",
    ],
    [
      "an escaped key",
      household.replace('"householdType":', '"house\\u0068oldType":"general","householdType":'),
      "/householdType",
    ],
  ])("refuses a repeated key (%s) with 400 E_INPUT_JSON naming its path", async (_case, body, path) => {
    const response = await post(`/v1/screen?asOf=${ASOF}`, body);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: "E_INPUT_JSON", issues: [{ path }] });
    expect(problem.detail).toContain("重复的键");
    // The batch endpoint rejects the same line for the same reason.
    const batch = await post(`/v1/screen/batch?asOf=${ASOF}`, body + "\n", "application/x-ndjson");
    expect(JSON.parse(await batch.text()).rejected).toMatchObject({ code: "E_INPUT_JSON", issues: [{ path }] });
  });

  it("refuses bodies that are not UTF-8, empty, or not JSON; takes a BOM", async () => {
    const latin = await fetch(`${base}/v1/screen?asOf=${ASOF}&lang=en`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xb6, 0xa1]), Buffer.from('"}')]),
    });
    expect(await problemOf(latin)).toMatchObject({
      status: 400,
      code: "E_INPUT_JSON",
      detail: "request body is not valid UTF-8",
    });
    expect((await post(`/v1/screen?asOf=${ASOF}`, "")).status).toBe(400);
    expect((await problemOf(await post(`/v1/screen?asOf=${ASOF}`, "{,}"))).code).toBe("E_INPUT_JSON");
    expect((await post(`/v1/screen?asOf=${ASOF}`, "\uFEFF" + household)).status).toBe(200);
    expect((await post(`/v1/screen?asOf=${ASOF}`, household)).status).toBe(200);
  });
});

describe("query parameters", () => {
  it.each([
    [`/v1/screen?asOf=${ASOF}&idNumber=110101199003074510`, "/query/idNumber"],
    [`/v1/screen?asOf=${ASOF}&AsOf=${ASOF}`, "/query/AsOf"],
    [`/v1/screen?asof=${ASOF}`, "/query/asof"],
    [`/v1/screen?asOf=${ASOF}&explain=true&debug`, "/query/debug"],
  ])("refuses %s with 400 naming the unknown parameter", async (path, pointer) => {
    const response = await post(path, JSON.stringify(contractExample()));
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.code).toBe("E_USAGE");
    expect(problem.issues.map((issue: { path: string }) => issue.path)).toContain(pointer);
  });

  it("suggests the declared name for a slip", async () => {
    const problem = await problemOf(await post(`/v1/screen?asof=${ASOF}&lang=en`, "{}"));
    expect(problem.detail).toMatch(
      /unknown query parameter asof: this path takes asOf, lang, explain; did you mean "?asOf"?/,
    );
  });

  it("refuses unknown parameters on the batch and GET routes too", async () => {
    const batch = await post(`/v1/screen/batch?asOf=${ASOF}&name=张三`, "{}\n", "application/x-ndjson");
    expect(batch.status).toBe(400);
    for (const path of ["/healthz?probe=1", "/v1/rule-set?lang=en", "/openapi.json?v=3"]) {
      const response = await fetch(base + path);
      expect(response.status).toBe(400);
      expect((await problemOf(response)).code).toBe("E_USAGE");
    }
    expect((await fetch(base + "/healthz")).status).toBe(200);
  });

  it.each([
    [`asOf=${ASOF}&asOf=2025-01-01`, "asOf", "E_BAD_AS_OF"],
    [`asOf=${ASOF}&asOf=${ASOF}`, "asOf", "E_BAD_AS_OF"],
    [`asOf=${ASOF}&lang=zh&lang=en`, "lang", "E_USAGE"],
    [`asOf=${ASOF}&explain=true&explain=false`, "explain", "E_USAGE"],
  ])("refuses a repeated declared parameter (%s)", async (query, name, code) => {
    for (const path of ["/v1/screen", "/v1/screen/batch"]) {
      const response = await post(`${path}?${query}`, JSON.stringify(contractExample()));
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ code, issues: [{ path: `/query/${name}` }] });
      expect(problem.detail).toContain("只能给出一次");
    }
  });

  it("never logs the values of parameters no route declares", async () => {
    await post(`/v1/screen?asOf=${ASOF}&idNumber=110101199003074510`, "{}");
    await fetch(`${base}/healthz?name=%E5%BC%A0%E4%B8%89&phone=13800138000`);
    await post(`/v1/screen?asOf=${ASOF}&110101199003074511`, "{}");
    await fetch(`${base}/nowhere?secret=110101199003074512`);
    expect(log).not.toMatch(/11010119900307451\d/);
    expect(log).not.toContain("13800138000");
    expect(log).not.toContain("%E5%BC%A0");
    const urls = log
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).req?.url)
      .filter(Boolean);
    expect(urls).toContain(`/v1/screen?asOf=${ASOF}`);
    expect(urls).toContain("/healthz");
  });
});

describe("content types", () => {
  it.each([
    ["/v1/screen", "text/plain"],
    ["/v1/screen", "application/x-www-form-urlencoded"],
    ["/v1/screen", "application/json; charset=gbk"],
    ["/v1/screen", null],
    ["/v1/screen/batch", "text/csv"],
    ["/v1/screen/batch", "multipart/form-data; boundary=x"],
    ["/v1/screen/batch", "application/x-ndjson; charset=latin1"],
  ])("answers %s with %s 415", async (path, type) => {
    const response = await post(`${path}?asOf=${ASOF}`, JSON.stringify(contractExample()) + "\n", type);
    expect(response.status).toBe(415);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status: 415, code: "E_CONTENT_TYPE" });
    expect(problem.detail).toMatch(/不支持的(内容类型|字符集)/);
  });

  it("takes the declared types, with a UTF-8 charset", async () => {
    const body = JSON.stringify(contractExample());
    expect((await post(`/v1/screen?asOf=${ASOF}`, body, "application/json; charset=utf-8")).status).toBe(200);
    for (const type of ["application/x-ndjson", "application/jsonl", "application/json; charset=UTF-8"])
      expect((await post(`/v1/screen/batch?asOf=${ASOF}`, body + "\n", type)).status).toBe(200);
  });
});
