import { Readable, type Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import { compileRuleSet, type CompiledRuleSet } from "../evaluation/compile.js";
import { DixianError } from "../errors.js";
import { calendarDateProblem } from "../input/calendar-date.js";
import type { Language } from "../results/result-types.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { checkItem, type Rejection } from "../screening/screen.js";
import { screenHouseholdCompiled, type HouseholdScreeningOptions } from "../screening/screen-household.js";
import { screenSources } from "../cli/parallel-screen.js";
import { parseSourceItem, readHouseholdSources, type SourceItem } from "../cli/read-households.js";
import { openApiDocument } from "./openapi.js";
import { problem, type ProblemDocument } from "./problem.js";

/** How the service is set up; one rule set per process. */
export interface ServiceOptions {
  /** The rule set served, loaded and checked before the service starts. */
  ruleSet: RuleSet;
  /** Largest request body, in bytes (16 MB by default); larger bodies get 413. */
  bodyLimit?: number;
  /** Where request logs go, as JSON lines; no logs when absent. */
  log?: Writable;
  /** Screening threads for large batches, the main thread included (1: batches are screened in the main thread). */
  workers?: number;
  /** The service's version, for the OpenAPI document. */
  version?: string;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;
/** Households screened between two turns of the event loop: a few milliseconds of work. */
const CHUNK_SIZE = 32;
/** Batches with at least this many lines go to worker threads when there are any. */
const WORKER_BATCH_LINES = 2000;
/** Dates whose compiled rule set is kept; any date may be asked for, so the cache is bounded. */
const COMPILED_DATES = 32;

class ProblemError extends Error {
  constructor(readonly document: ProblemDocument) {
    super(document.detail ?? document.title);
  }
}

interface ScreeningQuery {
  asOf?: unknown;
  lang?: unknown;
  explain?: unknown;
}

/** The rule set compiled for a date, from a small cache of the dates last used. */
function compiledCache(ruleSet: RuleSet): (asOf: string) => CompiledRuleSet {
  const byDate = new Map<string, CompiledRuleSet>();
  return (asOf) => {
    let compiled = byDate.get(asOf);
    if (compiled) {
      byDate.delete(asOf);
    } else {
      compiled = compileRuleSet(ruleSet, asOf);
      if (byDate.size >= COMPILED_DATES) byDate.delete(byDate.keys().next().value!);
    }
    byDate.set(asOf, compiled);
    return compiled;
  };
}

/** Reads asOf, lang and explain; a bad one is a 400 problem naming the parameter. */
function screeningQuery(query: ScreeningQuery): { asOf: string; options: HouseholdScreeningOptions } {
  const bad = (name: string, message: string) =>
    new ProblemError(problem(400, `${name}: ${message}`, { code: name === "asOf" ? "E_BAD_AS_OF" : "E_USAGE", issues: [{ path: `/query/${name}`, message }] }));
  if (typeof query.asOf !== "string" || query.asOf === "") throw bad("asOf", "required: the assessment date YYYY-MM-DD");
  const dateProblem = calendarDateProblem(query.asOf);
  if (dateProblem) throw bad("asOf", `"${query.asOf}": ${dateProblem}`);
  const lang = query.lang ?? "zh";
  if (lang !== "zh" && lang !== "en") throw bad("lang", `must be zh or en, not ${JSON.stringify(lang)}`);
  const explain = query.explain ?? "false";
  if (explain !== "true" && explain !== "false") throw bad("explain", `must be true or false, not ${JSON.stringify(explain)}`);
  return { asOf: query.asOf, options: { language: lang as Language, explain: explain === "true", engine: "compiled" } };
}

/** A rule set that cannot be used on the date (no parameter value in force) is the caller's asOf problem. */
function compileFor(compiled: (asOf: string) => CompiledRuleSet, asOf: string): CompiledRuleSet {
  try {
    return compiled(asOf);
  } catch (error) {
    if (error instanceof DixianError) {
      throw new ProblemError(problem(400, `asOf ${asOf}: ${error.message}`, { code: error.code, issues: [{ path: "/query/asOf", message: error.message }] }));
    }
    throw error;
  }
}

/** The line of a batch response for a rejected household. */
function rejectedLine(rejection: Rejection): string {
  const { code, line, index, householdId, issues } = rejection;
  return JSON.stringify({ rejected: { code, ...(line === undefined ? {} : { line }), index, householdId, issues: issues.map(({ path, message }) => ({ path, message })) } }) + "\n";
}

/** Screens batch items in the main thread, a chunk at a time, letting other requests in between chunks. */
async function* screenInMainThread(sources: AsyncIterable<SourceItem>, compiled: CompiledRuleSet, options: HouseholdScreeningOptions): AsyncGenerator<string> {
  let index = 0;
  let text = "";
  for await (const item of sources) {
    const checked = checkItem(parseSourceItem(item), index++, compiled.asOf);
    text += checked.ok ? JSON.stringify(screenHouseholdCompiled(compiled, checked.household, options)) + "\n" : rejectedLine(checked.rejection);
    if (index % CHUNK_SIZE === 0) {
      yield text;
      text = "";
      await nextTurn();
    }
  }
  if (text) yield text;
}

/**
 * Screens batch items on worker threads (dixian screen's own), putting each chunk's rejections back
 * between its results by position.
 */
async function* screenOnWorkers(sources: AsyncIterable<SourceItem>, ruleSet: RuleSet, asOf: string, options: HouseholdScreeningOptions, threads: number): AsyncGenerator<string> {
  const config = { ruleSetArgument: ruleSet.id, asOf, language: options.language, explain: options.explain, format: "ndjson" as const, engine: "compiled" as const };
  let index = 0;
  for await (const chunk of screenSources(sources, config, threads, ruleSet)) {
    const results = chunk.text.split("\n");
    results.pop();
    const rejections = new Map(chunk.rejections.map((rejection) => [rejection.index, rejection]));
    let text = "";
    let next = 0;
    for (let count = chunk.screened + chunk.rejections.length; count > 0; count--, index++) {
      const rejection = rejections.get(index);
      text += rejection ? rejectedLine(rejection) : results[next++] + "\n";
    }
    yield text;
  }
}

/** A body already read, as the byte stream the NDJSON reader takes. */
async function* once(body: Buffer): AsyncGenerator<Buffer> {
  yield body;
}

function countLines(body: Buffer): number {
  let lines = 0;
  for (let at = body.indexOf(10); at >= 0; at = body.indexOf(10, at + 1)) lines++;
  return lines;
}

function sendProblem(reply: FastifyReply, document: ProblemDocument): FastifyReply {
  return reply.code(document.status).type("application/problem+json").send(JSON.stringify(document));
}

/**
 * Builds the HTTP service of the data contract (docs/service.md) on Fastify, not yet listening. Every route
 * only reads the rule set, so requests are safe to serve concurrently.
 */
export function buildService(options: ServiceOptions): FastifyInstance {
  const { ruleSet } = options;
  const compiled = compiledCache(ruleSet);
  const overrides = (ruleSet as { overrides?: Record<string, unknown> }).overrides;
  const ruleSetRef = { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash, ...(overrides && Object.keys(overrides).length ? { overrides } : {}) };
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Request logs name the route, status and time only: never a household's data.
    logger: options.log
      ? {
          stream: options.log,
          serializers: {
            req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
            res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
          },
        }
      : false,
    // Let in-flight requests finish on close, but do not wait for idle keep-alive connections.
    forceCloseConnections: "idle",
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.document);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: { message: error.message, code: error.code } }, "request failed");
    const detail = status === 413 ? `request body larger than ${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`
      : status >= 500 ? "internal error" : error.message;
    const code = error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ? "E_INPUT_JSON" : undefined;
    return sendProblem(reply, problem(status, detail, code ? { code } : {}));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem(404, `no such resource: ${request.method} ${request.url.split("?")[0]}`)));

  app.get("/healthz", async (_request, reply) => reply.type("application/json").send(JSON.stringify({ status: "ok", ruleSet: ruleSetRef })));

  app.get("/v1/rule-set", async (_request, reply) => reply.type("application/json").send(JSON.stringify({
    ...ruleSetRef,
    layers: ruleSet.layers,
    region: ruleSet.region,
    description: ruleSet.description,
    parameters: ruleSet.parameters,
  })));

  const document = JSON.stringify(openApiDocument(ruleSet, options.version ?? "0.0.0"));
  app.get("/openapi.json", async (_request, reply) => reply.type("application/json").send(document));

  app.post("/v1/screen", async (request, reply) => {
    const { asOf, options: screening } = screeningQuery(request.query as ScreeningQuery);
    const rules = compileFor(compiled, asOf);
    const checked = checkItem(request.body, 0, asOf);
    if (!checked.ok) {
      const { householdId, issues } = checked.rejection;
      return sendProblem(reply, problem(422, `household ${householdId ?? "(no id)"} is invalid: ${issues.length} problem${issues.length > 1 ? "s" : ""}`, { code: "E_INPUT_SCHEMA", householdId, issues }));
    }
    // The very text `dixian screen` writes for the household (without its newline).
    return reply.type("application/json").send(JSON.stringify(screenHouseholdCompiled(rules, checked.household, screening)));
  });

  // The batch route reads its body as bytes, whatever its content type: NDJSON is split by lines here.
  app.register(async (batch) => {
    batch.removeAllContentTypeParsers();
    batch.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    batch.post("/v1/screen/batch", async (request, reply) => {
      const { asOf, options: screening } = screeningQuery(request.query as ScreeningQuery);
      const rules = compileFor(compiled, asOf);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const sources = readHouseholdSources(once(body));
      const threads = options.workers ?? 1;
      const lines = threads > 1 && countLines(body) >= WORKER_BATCH_LINES
        ? screenOnWorkers(sources, ruleSet, asOf, screening, threads)
        : screenInMainThread(sources, rules, screening);
      return reply.type("application/x-ndjson").send(Readable.from(lines, { objectMode: false }));
    });
  });

  return app;
}
