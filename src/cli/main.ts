import { DixianError, formatLocation } from "../errors.js";
import { message, renderText, type MessageId, type Language } from "../messages/catalogue.js";
import { didYouMean } from "../messages/suggestion.js";
import { InputFormatError } from "../sources/read-households.js";
import { EXIT, OutputError, UsageError, write, writeText, type CliIo } from "./io.js";
import { cliLanguage, usageText } from "./options.js";
import { screenCommand } from "./screen-command.js";
import { serveCommand } from "./serve-command.js";
import { anonymizeCommand } from "./anonymize-command.js";
import { diffCommand } from "./diff-command.js";
import { explainCommand } from "./explain-command.js";
import { generateCommand } from "./generate-command.js";
import { initOverlayCommand } from "./init-overlay-command.js";
import { reportCommand } from "./report-command.js";
import { worklistCommand } from "./worklist-command.js";
import { testCommand } from "./test-command.js";
import { validateCommand } from "./validate-command.js";

const HELP = `Usage: dixian <command> [options]

Commands:
  screen     screen households with a rule set                 按规则集筛查农户
  validate   check rule-set directories                        校验规则集
  init-overlay  a county overlay with a year's values (2026)     建立县级规则集（补充某年取值）
  test       run rule tests written as data                    运行规则测试
  explain    explain one household's screening, rule by rule   逐条解释一户的筛查
  report     monthly analysis of results: report.json and .html 月度分析报告
  worklist   this week's work by village, from results         本周工作清单
  diff       compare a population under two rule sets or dates 比较两套规则或两个日期的筛查结果
  generate   write a seeded synthetic population               生成模拟农户数据
  anonymize  county export with personal data → fixtures       导出数据匿名化
  serve      HTTP service screening with one rule set          以 HTTP 服务提供筛查

Run "dixian <command> --help" for a command's options.`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  screen: screenCommand,
  validate: validateCommand,
  test: testCommand,
  "init-overlay": initOverlayCommand,
  explain: explainCommand,
  generate: generateCommand,
  diff: diffCommand,
  report: reportCommand,
  worklist: worklistCommand,
  anonymize: anonymizeCommand,
  serve: (args, io) => serveCommand(args, io),
};

const WRITE_REASONS: Record<string, MessageId> = {
  ENOSPC: "writeENOSPC",
  EDQUOT: "writeEDQUOT",
  EFBIG: "writeEFBIG",
  EACCES: "writeEACCES",
  EPERM: "writeEPERM",
  EROFS: "writeEROFS",
  ENOENT: "writeENOENT",
  ENOTDIR: "writeENOTDIR",
  EIO: "writeEIO",
};

/** Why an output could not be written, in words: `ENOSPC（磁盘空间不足）`; the system's own text otherwise. */
function writeFailure(error: OutputError, language: Language): string {
  const reason = error.code ? WRITE_REASONS[error.code] : undefined;
  return reason
    ? message("writeFailureCode", language, { code: error.code!, reason: message(reason, language) })
    : error.detail;
}

/**
 * Runs the command line and returns the exit status. Every failure becomes a message on standard
 * error, never a stack trace, in the language of `--lang` (Chinese by default); error codes are
 * the same in both.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  const language = cliLanguage(args);
  if (!command || command === "--help" || command === "-h" || command === "help") {
    await write(command ? io.stdout : io.stderr, HELP + "\n");
    return command ? EXIT.ok : EXIT.failure;
  }
  const run = COMMANDS[command];
  if (!run) {
    const problem =
      message("unknownCommand", language, { command }) + didYouMean(command, Object.keys(COMMANDS), language, String);
    await writeText(io.stderr, `dixian: ${problem}\n\n${HELP}\n`);
    return EXIT.failure;
  }
  try {
    return await run(args, io);
  } catch (error) {
    const colon = message("colon", language);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      const text = error instanceof UsageError ? usageText(error, language) : (error as Error).message;
      await writeText(
        io.stderr,
        `dixian ${command}: E_USAGE: ${text}\n${message("usageHint", language, { command })}\n`,
      );
    } else if (error instanceof DixianError) {
      const details =
        error.problems.length > 1 || (error.problems[0] && !error.message.includes(error.problems[0].message))
          ? "\n" + error.problems.map((p) => `  ${formatLocation(p)}${colon}${p.message}`).join("\n")
          : "";
      await writeText(io.stderr, `dixian ${command}: ${error.code}: ${error.message}${details}\n`);
    } else if (error instanceof OutputError) {
      if (error.code === "EPIPE") return EXIT.ok; // the reader stopped reading (e.g. `| head`): nothing more to say
      await writeText(
        io.stderr,
        `dixian ${command}: E_OUTPUT_WRITE: ${message("cannotWriteKept", language, { target: error.target, detail: writeFailure(error, language) })}\n`,
      ).catch(() => undefined);
    } else if ((error as NodeJS.ErrnoException)?.code === "EPIPE") {
      return EXIT.ok;
    } else if (error instanceof InputFormatError) {
      await writeText(
        io.stderr,
        `dixian ${command}: ${error.code}: ${error.text ? renderText(error.text, language) : error.message}\n`,
      );
    } else {
      await writeText(
        io.stderr,
        `dixian ${command}: ${message("unexpectedError", language, { detail: (error as Error)?.message ?? String(error) })}\n`,
      );
    }
    return EXIT.failure;
  }
}
