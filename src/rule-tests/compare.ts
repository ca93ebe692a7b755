import { message } from "../messages/catalogue.js";
import type { Language, ScreeningResult } from "../results/result-types.js";
import type { Expectation } from "./schema.js";

/** One way the result differs from the expectation. */
export interface Mismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

const sorted = (values: readonly string[]) => [...values].sort();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function includeExclude(
  field: string,
  actual: readonly string[],
  spec: { include?: string[]; exclude?: string[] } | undefined,
  out: Mismatch[],
  language: Language,
) {
  if (!spec) return;
  const missing = (spec.include ?? []).filter((id) => !actual.includes(id));
  const present = (spec.exclude ?? []).filter((id) => actual.includes(id));
  if (missing.length) out.push({ field: `${field} include`, expected: missing, actual });
  if (present.length)
    out.push({
      field: `${field} exclude`,
      expected: message("expectedNoneOf", language, { ids: present.join(", ") }),
      actual,
    });
}

/** Compares a screening result with what a test expects; empty when it matches. Expectations are described in `language`. */
export function compareResult(result: ScreeningResult, expect: Expectation, language: Language = "zh"): Mismatch[] {
  const out: Mismatch[] = [];
  if (expect.flag !== undefined && result.flag !== expect.flag)
    out.push({ field: "flag", expected: expect.flag, actual: result.flag });
  if (expect.category !== undefined && result.category !== expect.category)
    out.push({ field: "category", expected: expect.category, actual: result.category });
  if (expect.riskTypes) {
    const actual = sorted(result.riskTypes.map((risk) => risk.id));
    if (!same(actual, sorted(expect.riskTypes)))
      out.push({ field: "riskTypes", expected: sorted(expect.riskTypes), actual });
  }
  for (const [id, code] of Object.entries(expect.riskCodes ?? {})) {
    const actual = result.riskTypes.find((risk) => risk.id === id)?.code ?? null;
    if (actual !== code) out.push({ field: `riskTypes.${id}.code`, expected: code, actual });
  }
  for (const [item, status] of Object.entries(expect.guarantees ?? {})) {
    const actual = result.guarantees[item as keyof ScreeningResult["guarantees"]];
    if (actual !== status) out.push({ field: `guarantees.${item}`, expected: status, actual });
  }
  includeExclude(
    "measures",
    result.measures.map((m) => m.id),
    expect.measures,
    out,
    language,
  );
  includeExclude(
    "measureGroups",
    result.measures.map((m) => m.group ?? ""),
    expect.measureGroups,
    out,
    language,
  );
  if (expect.inPlace) {
    const actual = result.measures.filter((m) => m.inPlace).map((m) => m.id);
    if (!same(sorted(actual), sorted(expect.inPlace)))
      out.push({ field: "inPlace", expected: sorted(expect.inPlace), actual: sorted(actual) });
  }
  includeExclude(
    "checks",
    result.checks.map((c) => c.id),
    expect.checks,
    out,
    language,
  );
  for (const [name, value] of Object.entries(expect.figures ?? {})) {
    const actual = result.figures[name as keyof ScreeningResult["figures"]];
    if (actual !== value) out.push({ field: `figures.${name}`, expected: value, actual });
  }
  if (expect.followUp !== undefined && !same(result.followUp, expect.followUp))
    out.push({ field: "followUp", expected: expect.followUp, actual: result.followUp });
  if (expect.tasks) {
    const actual = result.tasks.map(({ reason: _reason, ...task }) => task);
    if (!same(actual, expect.tasks)) out.push({ field: "tasks", expected: expect.tasks, actual });
  }
  if (expect.referrals) {
    const actual = sorted(result.referrals.map((referral) => referral.department));
    if (!same(actual, sorted(expect.referrals)))
      out.push({ field: "referrals", expected: sorted(expect.referrals), actual });
  }
  for (const text of expect.reasonsExclude ?? []) {
    if (result.reasons.some((reason) => reason.includes(text)))
      out.push({
        field: "reasons",
        expected: message("expectedReasonNotContaining", language, { text }),
        actual: result.reasons,
      });
  }
  for (const text of expect.reasonsContain ?? []) {
    if (!result.reasons.some((reason) => reason.includes(text)))
      out.push({
        field: "reasons",
        expected: message("expectedReasonContaining", language, { text }),
        actual: result.reasons,
      });
  }
  if (expect.error !== undefined)
    out.push({ field: "error", expected: expect.error, actual: message("expectedNoError", language) });
  return out;
}
