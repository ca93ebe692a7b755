import { DixianError, NoParameterInForceError } from "../errors.js";
import { InputFormatError } from "../sources/read-households.js";
import { explanationText } from "../results/explain-text.js";
import { type Language, renderText } from "../messages/catalogue.js";
import { policyBookHtml } from "../book/book-html.js";
import type { RuleSet } from "../rulesets/rule-set.js";
import { prepareRuleSet } from "../batch/screen.js";
import { webGb18030 } from "../sources/text-encoding.js";
import { worklistRows } from "../reporting/worklist-table.js";
import { COUNTY_PARAMETERS, CountyValueError, workbenchRuleSet } from "./county-values.js";
import type { FromWorker, Problem, ScreenedSummary, ScreenSettings, ToWorker } from "./protocol.js";
import { explainItem, reportHtml, resultsWorkbook, screenWorkbenchFiles, RESULT_SHEETS } from "./screen-files.js";

/**
 * The workbench's Web Worker: reads the tables, screens, writes the workbook, the report and the
 * book, so the page stays responsive while a township of thousands of households is screened.
 */

interface Last {
  settings: ScreenSettings;
  ruleSet: RuleSet;
  screening: Awaited<ReturnType<typeof screenWorkbenchFiles>>;
}

/** The worker's scope, as much of it as the worker uses (its file is type-checked without the DOM library). */
const scope = globalThis as unknown as {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
};

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => scope.postMessage(message, transfer);

/** A thrown error as a problem for the page, in the language. */
export function problemOf(error: unknown, language: Language): Problem {
  if (error instanceof CountyValueError) return { code: "E_USAGE", message: error.message, field: error.parameter };
  if (error instanceof NoParameterInForceError)
    return { code: error.code, message: error.missing.parameter, field: error.missing.parameter };
  if (error instanceof InputFormatError)
    return { code: error.code, message: error.text ? renderText(error.text, language) : error.message };
  if (error instanceof DixianError) return { code: error.code, message: error.inLanguage(language).message };
  return { code: "E_INTERNAL", message: error instanceof Error ? error.message : String(error) };
}

/** The name the results workbook is offered under. */
export const resultsName = (asOf: string, language: Language) => `${RESULT_SHEETS[language].results}-${asOf}.xlsx`;

function summary(last: Last): ScreenedSummary {
  const { screening, ruleSet, settings } = last;
  const results: ScreenedSummary["results"] = [];
  const rejected: ScreenedSummary["rejected"] = [];
  const order: ScreenedSummary["order"] = [];
  screening.entries.forEach((entry, index) => {
    if (entry.kind === "result") {
      order.push({ kind: "result", at: results.length });
      results.push(entry.result);
    } else {
      order.push({ kind: "rejected", at: rejected.length });
      rejected.push({
        index,
        householdId: entry.rejection.householdId,
        source: entry.rejection.source ?? null,
        problems: entry.problems,
      });
    }
  });
  const county = COUNTY_PARAMETERS.flatMap((name) => {
    const value = settings.county?.[name]?.trim();
    if (!value) return [];
    const parameter = ruleSet.parameters[name]!;
    const label = (settings.language === "en" ? parameter.label?.en : parameter.label?.zh) ?? name;
    return [{ name, label, value, source: settings.county!.source.trim() }];
  });
  return {
    ruleSet: screening.ruleSet,
    layers: ruleSet.layers,
    catalogue: { riskTypes: ruleSet.riskTypes, guarantees: ruleSet.guarantees, measureGroups: ruleSet.measureGroups },
    asOf: screening.asOf,
    language: screening.language,
    county,
    results,
    rejected,
    order,
    worklist: screening.worklist,
    worklistRows: resultsWorklistRows(screening),
    report: screening.report,
    reportHtml: reportHtml(screening),
    resultsName: resultsName(screening.asOf, screening.language),
    timing: screening.timing,
  };
}

const resultsWorklistRows = (screening: Last["screening"]) => worklistRows(screening.worklist, screening.language);

let last: Last | null = null;

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "check": {
      const { settings } = message;
      try {
        const ruleSet = workbenchRuleSet(settings.ruleSet, settings.asOf, settings.county, settings.language);
        let missing: string | null = null;
        try {
          prepareRuleSet(ruleSet, settings.asOf, settings.language);
        } catch (error) {
          if (!(error instanceof NoParameterInForceError)) throw error;
          missing = error.missing.parameter;
        }
        post({
          type: "checked",
          id: message.id,
          missing,
          ruleSet: { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash },
          problem: null,
        });
      } catch (error) {
        post({
          type: "checked",
          id: message.id,
          missing: null,
          ruleSet: null,
          problem: problemOf(error, settings.language),
        });
      }
      return;
    }
    case "screen": {
      const { settings, id } = message;
      try {
        const ruleSet = workbenchRuleSet(settings.ruleSet, settings.asOf, settings.county, settings.language);
        post({ type: "progress", id, done: 0, total: 0, phase: "read" });
        const screening = await screenWorkbenchFiles(
          {
            files: message.files.map((file) => ({ name: file.name, bytes: new Uint8Array(file.bytes) })),
            ruleSet,
            asOf: settings.asOf,
            language: settings.language,
            ...(settings.encoding ? { encoding: settings.encoding } : {}),
            gb18030: webGb18030(),
            resultsName: resultsName(settings.asOf, settings.language),
          },
          (done, total) => post({ type: "progress", id, done, total, phase: "screen" }),
        );
        last = { settings, ruleSet, screening };
        post({ type: "screened", id, summary: summary(last) });
      } catch (error) {
        post({ type: "failed", id, problem: problemOf(error, settings.language) });
      }
      return;
    }
    case "workbook": {
      if (!last) return post({ type: "failed", id: message.id, problem: { code: "E_USAGE", message: "" } });
      const bytes = resultsWorkbook(last.screening);
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      post(
        {
          type: "workbook",
          id: message.id,
          name: resultsName(last.screening.asOf, last.screening.language),
          bytes: buffer,
        },
        [buffer],
      );
      return;
    }
    case "book": {
      const { settings } = message;
      try {
        const ruleSet = workbenchRuleSet(settings.ruleSet, settings.asOf, settings.county, settings.language);
        post({
          type: "book",
          id: message.id,
          html: policyBookHtml(ruleSet, { language: settings.language, asOf: settings.asOf || null }),
          hash: ruleSet.hash,
        });
      } catch (error) {
        post({ type: "failed", id: message.id, problem: problemOf(error, settings.language) });
      }
      return;
    }
    case "explain": {
      if (!last) return;
      const { screening, ruleSet } = last;
      const item = screening.items[message.index];
      const result = item ? await explainItem(ruleSet, screening.asOf, screening.language, item, message.index) : null;
      post({
        type: "explained",
        id: message.id,
        text: result ? explanationText(result, ruleSet, screening.language) : "",
      });
      return;
    }
  }
}

/** Starts answering the page's messages (in the worker). */
export function runWorker(): void {
  scope.onmessage = (event) => void handle(event.data);
  post({ type: "ready" });
}
