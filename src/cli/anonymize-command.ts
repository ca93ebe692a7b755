import { existsSync } from "node:fs";
import { anonymizeExport } from "../population/anonymize.js";
import { refuseClashingPaths } from "./atomic-output.js";
import { inputFiles } from "../sources/input-files.js";
import { EXIT, openOutput, UsageError, withOutputs, write, type CliIo } from "./io.js";
import { printableValue } from "../results/printable.js";
import { message } from "../messages/catalogue.js";
import { LANGUAGES, oneOf, parseOptions } from "./options.js";
import { TABLE_ENCODINGS } from "../sources/table-decode.js";

export const ANONYMIZE_HELP = `Usage: dixian anonymize --salt SECRET [--out FILE] <export folder, its households.csv, or an .xlsx workbook>

Turns a county export with personal data (households.csv, members.csv, optional events.csv; see
docs/tables.md) into data-contract households (NDJSON) for fixtures: household ids become salted
hashes, member ids M1, M2, ...; 18-digit resident ID numbers are checked (GB 11643 check digit) and
reduced to birth date and sex; names, phone numbers and addresses are dropped. A bad ID number is an
error naming its file and row, and that household is left out.
把含个人信息的导出数据转为匿名农户数据：编号加盐哈希，身份证号校验后只保留出生日期和性别，删除姓名、电话、住址。

Options:
  --salt SECRET   secret salt for the id hashes (at least 8 characters; keep it private)
  --out FILE      write to FILE instead of standard output
  --encoding ENC  utf8 or gb18030 (default: detected)  表格编码（默认自动识别）
  --lang zh|en    language of messages (default zh)

Exit status: 0 all rows anonymized; 1 some rows had errors; 2 bad arguments or files.`;

/** `dixian anonymize`: county export → anonymized contract households. */
export async function anonymizeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    salt: { type: "string" },
    out: { type: "string" },
    lang: { type: "string", default: "zh" },
    encoding: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    await write(io.stdout, ANONYMIZE_HELP + "\n");
    return EXIT.ok;
  }
  const language = oneOf(values.lang, "--lang", LANGUAGES);
  const salt = values.salt;
  if (!salt) throw new UsageError("optionRequired", { option: "--salt SECRET" });
  if (positionals.length !== 1 || !existsSync(positionals[0]!)) throw new UsageError("giveExport");
  if (values.out)
    refuseClashingPaths(
      inputFiles(positionals[0]!).map((path) => ({ label: "input", path })),
      [{ label: "--out", path: values.out }],
    );
  const encoding = values.encoding === undefined ? undefined : oneOf(values.encoding, "--encoding", TABLE_ENCODINGS);
  const output = await openOutput(values.out, io.stdout);
  let failed = 0;
  await withOutputs([output], async () => {
    for await (const item of anonymizeExport(positionals[0]!, salt, { language, encoding })) {
      if (item.ok) await write(output.stream, JSON.stringify(item.household) + "\n");
      else {
        failed++;
        await write(
          io.stderr,
          printableValue(message("anonymizeRowError", language, { source: item.source, problem: item.message })) + "\n",
        );
      }
    }
  });
  return failed ? EXIT.rejected : EXIT.ok;
}
