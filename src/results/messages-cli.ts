/**
 * Messages of the `dixian` command line: usage errors, rejections, summaries, `validate` and
 * `test` output, progress. Placeholders are `{name}`; options and commands stay as typed.
 */
export const CLI_MESSAGES = {
  usageHint: { zh: '运行 "dixian {command} --help" 查看用法。', en: 'Run "dixian {command} --help" for usage.' },
  unknownCommand: { zh: '未知命令 "{command}"', en: 'unknown command "{command}"' },
  unknownOption: { zh: "未知选项 {option}", en: "unknown option {option}" },
  optionNeedsValue: { zh: "选项 {option} 需要一个取值", en: "option {option} needs a value" },
  optionTakesNoValue: { zh: "选项 {option} 不带取值", en: "option {option} takes no value" },
  unexpectedArgument: { zh: '多余的参数 "{argument}"', en: 'unexpected argument "{argument}"' },
  badArguments: { zh: "参数有误：{detail}", en: "bad arguments: {detail}" },
  optionRequired: { zh: "缺少必需的选项 {option}", en: "{option} is required" },
  optionOneOf: {
    zh: '{option} 须为 {allowed} 之一，不能是 "{value}"',
    en: '{option} must be one of {allowed}, not "{value}"',
  },
  exactlyOneInput: {
    zh: "请给出一个{what}，或用 - 表示标准输入",
    en: "give exactly one {what}, or - for standard input",
  },
  whatInput: { zh: "输入文件", en: "input" },
  whatHouseholds: { zh: "农户数据文件", en: "households input" },
  whatHouseholdFile: { zh: "农户文件", en: "household file" },
  inputNotFound: { zh: "找不到输入：{path}", en: "input not found: {path}" },
  notFound: { zh: "找不到：{path}", en: "not found: {path}" },
  badWorkers: {
    zh: '--workers 须为 1 到 256 的整数，不能是 "{value}"',
    en: '--workers must be a whole number from 1 to 256, not "{value}"',
  },
  folderWithoutTables: {
    zh: "{path} 是文件夹但没有 households.csv：请给出文件，或存放县级表格的文件夹",
    en: "{path} is a folder without households.csv: give a file, or a folder of county tables",
  },
  optionProblem: { zh: "{option}：{problem}", en: "{option}: {problem}" },
  householdsCount: { zh: "--households 须为整数", en: "--households must be a whole number" },
  seedRange: { zh: "--seed 须为 0 到 2^31 的整数", en: "--seed must be a whole number from 0 to 2^31" },
  atLeastOneRuleSet: { zh: "请至少给出一个规则集目录", en: "give at least one rule-set directory" },
  atLeastOneTestPath: {
    zh: "请至少给出一个规则集目录或测试文件",
    en: "give at least one rule-set directory or test file",
  },
  noTestFiles: { zh: "在 {paths} 中没有找到测试文件", en: "no test files found in {paths}" },
  oneResultsFile: { zh: "请给出一个结果文件", en: "give one results file" },
  outNotFolder: { zh: "--out {dir} 不是文件夹", en: "--out {dir} is not a folder" },
  cannotCreateOut: { zh: "无法创建 --out {dir}：{detail}", en: "cannot create --out {dir}: {detail}" },
  resultLineProblem: { zh: "{path} 第 {line} 行：{problem}", en: "{path} line {line}: {problem}" },
  notJsonResult: { zh: "{path} 第 {line} 行：不是 JSON 格式的结果", en: "{path} line {line}: not a JSON result" },
  tableChoice: {
    zh: "取值 {value} 无效，应为以下之一：{labels}（也可写代码：{codes}）",
    en: "{value} is not valid: write one of the Chinese labels {labels}, or a code: {codes}",
  },
  tableWaterPartial: {
    zh: "饮水情况的六列（人均日供水量、缺水地区、水质达标、自来水入户、取水往返分钟、年停水天数）须全部填写，或全部不填（饮水安全记为未知）；这一行缺：{columns}",
    en: "the six water columns (waterLitersPerPersonPerDay, waterScarceArea, waterQualityOk, waterPipedIn, waterFetchMinutes, waterInterruptionDaysPerYear) are filled all or none (water then unknown); this row lacks: {columns}",
  },
  reportNeedsOut: {
    zh: "--report 需要 --out：报告按写出的结果文件生成",
    en: "--report needs --out: the report is made from the results file written",
  },
  badDays: {
    zh: "--days 须为 0 到 366 的整数，现为 {value}",
    en: "--days must be a whole number from 0 to 366, not {value}",
  },
  resultsFormatUnknown: {
    zh: "无法读取 {path}：请给出 dixian screen 写出的结果——NDJSON 或 JSON（默认格式），或 CSV（--format csv）、XLSX（--format xlsx）表格，中文或英文表头均可",
    en: "cannot read {path}: give results written by dixian screen — NDJSON or JSON (the default), or the CSV (--format csv) or XLSX (--format xlsx) table, with Chinese or English headers",
  },
  resultsSheetMissing: {
    zh: "{path} 中没有结果工作表（{sheets}）：请给出 dixian screen --format xlsx 写出的工作簿",
    en: "{path} has no results sheet ({sheets}): give a workbook written by dixian screen --format xlsx",
  },
  resultsHeaderUnknown: {
    zh: "{path} 第 {line} 行：不是 dixian screen 写出的结果表头（至少要有户编号、状态、标记三列）",
    en: "{path} line {line}: not the header of results written by dixian screen (householdId, status and flag at least)",
  },
  resultsRowUnreadable: {
    zh: "{path} 第 {line} 行：无法读取“{what}”列，请使用 dixian screen 写出的原样文件",
    en: "{path} line {line}: cannot read the {what} column; give the file as dixian screen wrote it",
  },
  notRejection: {
    zh: "{where}：不是 dixian screen --rejects 写出的不合格记录",
    en: "{where}: not a rejection written by dixian screen --rejects",
  },
  notScreeningResult: {
    zh: '{where}：不是筛查结果（请先运行 "dixian screen"）',
    en: '{where}: not a screening result (run "dixian screen" first)',
  },
  giveExport: {
    zh: "请给出导出数据的文件夹或其中的 households.csv",
    en: "give the export folder or its households.csv",
  },
  outputIsFolder: { zh: "{path} 是文件夹，不是文件", en: "{path} is a folder, not a file" },
  outputClashes: {
    zh: "{label} {path} 与 {otherLabel} {otherPath} 是同一个文件：请换一个文件",
    en: "{label} {path} is the same file as {otherLabel} {otherPath}: give another file",
  },
  cannotWrite: { zh: "无法写入 {target}：{detail}", en: "cannot write {target}: {detail}" },
  cannotWriteKept: {
    zh: "无法写入 {target}：{detail}；原有文件未改动",
    en: "cannot write {target}: {detail}; any previous file is unchanged",
  },
  writeFailureCode: { zh: "{code}（{reason}）", en: "{code} ({reason})" },
  writeENOSPC: { zh: "磁盘空间不足", en: "no space left on the disk" },
  writeEDQUOT: { zh: "超出磁盘配额", en: "disk quota exceeded" },
  writeEFBIG: { zh: "文件超过系统允许的大小", en: "file larger than the system allows" },
  writeEACCES: { zh: "没有写入权限", en: "permission denied" },
  writeEPERM: { zh: "不允许写入", en: "operation not permitted" },
  writeEROFS: { zh: "只读文件系统", en: "read-only file system" },
  writeENOENT: { zh: "文件夹不存在", en: "the folder does not exist" },
  writeENOTDIR: { zh: "路径中有一段不是文件夹", en: "a part of the path is not a folder" },
  writeEIO: { zh: "读写设备出错", en: "input/output error" },
  reportDuplicateIds: {
    zh: "{path}：户编号 {ids} 出现多次（{lines}）：同一户会被计算两次；请去掉重复的结果后再试",
    en: "{path}: household ids {ids} occur more than once ({lines}): a household would be counted twice; remove the repeated results and try again",
  },
  reportDuplicateIdLines: { zh: "{id} 在第 {lines} 行", en: "{id} on lines {lines}" },
  unexpectedError: { zh: "意外错误：{detail}", en: "unexpected error: {detail}" },
  rejectedLine: { zh: "未通过校验 {where}{who}：{issues}", en: "rejected {where}{who}: {issues}" },
  whereLine: { zh: "第 {line} 行", en: "line {line}" },
  whereIndex: { zh: "第 {index} 项（从 0 数起）", en: "index {index}" },
  whoId: { zh: "（户编号 {id}）", en: " (id {id})" },
  screenSummary: {
    zh: "dixian screen：读取 {read} 户，筛查 {screened} 户，不合格 {rejected} 户（{ruleSet} {hash}，评估日 {asOf}）",
    en: "dixian screen: read {read}, screened {screened}, rejected {rejected} ({ruleSet} {hash}, as of {asOf})",
  },
  validateOk: {
    zh: "通过 {dir}：{id} {version}（{layers}），{rules} 条规则，{hash}",
    en: "ok {dir}: {id} {version} ({layers}), {rules} rules, {hash}",
  },
  parameterNotInForceOn: {
    zh: "参数 {name} 在 {asOf} 没有生效取值：该日的筛查会失败",
    en: 'parameter "{name}" has no value in force on {asOf}: screening on that date fails',
  },
  validateWarning: {
    zh: '{location}：警告：参数 {name} = {value}（{from} 起）的状态为 "{status}"，不是 "confirmed"（已证实）',
    en: '{location}: warning: parameter {name} = {value} (from {from}) has status "{status}", not "confirmed"',
  },
  testFailed: { zh: "失败 {file} › {name}", en: "FAIL {file} › {name}" },
  testExpected: { zh: "期望：", en: "expected:" },
  testActual: { zh: "实际：", en: "actual:  " },
  testSummary: { zh: "通过 {passed} 个，失败 {failed} 个", en: "{passed} passed, {failed} failed" },
  coverageAll: {
    zh: "覆盖：规则集自己写的每条规则都被触发过（共 {count} 条）",
    en: "coverage: every rule fired ({count} rules written in the rule sets themselves)",
  },
  coverageMissing: {
    zh: "覆盖：规则集自己写的规则中有 {count} 条没有被任何用例触发：",
    en: "coverage: {count} rule(s) written in the rule sets themselves no test fired:",
  },
  coverageInherited: {
    zh: "覆盖：{ruleSet} 继承的规则中有 {count} 条没有被这些用例触发（由上级规则集的测试负责，不算失败）：{rules}",
    en: "coverage: {count} rule(s) {ruleSet} inherits no test here fired (the base rule sets' own tests cover them; not a failure): {rules}",
  },
  coverageWithoutValue: {
    zh: "覆盖：{count} 条规则因可选参数没有取值而从未适用：{rules}",
    en: "coverage: {count} rule(s) never applied, an optional parameter having no value: {rules}",
  },
  progressHouseholds: { zh: "户", en: "households" },
  progressRate: { zh: "户/秒", en: "households/s" },
  progressEta: { zh: "剩余", en: "ETA" },
  tableUnknownColumn: {
    zh: '{file}：未知的列 "{header}"（见 docs/tables.md）',
    en: '{file}: unknown column "{header}" (see docs/tables.md)',
  },
  tableUnknownColumnNear: {
    zh: '{file}：未知的列 "{header}"；你是否想写 "{closest}"？（见 docs/tables.md）',
    en: '{file}: unknown column "{header}"; did you mean "{closest}"? (see docs/tables.md)',
  },
  tableMissingColumn: { zh: '{file}：缺少列 "{en}"（{zh}）', en: '{file}: missing column "{en}" ({zh})' },
  workbookUnreadable: {
    zh: "{file} 不是可读的 .xlsx 工作簿：{detail}",
    en: "{file} is not a readable .xlsx workbook: {detail}",
  },
  workbookSheetsMissing: {
    zh: "{file} 须有名为 households（或 户）和 members（或 成员）的工作表，现有：{sheets}",
    en: "{file} needs sheets named households (or 户) and members (or 成员); it has: {sheets}",
  },
  workbookTooLarge: {
    zh: "{file} 有 {size} 字节，超过工作簿上限 {limit} 字节；请把表格拆成几个工作簿，或另存为 CSV",
    en: "{file} is {size} bytes, more than the {limit} a workbook may have; split it, or save the tables as CSV",
  },
  workbookXmlTooLarge: {
    zh: "{file} 解压后有 {size} 字节，超过上限 {limit} 字节（{entry}）；请把表格拆成几个工作簿，或另存为 CSV",
    en: "{file} unpacks to {size} bytes, more than the {limit} allowed ({entry}); split it, or save the tables as CSV",
  },
  workbookTooManyEntries: {
    zh: "{file} 含 {count} 个文件，超过上限 {limit} 个：不是普通的表格工作簿",
    en: "{file} holds {count} files, more than the {limit} allowed: not a plain table workbook",
  },
  workbookRowsLimit: {
    zh: "{sheet}：第 {row} 行超过上限 {limit} 行（单元格 {ref}）；请删除表格下方多余的行或拆分表格",
    en: "{sheet}: row {row} is past the limit of {limit} rows (cell {ref}); delete the rows below the table or split it",
  },
  workbookColumnsLimit: {
    zh: "{sheet}：第 {column} 列超过上限 {limit} 列（单元格 {ref}）；请删除表格右侧多余的列",
    en: "{sheet}: column {column} is past the limit of {limit} columns (cell {ref}); delete the columns right of the table",
  },
  workbookUsedRangeLimit: {
    zh: "{sheet}：已用区域 {range} 有 {cells} 个单元格，超过上限 {limit} 个；请删除表格下方和右侧多余的行列",
    en: "{sheet}: the used range {range} spans {cells} cells, more than the {limit} allowed; delete the rows and columns beyond the table",
  },
  workbookSheetsTwice: {
    zh: '{file}：工作表 "{first}" 和 "{second}" 都可作为 {table} 表，无法确定用哪一个；请删除或改名其中一个',
    en: '{file}: sheets "{first}" and "{second}" could both be the {table} table; delete or rename one of them',
  },
  workbookFormulaNoValue: {
    zh: "{file}：公式没有保存计算结果，无法读取其值：{cells}；请在 Excel 或 WPS 中打开工作簿、重新计算并保存后再试",
    en: "{file}: formulas without a saved result cannot be read: {cells}; open the workbook in Excel or WPS, recalculate and save it, then try again",
  },
  workbookErrorValue: {
    zh: "{file}：单元格的值是错误值，无法读取：{cells}；请改正后再试",
    en: "{file}: cells hold error values that cannot be read: {cells}; correct them and try again",
  },
  workbookCellList: { zh: "{sheet} {ref}{detail}", en: "{sheet} {ref}{detail}" },
  workbookMoreCells: { zh: " 等共 {count} 个", en: " and more, {count} in all" },
  workbookMergedCells: {
    zh: "{file}：工作表 {sheet} 有合并单元格 {ranges}：合并区域中只有左上角单元格有值，其余各行的值无从得知；请取消合并并填写每一行后再试",
    en: "{file}: sheet {sheet} has merged cells {ranges}: only the top-left cell of a merged range holds a value, so the other rows' values are unknown; unmerge and fill in every row, then try again",
  },
  formulaValueNote: {
    zh: "{where}（单元格 {ref}）的值取自公式 ={formula} 在文件中保存的计算结果；若工作簿未重新计算，该值可能已过期",
    en: "{where} (cell {ref}) is the result of the formula ={formula} as saved in the file; it may be stale if the workbook was not recalculated",
  },
  encodingAmbiguous: {
    zh: "{file} 既可按 UTF-8 也可按 GB18030 读取，两种读法的文字不同（第 {line} 行：UTF-8 读作 {utf8}，GB18030 读作 {gb18030}）；请用 --encoding utf8 或 --encoding gb18030 指明文件的编码",
    en: "{file} reads as UTF-8 and as GB18030 alike, with different text (line {line}: UTF-8 gives {utf8}, GB18030 gives {gb18030}); name its encoding with --encoding utf8 or --encoding gb18030",
  },
  tableFileMissing: { zh: "{members} 不在 {households} 旁边", en: "{members} is missing beside {households}" },
  tableHouseholdMissing: { zh: '户 "{id}" 不在 {households} 中', en: 'household "{id}" is not in {households}' },
  tableRow: { zh: "{file} 第 {row} 行", en: "{file} row {row}" },
  tableColumn: { zh: " {zh}（{en}）列", en: " column {en} ({zh})" },
  tableColumns: { zh: " {columns} 列", en: " columns {columns}" },
  tableFileProblem: { zh: "{file}：{problem}", en: "{file}: {problem}" },
  tableColumnTwice: {
    zh: '{file}：列 {en}（{zh}）出现两次（第 {first} 列 "{firstHeader}" 和第 {second} 列 "{secondHeader}"）',
    en: '{file}: column {en} ({zh}) is given twice (column {first} "{firstHeader}" and column {second} "{secondHeader}")',
  },
  tableRaggedRow: {
    zh: "有 {cells} 个单元格，表头有 {columns} 列（行不完整或多出单元格）",
    en: "has {cells} cells where the header has {columns} (a cut-off or ragged row)",
  },
  tableDuplicateId: {
    zh: '户编号 "{id}" 在 {households} 中出现多次（第 {rows} 行），成员与事件无法对应到户',
    en: 'household id "{id}" is given more than once in {households} (rows {rows}), so its members and events cannot be joined',
  },
  anonymizeDuplicateId: {
    zh: '户编号 "{id}" 出现多次（第 {rows} 行）',
    en: 'household id "{id}" is given more than once (rows {rows})',
  },
  documentTooLarge: {
    zh: "JSON 文档超过 {bytes} 字节：请改用 NDJSON，每行一户",
    en: "JSON document larger than {bytes} bytes: give households as NDJSON, one per line",
  },
  residentIdFormat: { zh: "须为 17 位数字加 1 位校验码（数字或 X）", en: "must be 17 digits and a check digit or X" },
  residentIdCheckDigit: { zh: "校验码不符（GB 11643）", en: "check digit does not match (GB 11643)" },
  residentIdBirthDate: {
    zh: "出生日期 {birthDate} 不是真实存在的日期",
    en: "birth date {birthDate} is not a real date",
  },
  saltTooShort: {
    zh: "盐（--salt）至少 8 个字符，并须保密",
    en: "the salt must be at least 8 characters, and kept secret",
  },
  anonymizeRowError: { zh: "错误 {source}：{problem}", en: "error {source}: {problem}" },
  inputNotJsonAt: {
    zh: "输入不是有效的 JSON：第 {line} 行第 {column} 列：{detail}",
    en: "input is not valid JSON at line {line}, column {column}: {detail}",
  },
  inputNotJson: { zh: "输入不是有效的 JSON：{detail}", en: "input is not valid JSON: {detail}" },
} as const;
