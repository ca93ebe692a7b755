import { Readable, type Writable } from "node:stream";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import type { CompiledRuleSet } from "../evaluation/types.js";
import { DixianError, NoParameterInForceError } from "../errors.js";
import { calendarDateIssue } from "../input/calendar-date.js";
import type { Rejection } from "../input/rejection.js";
import { message, renderText } from "../messages/catalogue.js";
import type { Language } from "../results/result-types.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import type { HouseholdScreeningOptions } from "../screening/screen-household.js";
import { compiledRuleSet } from "../batch/compiled-cache.js";
import { screenSourceItem } from "../batch/item-loop.js";
import { screenSources } from "../batch/workers.js";
import { readHouseholdSources } from "../sources/read-households.js";
import { openApiDocument } from "./openapi.js";
import { operatorAdvice } from "./operator-advice.js";
import { problem, type ProblemDocument } from "./problem.js";
import {
  BATCH_TYPES,
  loggedUrl,
  mediaTypeProblem,
  queryProblem,
  SCREEN_TYPES,
  SCREENING_QUERY,
} from "./request-checks.js";
import { parseStrictJson } from "../input/strict-json.js";
import { registerWorkbench, type WorkbenchPage } from "./workbench-route.js";

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
  /** The language of results and problems for a request without `lang` (`"zh"` by default). */
  lang?: Language;
  /** The workbench page served at `/` (docs/workbench.md); null or absent: `/` says how to build it. */
  workbench?: WorkbenchPage | null;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;
/** Households screened between two turns of the event loop when a batch is screened in the main thread: a few milliseconds of work. */
const MAIN_THREAD_CHUNK = 32;
/** Batches with at least this many lines go to worker threads when there are any. */
const WORKER_BATCH_LINES = 2000;

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

/**
 * The language a request asked for with `lang`, or the service's own when it gave none or one that
 * is neither `zh` nor `en` (that one is refused by {@link screeningQuery}, in the service's language).
 */
function requestLanguage(query: unknown, fallback: Language): Language {
  const lang = (query as ScreeningQuery | undefined)?.lang;
  return lang === "zh" || lang === "en" ? lang : fallback;
}

/** Reads asOf, lang and explain; a bad one is a 400 problem naming the parameter, worded in the request's language. */
function screeningQuery(
  query: ScreeningQuery,
  fallback: Language,
): { asOf: string; options: HouseholdScreeningOptions } {
  const language = requestLanguage(query, fallback);
  const bad = (name: string, text: string) =>
    new ProblemError(
      problem(400, message("queryProblem", language, { name, problem: text }), {
        code: name === "asOf" ? "E_BAD_AS_OF" : "E_USAGE",
        issues: [{ path: `/query/${name}`, message: text }],
      }),
    );
  if (typeof query.asOf !== "string" || query.asOf === "") throw bad("asOf", message("queryAsOfRequired", language));
  const dateIssue = calendarDateIssue(query.asOf);
  const dateProblem = dateIssue && renderText(dateIssue, language);
  if (dateProblem)
    throw bad("asOf", message("queryAsOfInvalid", language, { value: query.asOf, problem: dateProblem }));
  const lang = query.lang ?? language;
  if (lang !== "zh" && lang !== "en")
    throw bad("lang", message("queryOneOf", language, { allowed: "zh, en", value: JSON.stringify(lang) }));
  const explain = query.explain ?? "false";
  if (explain !== "true" && explain !== "false")
    throw bad("explain", message("queryOneOf", language, { allowed: "true, false", value: JSON.stringify(explain) }));
  return { asOf: query.asOf, options: { language, explain: explain === "true", engine: "compiled" } };
}

/**
 * The rule set compiled for the request's date, from the bounded cache every batch path shares; a
 * rule set that cannot be used on the date (no parameter value in force) is the caller's asOf problem.
 */
function compileFor(ruleSet: RuleSet, asOf: string, language: Language): CompiledRuleSet {
  try {
    return compiledRuleSet(ruleSet, asOf, language);
  } catch (error) {
    if (error instanceof DixianError) {
      // A missing value is the operator's to supply, not the caller's: say how, in their terms.
      const text =
        error instanceof NoParameterInForceError ? operatorAdvice(error, language) : error.inLanguage(language).message;
      throw new ProblemError(
        problem(400, message("queryAsOfUnusable", language, { asOf, problem: text }), {
          code: error.code,
          issues: [{ path: "/query/asOf", message: text }],
        }),
      );
    }
    throw error;
  }
}

/** The line of a batch response for a rejected household. */
function rejectedLine(rejection: Rejection): string {
  const { code, line, index, householdId, issues } = rejection;
  return (
    JSON.stringify({
      rejected: {
        code,
        ...(line === undefined ? {} : { line }),
        index,
        householdId,
        issues: issues.map(({ path, message }) => ({ path, message })),
      },
    }) + "\n"
  );
}

/**
 * The lines of a batch response: each household's result as `dixian screen` writes it, or its
 * rejection, in input order — screened by the batch pipeline on worker threads, or in the main
 * thread a chunk at a time between turns of the event loop.
 */
async function* batchLines(
  sources: ReturnType<typeof readHouseholdSources>,
  ruleSet: RuleSet,
  asOf: string,
  options: HouseholdScreeningOptions,
  threads: number,
): AsyncGenerator<string> {
  const config = {
    asOf,
    language: options.language,
    explain: options.explain,
    format: "ndjson",
    engine: "compiled",
  } as const;
  for await (const chunk of screenSources(
    sources,
    config,
    threads,
    ruleSet,
    threads > 1 ? undefined : MAIN_THREAD_CHUNK,
  )) {
    let text = "";
    for (const entry of chunk.entries) text += entry.rejection ? rejectedLine(entry.rejection) : entry.text;
    yield text;
  }
}

/** A body already read, as the byte stream the NDJSON reader takes. */
function once(body: Buffer): AsyncIterable<Buffer> {
  return Readable.from([body], { objectMode: true }) as AsyncIterable<Buffer>;
}

function countLines(body: Buffer): number {
  let lines = 0;
  for (let at = body.indexOf(10); at >= 0; at = body.indexOf(10, at + 1)) lines++;
  return lines;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The household of a single-screening body, read as `dixian screen` reads a line: strict UTF-8,
 * `JSON.parse`, no repeated key. Anything else is a 400 problem (E_INPUT_JSON) naming where.
 */
function householdBody(body: unknown, language: Language): unknown {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  const bad = (detail: string, path = "") =>
    new ProblemError(problem(400, detail, { code: "E_INPUT_JSON", issues: [{ path, message: detail }] }));
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw bad(message("bodyNotUtf8", language));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw bad(message("bodyEmpty", language));
  const read = parseStrictJson(text);
  if (!read.ok) throw bad(message("bodyNotJson", language, { detail: read.detail }), read.path);
  return read.value;
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
  const serviceLanguage = options.lang ?? "zh";
  const overrides = (ruleSet as { overrides?: Record<string, unknown> }).overrides;
  const ruleSetRef = {
    id: ruleSet.id,
    version: ruleSet.version,
    hash: ruleSet.hash,
    ...(overrides && Object.keys(overrides).length ? { overrides } : {}),
  };
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Request logs name the route, status and time only: never a household's data, nor query values not declared.
    logger: options.log
      ? {
          stream: options.log,
          serializers: {
            req: (request: { method: string; url: string }) => ({
              method: request.method,
              url: loggedUrl(request.url),
            }),
            res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
          },
        }
      : false,
    // Let in-flight requests finish on close, but do not wait for idle keep-alive connections.
    forceCloseConnections: "idle",
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.document);
    const language = requestLanguage(request.query, serviceLanguage);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: { message: error.message, code: error.code } }, "request failed");
    const code =
      error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
        ? "E_INPUT_JSON"
        : undefined;
    if (status === 415) {
      const unsupported = mediaTypeProblem(request.headers["content-type"], [], language);
      if (unsupported) return sendProblem(reply, unsupported);
    }
    const detail =
      status === 413
        ? message("bodyTooLarge", language, { bytes: options.bodyLimit ?? DEFAULT_BODY_LIMIT })
        : status >= 500
          ? message("internalServiceError", language)
          : code
            ? message("bodyNotJson", language, { detail: error.message })
            : error.message;
    return sendProblem(reply, problem(status, detail, code ? { code } : {}));
  });
  app.setNotFoundHandler((request, reply) => {
    const language = requestLanguage(request.query, serviceLanguage);
    return sendProblem(
      reply,
      problem(404, message("noSuchResource", language, { method: request.method, path: request.url.split("?")[0]! })),
    );
  });

  // Before the body is read: a URL with parameters a route does not declare, or a body of a type it
  // does not read, is refused at once.
  app.addHook("onRequest", (request, _reply, done) => {
    const config = request.routeOptions.config as { query?: readonly string[]; types?: readonly string[] };
    if (request.routeOptions.url === undefined || !config.query) return done();
    const language = requestLanguage(request.query, serviceLanguage);
    const badQuery = queryProblem(request.query as Record<string, unknown>, config.query, language);
    if (badQuery) return done(new ProblemError(badQuery));
    const { headers } = request;
    const noBody =
      headers["content-type"] === undefined &&
      headers["transfer-encoding"] === undefined &&
      (headers["content-length"] === undefined || headers["content-length"] === "0");
    if (config.types && !noBody) {
      const badType = mediaTypeProblem(headers["content-type"], config.types, language);
      if (badType) return done(new ProblemError(badType));
    }
    done();
  });
  // Every body is read as bytes: the routes decode and parse it themselves, strictly.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, parsed) => parsed(null, body));

  registerWorkbench(app, options.workbench ?? null, serviceLanguage);

  app.get("/healthz", { config: { query: [] } }, async (_request, reply) =>
    reply.type("application/json").send(JSON.stringify({ status: "ok", ruleSet: ruleSetRef })),
  );

  app.get("/v1/rule-set", { config: { query: [] } }, async (_request, reply) =>
    reply.type("application/json").send(
      JSON.stringify({
        ...ruleSetRef,
        layers: ruleSet.layers,
        region: ruleSet.region,
        description: ruleSet.description,
        parameters: ruleSet.parameters,
      }),
    ),
  );

  const document = JSON.stringify(openApiDocument(ruleSet, options.version ?? "0.0.0"));
  app.get("/openapi.json", { config: { query: [] } }, async (_request, reply) =>
    reply.type("application/json").send(document),
  );

  app.post("/v1/screen", { config: { query: SCREENING_QUERY, types: SCREEN_TYPES } }, async (request, reply) => {
    const { asOf, options: screening } = screeningQuery(request.query as ScreeningQuery, serviceLanguage);
    const { language } = screening;
    const rules = compileFor(ruleSet, asOf, language);
    const household = householdBody(request.body, language);
    const pending = screenSourceItem(rules, { kind: "value", value: household }, 0, screening);
    const entry = pending instanceof Promise ? await pending : pending;
    if (!entry.ok) {
      const { code, householdId, issues } = entry.rejection;
      // A fault of dixian's on a valid household is the service's, not the caller's.
      if (code === "E_INTERNAL") throw new Error(issues[0]?.message ?? code);
      const detail = message("householdInvalidCount", language, {
        id: householdId ?? message("noId", language),
        count: issues.length,
      });
      return sendProblem(reply, problem(422, detail, { code: "E_INPUT_SCHEMA", householdId, issues }));
    }
    // The very text `dixian screen` writes for the household (without its newline).
    return reply.type("application/json").send(JSON.stringify(entry.result));
  });

  // NDJSON is split by lines here, with the reader `dixian screen` uses.
  app.post("/v1/screen/batch", { config: { query: SCREENING_QUERY, types: BATCH_TYPES } }, async (request, reply) => {
    const { asOf, options: screening } = screeningQuery(request.query as ScreeningQuery, serviceLanguage);
    compileFor(ruleSet, asOf, screening.language);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const sources = readHouseholdSources(once(body), screening.language);
    const threads = (options.workers ?? 1) > 1 && countLines(body) >= WORKER_BATCH_LINES ? options.workers! : 1;
    const lines = batchLines(sources, ruleSet, asOf, screening, threads);
    return reply.type("application/x-ndjson").send(Readable.from(lines, { objectMode: false }));
  });

  return app;
}
