import { policyBookHtml } from "../book/book-html.js";
import { calendarDateIssue } from "../input/calendar-date.js";
import { writeFileAtomically } from "./atomic-output.js";
import { EXIT, UsageError, write, type CliIo } from "./io.js";
import { LANGUAGES, oneOf, parseOptions, required } from "./options.js";
import { loadRuleSetArgument, SET_HELP, SET_OPTION, setOverrides } from "./rule-set-arg.js";

export const BOOK_HELP = `Usage: dixian book --rules <rule-set dir> --out FILE.html [--as-of YYYY-MM-DD] [--lang zh|en]

Writes the policy book of a rule set as one self-contained HTML file (no script, prints on A4), for
a county to review and archive: every parameter with its dated values, source and status (the
values in force on --as-of marked); every figure of the income accounting as a formula in words;
every named condition and rule as a sentence ("如果 … 且 … 则 …"), by stage in the order they are
decided, with rules that differ only in some values shown as one decision table; the catalogues of
risk types, 3+1 items and measures; and the rule-set hash. The same rule set and date give the
same file; the workbench page shows the same book.
把规则集写成一本可读的规则手册（单个 HTML 文件，可打印存档）。

Options:
  --rules DIR          rule-set directory, or builtin:NAME (builtin:yunnan)  规则集目录
  --out FILE           the HTML file to write (written whole or not at all)  输出文件
  --as-of DATE         mark the values in force on DATE                     标出该日生效的取值
  --lang zh|en         language of the book (default Chinese)               语言（默认中文）
${SET_HELP}
  -h, --help           show this help`;

/** `dixian book`: the policy book of a rule set, as an HTML file. */
export async function bookCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rules: { type: "string" },
    out: { type: "string" },
    "as-of": { type: "string" },
    lang: { type: "string", default: "zh" },
    set: SET_OPTION,
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, BOOK_HELP + "\n");
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError("unexpectedArgument", { argument: positionals[0]! });
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const rulesArgument = required(values.rules, "--rules <rule-set dir>");
  const out = required(values.out, "--out FILE.html");
  const asOf = values["as-of"];
  const dateIssue = asOf === undefined ? null : calendarDateIssue(asOf);
  if (dateIssue)
    throw new UsageError("optionProblem", { option: "--as-of", problemId: dateIssue.id, ...dateIssue.values });
  const ruleSet = loadRuleSetArgument(rulesArgument, setOverrides(values.set, "--set", language), language);
  writeFileAtomically(out, policyBookHtml(ruleSet, { language, asOf: asOf ?? null }));
  await write(io.stdout, out + "\n");
  return EXIT.ok;
}
