import packageJson from "../../package.json";
import { message } from "../messages/catalogue.js";
import { assertRuleSetHash } from "../rulesets/hash.js";
import { buildService, DEFAULT_BODY_LIMIT } from "../service/app.js";
import { EXIT, UsageError, write, writeText, type CliIo } from "./io.js";
import { LANGUAGES, oneOf, parseOptions, required } from "./options.js";
import { loadRuleSetArgument, SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";

export const SERVE_HELP = `Usage: dixian serve --rules <rule-set dir> [options]

Serves one rule set over HTTP (see docs/service.md): POST /v1/screen, POST /v1/screen/batch,
GET /v1/rule-set, GET /healthz, GET /openapi.json. The rule set is loaded and checked once, at start.
以 HTTP 服务提供一套规则集的筛查。

Options:
  --rules DIR          rule-set directory, or builtin:NAME (builtin:yunnan)  规则集目录
  --host HOST          address to listen on (127.0.0.1)                     监听地址
  --port PORT          port to listen on (8080; 0 picks a free one)         端口
  --expect-hash HASH   refuse to start unless the rule set has this hash    校验规则集哈希
  --lang zh|en         language of messages, and of results and problems for
                       requests without lang= (default zh)                  语言（默认中文）
${SET_HELP}
  --body-limit BYTES   largest request body (16777216)                      请求体上限
  --workers N          screening threads for large batches (1)              并行线程数
  --quiet              no request logs on standard output                   不输出请求日志
  -h, --help           show this help

Request logs are JSON lines on standard output; they never contain household data.
SIGTERM or SIGINT stops the service after the requests in progress have been answered.`;

/** How long a stopping service waits for requests in progress before it drops their connections. */
const CLOSE_GRACE_MS = 30_000;

/** `dixian serve`: the HTTP service, until SIGTERM (or SIGINT). */
export async function serveCommand(args: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rules: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "8080" },
    "expect-hash": { type: "string" },
    lang: { type: "string", default: "zh" },
    set: SET_OPTION,
    "body-limit": { type: "string" },
    workers: { type: "string", default: "1" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, SERVE_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  if (positionals.length) throw new UsageError("unexpectedArgument", { argument: positionals[0]! });
  const rulesArgument = required(values.rules, "--rules <rule-set dir>");
  const port = wholeNumber(values.port, "--port", 0, 65535);
  const bodyLimit =
    values["body-limit"] === undefined
      ? DEFAULT_BODY_LIMIT
      : wholeNumber(values["body-limit"], "--body-limit", 1, 1024 * 1024 * 1024);
  const workers = wholeNumber(values.workers, "--workers", 1, 256);

  // Loaded through the same path as `dixian screen` (with --set), and refused before listening when the hash differs.
  const ruleSet = loadRuleSetArgument(rulesArgument, setOverrides(values.set, "--set", language), language);
  if (values["expect-hash"] !== undefined) assertRuleSetHash(ruleSet, values["expect-hash"], language);

  const app = buildService({
    ruleSet,
    bodyLimit,
    workers,
    lang: language,
    version: packageJson.version,
    ...(values.quiet ? {} : { log: io.stdout }),
  });
  let closing = false;
  // A keep-alive connection whose request finishes while closing is closed at once, not after its timeout.
  app.addHook("onResponse", (_request, _reply, done) => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
  const address = await app.listen({ host: values.host, port });
  await writeText(
    io.stderr,
    message("serveListening", language, { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash, address }) +
      "\n",
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      signals.off("SIGTERM", stop);
      signals.off("SIGINT", stop);
      // Stops accepting connections; requests already received are answered first, for a while.
      closing = true;
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      force.unref();
      void app.close().then(resolve, resolve);
    };
    signals.on("SIGTERM", stop);
    signals.on("SIGINT", stop);
  });
  await writeText(io.stderr, message("serveStopped", language) + "\n");
  return EXIT.ok;
}

function wholeNumber(value: string, option: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new UsageError("serveWholeNumber", { option, min, max, value });
  return number;
}
