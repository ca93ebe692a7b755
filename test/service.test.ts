import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { request } from "node:http";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHouseholds } from "../src/population/generate-households.js";
import { loadRuleSet } from "../src/rulesets/load.js";
import { contractExample } from "./support/households.js";
import { runCliCaptured } from "./support/run-cli.js";

/**
 * `dixian serve` as a county system meets it: a real process listening on a free port of
 * 127.0.0.1, called over HTTP, compared with what `dixian screen` writes for the same households.
 */
interface Served {
  child: ChildProcess;
  base: string;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts `dixian serve` from source on port 0 (a free port) and waits until it says where it listens. */
async function serve(args: string[]): Promise<Served> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "serve", "--host", "127.0.0.1", "--port", "0", ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  const exit = once(child, "exit").then(([code]) => code as number | null);
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      err += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (match) resolve(match[1]!);
    });
    void exit.then((code) => reject(new Error(`dixian serve exited (${code}): ${err}`)));
  });
  return { child, base, stdout: () => out, stderr: () => err, exit };
}

const ASOF = "2025-06-30";
const households = [...generateHouseholds({ households: 120, seed: 7, asOf: ASOF, referenceIncome: 8700 })];
const ndjson = households.map((h) => JSON.stringify(h)).join("\n") + "\n";
/** What `dixian screen` writes for each household, by id. */
const expected = new Map<string, string>();
let served: Served;

const post = (path: string, body: string, type = "application/json") =>
  fetch(served.base + path, { method: "POST", headers: { "content-type": type }, body });

/**
 * Declares a body of `length` bytes and sends only its start: the service must answer 413 from the
 * declared length alone, before reading (or buffering) any of it.
 */
function postTooLarge(
  path: string,
  length: number,
  type: string,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      served.base + path,
      { method: "POST", headers: { "content-type": type, "content-length": length } },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => {
          resolve({ status: response.statusCode!, type: String(response.headers["content-type"]), body: text });
          req.destroy();
        });
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.write(JSON.stringify(contractExample()));
  });
}

beforeAll(async () => {
  served = await serve(["--rules", "rules/yunnan"]);
  const cli = await runCliCaptured(
    ["screen", "--rules", "rules/yunnan", "--as-of", ASOF, "--quiet", "--workers", "1", "-"],
    ndjson,
  );
  if (cli.code !== 0) throw new Error(`dixian screen failed (${cli.code}): ${cli.stderr}`);
  for (const line of cli.stdout.trim().split("\n")) expected.set(JSON.parse(line).householdId, line);
}, 60_000);

afterAll(() => {
  if (served.child.exitCode === null) served.child.kill("SIGKILL");
});

describe("dixian serve", () => {
  it("reports health with the rule set's hash", async () => {
    const response = await fetch(served.base + "/healthz");
    expect(response.status).toBe(200);
    const { id, version, hash } = loadRuleSet("rules/yunnan");
    expect(await response.json()).toEqual({ status: "ok", ruleSet: { id, version, hash } });
  });

  it("screens one household to the very text dixian screen writes", async () => {
    for (const household of households.slice(0, 10)) {
      const response = await post(`/v1/screen?asOf=${ASOF}`, JSON.stringify(household));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.text()).toBe(expected.get(household.id));
    }
    const english = await post(`/v1/screen?asOf=${ASOF}&lang=en&explain=true`, JSON.stringify(contractExample()));
    const result: any = await english.json();
    expect(result.riskTypes[0].label).toBe("Illness");
    expect(result.explanation.length).toBeGreaterThan(0);
  });

  it("streams a batch in order, with a broken line rejected in its place", async () => {
    const lines = ndjson.trim().split("\n").slice(0, 40);
    const body =
      [
        ...lines.slice(0, 5),
        "{not json",
        JSON.stringify({ ...households[5], income: { wage: "-1" } }),
        ...lines.slice(5),
      ].join("\n") + "\n";
    const response = await post(`/v1/screen/batch?asOf=${ASOF}`, body, "application/x-ndjson");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const out = (await response.text()).trim().split("\n");
    expect(out).toHaveLength(42);
    expect(out.slice(0, 5)).toEqual(households.slice(0, 5).map((h) => expected.get(h.id)));
    expect(JSON.parse(out[5]!)).toMatchObject({
      rejected: {
        code: "E_INPUT_JSON",
        line: 6,
        householdId: null,
        issues: [{ path: "", message: expect.stringContaining("JSON") }],
      },
    });
    const invalid = JSON.parse(out[6]!).rejected;
    expect(invalid).toMatchObject({ line: 7, householdId: households[5]!.id });
    expect(invalid.issues.map((issue: { path: string }) => issue.path)).toContain("/income/wage");
    expect(out.slice(7)).toEqual(households.slice(5, 40).map((h) => expected.get(h.id)));
  });

  it("answers every error as application/problem+json: 422, 400, 404, 413", async () => {
    const invalid = await post(
      `/v1/screen?asOf=${ASOF}`,
      JSON.stringify({
        ...contractExample(),
        extra: 1,
        members: [{ ...contractExample().members[0], labor: "strong" }],
      }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem: any = await invalid.json();
    expect(problem).toMatchObject({ status: 422, code: "E_INPUT_SCHEMA", householdId: "LH-0001" });
    expect(problem.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["", "/members/0/labor"]);

    for (const query of ["", "?asOf=2025-02-30", "?asOf=30.06.2025", `?asOf=${ASOF}&lang=fr`]) {
      const response = await post(`/v1/screen${query}`, JSON.stringify(contractExample()));
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as any).issues[0].path).toMatch(/^\/query\//);
    }
    // Problems are worded in the request's lang, Chinese by default; codes and paths are the same in both.
    const chinese: any = await (await post("/v1/screen", JSON.stringify(contractExample()))).json();
    expect(chinese).toMatchObject({ code: "E_BAD_AS_OF", detail: expect.stringContaining("缺少评估日") });
    const english: any = await (await post("/v1/screen?lang=en", JSON.stringify(contractExample()))).json();
    expect(english).toMatchObject({ code: "E_BAD_AS_OF", detail: "asOf: required: the assessment date YYYY-MM-DD" });
    const invalidEnglish: any = await (
      await post(`/v1/screen?asOf=${ASOF}&lang=en`, JSON.stringify({ ...contractExample(), extra: 1 }))
    ).json();
    expect(invalidEnglish).toMatchObject({ status: 422, detail: "household LH-0001 is invalid: 1 problem(s)" });
    expect(invalidEnglish.issues[0].message).toMatch(/unknown field/i);
    const invalidChinese: any = await (
      await post(`/v1/screen?asOf=${ASOF}`, JSON.stringify({ ...contractExample(), extra: 1 }))
    ).json();
    expect(invalidChinese.detail).toContain("数据有误");
    expect(invalidChinese.issues[0].message).not.toBe(invalidEnglish.issues[0].message);

    const batchWithoutDate = await post("/v1/screen/batch", ndjson, "application/x-ndjson");
    expect(batchWithoutDate.status).toBe(400);
    // Neither Yunnan nor cn has a threshold for 2022: that date cannot be screened.
    const noThreshold = await post("/v1/screen?asOf=2022-06-30", JSON.stringify(contractExample()));
    expect(noThreshold.status).toBe(400);
    expect(((await noThreshold.json()) as any).code).toBe("E_NO_PARAMETER_IN_FORCE");
    const notJson = await post(`/v1/screen?asOf=${ASOF}`, "{not json");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as any).code).toBe("E_INPUT_JSON");

    for (const [method, path] of [
      ["GET", "/nowhere"],
      ["GET", "/v1/screen"],
      ["POST", "/v2/screen"],
    ] as const) {
      const response = await fetch(served.base + path, {
        method,
        ...(method === "POST" ? { body: "{}", headers: { "content-type": "application/json" } } : {}),
      });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }

    for (const [path, type] of [
      ["/v1/screen", "application/json"],
      ["/v1/screen/batch", "application/x-ndjson"],
    ] as const) {
      const response = await postTooLarge(`${path}?asOf=${ASOF}`, 16 * 1024 * 1024 + 1, type);
      expect(response.status).toBe(413);
      expect(response.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({ status: 413 });
    }
    // A body of exactly the limit is read and screened.
    const text = JSON.stringify(contractExample());
    const padded = text + " ".repeat(16 * 1024 * 1024 - Buffer.byteLength(text));
    expect((await post(`/v1/screen?asOf=${ASOF}`, padded)).status).toBe(200);
  });

  it("answers 50 concurrent requests each with its own household's result", async () => {
    const picks = Array.from({ length: 50 }, (_, i) => households[(i * 7) % households.length]!);
    const responses = await Promise.all(
      picks.map(async (household, i) => {
        const response =
          i % 5 === 0
            ? await post(
                `/v1/screen/batch?asOf=${ASOF}`,
                `${JSON.stringify(household)}\n${JSON.stringify(households[i]!)}\n`,
                "application/x-ndjson",
              )
            : await post(`/v1/screen?asOf=${ASOF}`, JSON.stringify(household));
        return { status: response.status, text: await response.text() };
      }),
    );
    responses.forEach(({ status, text }, i) => {
      expect(status).toBe(200);
      const want =
        i % 5 === 0
          ? `${expected.get(picks[i]!.id)}\n${expected.get(households[i]!.id)}\n`
          : expected.get(picks[i]!.id);
      expect(text).toBe(want);
    });
  });

  it("publishes an OpenAPI 3.1 document whose schemas the real responses satisfy", async () => {
    const document: any = await (await fetch(served.base + "/openapi.json")).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([
      "/healthz",
      "/openapi.json",
      "/v1/rule-set",
      "/v1/screen",
      "/v1/screen/batch",
    ]);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: "openapi", components: document.components });
    const validate = (name: string, value: unknown) => {
      const check = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
      expect(check(value), JSON.stringify(check.errors)).toBe(true);
    };
    validate("Household", contractExample());
    expect(ajv.getSchema("openapi#/components/schemas/Household")!({ ...contractExample(), extra: 1 })).toBe(false);
    validate("ScreeningResult", JSON.parse(expected.get(households[0]!.id)!));
    validate(
      "ScreeningResult",
      await (await post(`/v1/screen?asOf=${ASOF}&explain=true`, JSON.stringify(contractExample()))).json(),
    );
    validate("Problem", await (await post(`/v1/screen?asOf=${ASOF}`, "{}")).json());
    validate("Health", await (await fetch(served.base + "/healthz")).json());
    const ruleSet: any = await (await fetch(served.base + "/v1/rule-set")).json();
    validate("RuleSetInfo", ruleSet);
    expect(ruleSet.parameters.threshold).toEqual(loadRuleSet("rules/yunnan").parameters.threshold);
    expect(ruleSet.parameters.threshold.values[0]).toMatchObject({
      value: "8050",
      status: "partial",
      source: { document: expect.any(String) },
    });
    expect(ruleSet).not.toHaveProperty("overrides");
    const batch = await (await post(`/v1/screen/batch?asOf=${ASOF}`, "{}\n", "application/x-ndjson")).text();
    validate("RejectedLine", JSON.parse(batch));
  });

  it("logs each request as a JSON line without household data", () => {
    const lines = served.stdout().trim().split("\n");
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((line) => JSON.parse(line).res?.statusCode === 422)).toBe(true);
    const log = served.stdout();
    for (const household of households.slice(0, 10)) expect(log).not.toContain(household.id);
    expect(log).not.toContain("LH-0001");
    expect(log).not.toContain("联合乡");
  });

  it("finishes the requests in progress on SIGTERM, then exits 0", async () => {
    const big = Array.from({ length: 12 }, () => ndjson).join("");
    const pending = post(`/v1/screen/batch?asOf=${ASOF}`, big, "application/x-ndjson");
    const response = await pending;
    expect(response.status).toBe(200);
    served.child.kill("SIGTERM");
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(households.length * 12);
    expect(lines.at(-1)).toBe(expected.get(households.at(-1)!.id));
    expect(await served.exit).toBe(0);
    expect(served.stderr()).toContain("dixian serve：已停止");
    await expect(fetch(served.base + "/healthz")).rejects.toThrow();
  });
});

describe("dixian serve --lang", () => {
  it("words its messages, and results and problems of requests without lang=, in English", async () => {
    const english = await serve(["--rules", "rules/yunnan", "--lang", "en", "--quiet"]);
    try {
      expect(english.stderr()).toMatch(/^dixian serve: yunnan \S+ sha256:[0-9a-f]{64} at http:/);
      const body = JSON.stringify(contractExample());
      const response = await fetch(`${english.base}/v1/screen?asOf=${ASOF}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const cli = await runCliCaptured(
        ["screen", "--rules", "rules/yunnan", "--as-of", ASOF, "--lang", "en", "--quiet", "--workers", "1", "-"],
        body,
      );
      expect((await response.text()) + "\n").toBe(cli.stdout);
      const chinese: any = await (
        await fetch(`${english.base}/v1/screen?asOf=${ASOF}&lang=zh`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        })
      ).json();
      expect(chinese.riskTypes[0].label).not.toBe("Illness");
      const problem: any = await (
        await fetch(`${english.base}/v1/screen`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        })
      ).json();
      expect(problem.detail).toBe("asOf: required: the assessment date YYYY-MM-DD");
    } finally {
      english.child.kill("SIGTERM");
      await english.exit;
    }
    expect(english.stderr()).toContain("dixian serve: stopped");
  }, 60_000);

  it("refuses bad options as the other commands do, in the language asked for", async () => {
    await expect(serve(["--rules", "rules/yunnan", "--prot", "8080"])).rejects.toThrow(
      /E_USAGE: 未知选项 --prot.*--port/,
    );
    await expect(serve(["--rules", "rules/yunnan", "--lang", "en", "--workers", "0"])).rejects.toThrow(
      /E_USAGE: --workers must be a whole number from 1 to 256, not "0"/,
    );
    await expect(serve(["--rules", "rules/yunnan", "--lang", "fr"])).rejects.toThrow(/E_USAGE: --lang/);
    await expect(serve(["--rules", "rules/nowhere", "--lang", "en"])).rejects.toThrow(/rule set directory not found/);
    await expect(serve(["--rules", "rules/nowhere"])).rejects.toThrow(/找不到规则集目录/);
  }, 60_000);
});

describe("dixian serve --expect-hash", () => {
  it("refuses to start on a rule set with another hash", async () => {
    const wrong = "sha256:" + "0".repeat(64);
    await expect(serve(["--rules", "rules/yunnan", "--expect-hash", wrong])).rejects.toThrow(/E_RULESET_HASH_MISMATCH/);
  }, 30_000);
});

describe("dixian serve --workers", () => {
  it("screens a large batch on worker threads with the same lines, rejections in place", async () => {
    const workers = await serve(["--rules", "rules/yunnan", "--workers", "2", "--quiet"]);
    try {
      const many = [...generateHouseholds({ households: 2100, seed: 11, asOf: ASOF, referenceIncome: 8700 })].map((h) =>
        JSON.stringify(h),
      );
      many.splice(70, 0, "{not json");
      many.splice(1500, 0, JSON.stringify({ id: "bad" }));
      const body = many.join("\n") + "\n";
      const response = await fetch(`${workers.base}/v1/screen/batch?asOf=${ASOF}`, {
        method: "POST",
        headers: { "content-type": "application/x-ndjson" },
        body,
      });
      expect(response.status).toBe(200);
      const fromWorkers = await response.text();
      const cli = await runCliCaptured(
        ["screen", "--rules", "rules/yunnan", "--as-of", ASOF, "--quiet", "--workers", "1", "-"],
        body,
      );
      const lines = fromWorkers.trim().split("\n");
      expect(lines).toHaveLength(many.length);
      expect(JSON.parse(lines[70]!).rejected).toMatchObject({ line: 71, index: 70 });
      expect(JSON.parse(lines[1500]!).rejected).toMatchObject({ line: 1501, householdId: "bad" });
      expect(lines.filter((line) => !line.startsWith('{"rejected"')).join("\n") + "\n").toBe(cli.stdout);
    } finally {
      workers.child.kill("SIGTERM");
      await workers.exit;
    }
  }, 120_000);
});

describe("dixian serve --set", () => {
  it("serves the rule set with its overrides, as dixian screen --set screens", async () => {
    const overridden = await serve(["--rules", "rules/yunnan", "--set", "threshold=9100", "--quiet"]);
    try {
      const health: any = await (await fetch(`${overridden.base}/healthz`)).json();
      expect(health.ruleSet.overrides).toEqual({ threshold: "9100" });
      expect(health.ruleSet.hash).not.toBe(loadRuleSet("rules/yunnan").hash);
      const info: any = await (await fetch(`${overridden.base}/v1/rule-set`)).json();
      expect(info.overrides).toEqual({ threshold: "9100" });
      const body = JSON.stringify(contractExample());
      const response = await fetch(`${overridden.base}/v1/screen?asOf=${ASOF}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const cli = await runCliCaptured(
        [
          "screen",
          "--rules",
          "rules/yunnan",
          "--set",
          "threshold=9100",
          "--as-of",
          ASOF,
          "--quiet",
          "--workers",
          "1",
          "-",
        ],
        body,
      );
      expect((await response.text()) + "\n").toBe(cli.stdout);
      expect(JSON.parse(cli.stdout).ruleSet.overrides).toEqual({ threshold: "9100" });
    } finally {
      overridden.child.kill("SIGTERM");
      await overridden.exit;
    }
    await expect(serve(["--rules", "rules/yunnan", "--set", "nosuch=1"])).rejects.toThrow(/E_PARAMETER_OVERRIDE/);
  }, 60_000);
});
