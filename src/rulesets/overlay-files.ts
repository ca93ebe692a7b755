import { resolve } from "node:path";
import { Decimal, formatMoney } from "../input/decimal.js";
import { message, type Language } from "../messages/catalogue.js";
import { directoryFiles } from "./directory-files.js";
import { memoryFiles, type RuleSetFiles } from "./rule-set-files.js";
import type { RuleSet } from "./rule-set.js";
import type { Status } from "./schema.js";

/**
 * The files of a new county overlay (`dixian init-overlay`): a `ruleset.json` that extends a rule
 * set, a `parameters.json` that adds a value for each year given, and one example rule test. The
 * texts are built here; the command checks them and writes them.
 */

/** One value the overlay adds: `--threshold 2026=9000` is `{ name: "threshold", year: "2026", value: "9000" }`. */
export interface OverlayValue {
  name: string;
  year: string;
  value: string;
}

/** What an overlay is made of. */
export interface OverlaySpec {
  /** The folder's name (for texts). */
  name: string;
  id: string;
  version: string;
  /** The `extends` value: `builtin:yunnan`, or a path relative to the overlay's folder. */
  extends: string;
  values: OverlayValue[];
  /** The document the values come from (`--source`). */
  source: string;
  status: Exclude<Status, "default">;
  /** The `$schema` of each kind of file, or null when the package's schema folder was not found. */
  schema: ((name: string, depth: number) => string) | null;
  language: Language;
}

const STATUS_TEXT = {
  provisional: "overlayStatusProvisional",
  partial: "overlayStatusPartial",
  confirmed: "overlayStatusConfirmed",
} as const;

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/** A parameter's short name in `language` (its `label`, else its name). */
function labelOf(base: RuleSet, name: string, language: Language): string {
  const parameter = Object.hasOwn(base.parameters, name) ? base.parameters[name] : undefined;
  return (language === "en" ? parameter?.label?.en : parameter?.label?.zh) ?? parameter?.label?.zh ?? name;
}

/** `ruleset.json` and `parameters.json` of the overlay, by path. */
export function overlayRuleSetFiles(spec: OverlaySpec, base: RuleSet): Record<string, string> {
  const schema = (name: string) => (spec.schema ? { $schema: spec.schema(name, 0) } : {});
  const listed = (language: Language) =>
    spec.values
      .map((value) =>
        message("overlayValueItem", language, {
          year: value.year,
          label: labelOf(base, value.name, language),
          value: value.value,
        }),
      )
      .join(message("listSeparator", language));
  const described = (language: Language) =>
    message("overlayDescription", language, {
      name: spec.name,
      extends: spec.extends,
      values: listed(language),
      source: spec.source,
      status: message(STATUS_TEXT[spec.status], language),
    });
  const parameters: Record<string, unknown> = { ...schema("parameters") };
  for (const name of [...new Set(spec.values.map((value) => value.name))]) {
    parameters[name] = {
      merge: "addValues",
      values: spec.values
        .filter((value) => value.name === name)
        .sort((a, b) => a.year.localeCompare(b.year))
        .map((value) => ({
          from: `${value.year}-01-01`,
          until: `${value.year}-12-31`,
          value: value.value,
          source: {
            document: spec.source,
            ...(spec.status === "provisional" ? { note: message("overlayProvisionalNote", spec.language) } : {}),
          },
          status: spec.status,
        })),
    };
  }
  return {
    "ruleset.json": json({
      ...schema("ruleset"),
      id: spec.id,
      version: spec.version,
      extends: spec.extends,
      description: { zh: described("zh"), en: described("en") },
    }),
    "parameters.json": json(parameters),
  };
}

/**
 * The example rule test: a general household of three whose per-capita net income is 90% of the
 * threshold in force on YEAR-06-30, with an accident that March — identified under that
 * threshold. `region` is the base rule set's, where it names one.
 */
export function exampleTestFile(spec: OverlaySpec, base: RuleSet, year: string, threshold: string): string {
  const wage = new Decimal(threshold).times(3).times("0.9").toDecimalPlaces(0, Decimal.ROUND_DOWN);
  const perCapita = formatMoney(wage.dividedBy(3));
  const province = base.region?.province ?? "000000";
  const born = (age: number, monthDay: string) => `${Number(year) - age}-${monthDay}`;
  const member = (id: string, birthDate: string, sex: string, relation: string, labor: string, schooling: string) => ({
    id,
    birthDate,
    sex,
    relation,
    labor,
    illness: "none",
    disabilityLevel: null,
    schooling,
    schoolExempt: false,
    medicalInsurance: "resident",
    socialAssistance: [],
  });
  const test = {
    name: `example-${year}-identify`,
    description: message("overlayExampleDescription", spec.language, {
      year,
      income: perCapita,
      threshold: formatMoney(threshold),
    }),
    asOf: `${year}-06-30`,
    household: {
      id: "EXAMPLE-01",
      region: { province, county: base.region?.county ?? province },
      householdType: "general",
      members: [
        member("M1", born(46, "03-10"), "male", "head", "ordinary", "none"),
        member("M2", born(44, "08-21"), "female", "spouse", "ordinary", "none"),
        member("M3", born(10, "09-01"), "female", "child", "none", "primary"),
      ],
      income: {
        periodEnd: `${year}-05-31`,
        wage: wage.toFixed(0),
        business: "0",
        property: "0",
        transfer: "0",
        productionCost: "0",
      },
      livingConditions: {
        food: true,
        clothing: true,
        housing: { safetyLevel: "A" },
        water: {
          litersPerPersonPerDay: 60,
          waterScarceArea: false,
          qualityOk: true,
          pipedIn: true,
          fetchMinutes: 0,
          interruptionDaysPerYear: 2,
        },
      },
      events: [{ type: "accident", date: `${year}-03-02`, loss: "8000" }],
    },
    expect: { flag: "identify", figures: { threshold: formatMoney(threshold) } },
  };
  return json({ ...(spec.schema ? { $schema: spec.schema("rule-test", 1) } : {}), tests: [test] });
}

/**
 * The overlay's files before they are written: read from memory, with `extends` resolved against
 * the folder they will be written to, so the overlay is checked exactly as it will load.
 */
export function draftFiles(dir: string, files: Readonly<Record<string, string>>): RuleSetFiles {
  const inMemory = memoryFiles(files);
  const root = resolve(dir);
  const onDisk = directoryFiles(root);
  return {
    ...inMemory,
    label: onDisk.label,
    display: (path) => onDisk.display(path),
    relative: (target) => directoryFiles(resolve(root, target)),
  };
}
