/**
 * Messages about rule-set and rule-test files: JSON syntax, schema, references, layering,
 * parameters in force. Placeholders are `{name}`; ids, fields and codes stay as written in the files.
 */
export const RULE_SET_MESSAGES = {
  overrideNotNameValue: {
    zh: '{option} 的写法是 参数名=取值，不能是 "{text}"',
    en: '{option} takes NAME=VALUE (a parameter name, "=", its value), not "{text}"',
  },
  overrideTwice: {
    zh: '{option} {name} 给了两次（"{first}" 和 "{second}"）',
    en: '{option} {name} is given twice ("{first}" and "{second}")',
  },
  overrideUnknownParameter: {
    zh: '规则集 {ruleSet} 没有参数 "{name}"（已有参数：{known}）',
    en: 'rule set "{ruleSet}" has no parameter "{name}" (its parameters: {known})',
  },
  overrideBadValue: {
    zh: '参数 {name} 的取值应为{problem}，不能是 "{value}"',
    en: 'parameter "{name}" takes {problem}, not "{value}"',
  },
  invalidJson: { zh: "JSON 语法错误：{detail}", en: "invalid JSON: {detail}" },
  jsonEmptyFile: { zh: "文件是空的", en: "empty file" },
  jsonMissingComma: {
    zh: "第 {line} 行末尾缺少逗号（下一项从第 {nextLine} 行第 {nextColumn} 列开始）",
    en: "missing comma at the end of line {line} (the next item starts at line {nextLine}, column {nextColumn})",
  },
  jsonMissingCommaInLine: {
    zh: "第 {line} 行第 {nextColumn} 列之前缺少逗号",
    en: "missing comma on line {line} before column {nextColumn}",
  },
  jsonTrailingComma: {
    zh: "第 {line} 行第 {column} 列多了一个逗号：最后一项后面不能有逗号",
    en: "trailing comma at line {line}, column {column}: the last item takes no comma",
  },
  jsonInvalidSymbol: { zh: "无法识别的符号（字符串须用双引号）", en: "invalid symbol (strings take double quotes)" },
  jsonInvalidNumberFormat: { zh: "数字格式不对", en: "invalid number format" },
  jsonPropertyNameExpected: { zh: "此处应为用双引号括起的属性名", en: "property name expected" },
  jsonValueExpected: { zh: "此处应为一个值", en: "value expected" },
  jsonColonExpected: { zh: "属性名后缺少冒号", en: "colon expected" },
  jsonCommaExpected: { zh: "缺少逗号", en: "comma expected" },
  jsonCloseBraceExpected: { zh: "缺少右花括号 }", en: "closing brace } expected" },
  jsonCloseBracketExpected: { zh: "缺少右方括号 ]", en: "closing bracket ] expected" },
  jsonEndOfFileExpected: { zh: "文件应在此结束，后面还有多余的内容", en: "end of file expected" },
  jsonComment: { zh: "JSON 中不能写注释", en: "comments are not allowed" },
  jsonUnterminatedString: { zh: "字符串没有结束（缺少右引号）", en: "unterminated string" },
  jsonUnterminatedComment: { zh: "注释没有结束", en: "unterminated comment" },
  jsonUnexpectedEndOfNumber: { zh: "数字没有写完", en: "unexpected end of number" },
  jsonInvalidUnicode: { zh: "无效的 Unicode 转义", en: "invalid unicode escape" },
  jsonInvalidEscape: { zh: "无效的转义字符", en: "invalid escape character" },
  jsonInvalidCharacter: { zh: "字符串中有无效字符（如未转义的换行）", en: "invalid character in a string" },
  jsonSyntax: { zh: "语法错误", en: "syntax error" },
  duplicateKey: {
    zh: '重复的键 "{key}"：后一个会悄悄覆盖前一个',
    en: 'duplicate key "{key}": the last one would silently win',
  },
  jsonValueNotFinite: {
    zh: "{value} 不是 JSON 数值（JSON 中没有 NaN 和 Infinity，写出时会悄悄变成 null）",
    en: "{value} is not a JSON number (JSON has no NaN or Infinity; writing it would silently give null)",
  },
  jsonValueBigInt: {
    zh: "BigInt 值 {value} 不能写成 JSON：请写成数字，金额写成十进制文本",
    en: "the BigInt {value} cannot be written as JSON: give a number, or money as decimal text",
  },
  jsonValueCycle: {
    zh: "对象经由其中的值引用了自身（循环引用），不能写成 JSON",
    en: "the object contains itself (a cycle): not JSON",
  },
  jsonValueType: { zh: "{type} 不是 JSON 值", en: "a {type} is not a JSON value" },
  jsonValueUnreadable: { zh: "无法读取：{detail}", en: "cannot be read: {detail}" },
  fileNotUtf8: { zh: "文件不是有效的 UTF-8 编码文本", en: "the file is not valid UTF-8 text" },
  danglingSymlink: {
    zh: "符号链接指向的文件不存在：{target}",
    en: "symbolic link to something that does not exist: {target}",
  },
  fileTooLarge: { zh: "文件超过 {bytes} 字节", en: "file is larger than {bytes} bytes" },
  nestedTooDeep: { zh: "嵌套超过 {depth} 层", en: "nested more than {depth} levels deep" },
  cannotReadFile: { zh: "无法读取文件", en: "cannot read file" },
  cannotReadFileCode: { zh: "无法读取文件（{code}）", en: "cannot read file ({code})" },
  notARuleSet: { zh: "不是规则集：缺少 ruleset.json", en: "not a rule set: ruleset.json is missing" },
  ruleSetDirNotFound: { zh: "找不到规则集目录：{dir}", en: "rule set directory not found: {dir}" },
  extendsNotFound: {
    zh: '规则集 "{id}" 继承的 "{target}" 不是规则集目录',
    en: 'rule set "{id}" extends "{target}", which is not a rule set directory',
  },
  extendsCycle: { zh: "规则集相互继承，形成循环：{cycle}", en: "rule sets extend each other in a cycle: {cycle}" },
  extendsCycleHere: { zh: "extends 形成循环：{cycle}", en: "extends in a cycle: {cycle}" },
  tooManyLayers: { zh: "extends 超过 {max} 层", en: "more than {max} layers of extends" },
  duplicateId: { zh: '重复的 id "{id}"', en: 'duplicate id "{id}"' },
  duplicateRuleId: { zh: '重复的规则 id "{id}"', en: 'duplicate rule id "{id}"' },
  ruleTableUnknownColumn: {
    zh: '判定表 "{table}" 没有列 "{name}"（列写在 table.columns 中，行标识为 id）',
    en: 'decision table "{table}" has no column "{name}" (columns are declared in table.columns; the row id is id)',
  },
  ruleTableUnknownCell: {
    zh: '判定表 "{table}" 没有列 "{name}"：请先在 table.columns 中说明这一列',
    en: 'decision table "{table}" has no column "{name}": declare it in table.columns first',
  },
  ruleTableMissingCell: {
    zh: '判定表 "{table}" 的行 "{row}" 缺少列 "{name}"（该列没有 default）',
    en: 'row "{row}" of decision table "{table}" has no cell for column "{name}" (and the column has no default)',
  },
  ruleTableDuplicateRow: {
    zh: '判定表 "{table}" 中行标识 "{id}" 重复（第 {row} 行已用过）',
    en: 'decision table "{table}" has the row id "{id}" twice (row {row} has it already)',
  },
  ruleTableCellNotText: {
    zh: '判定表 "{table}" 的列 "{name}" 写在文字中，只能是文字或数字；列表或对象须单独作为一个值，写成 "{{{name}}}"',
    en: 'column "{name}" of decision table "{table}" is put into a text, so it must be text or a number; a list or an object must be a whole value, written "{{{name}}}"',
  },
  ruleTableTooLarge: {
    zh: '判定表 "{table}" 展开后的规则过大（超过 {maximum} 个取值）：请缩小规则或表',
    en: 'decision table "{table}" makes rules too large (more than {maximum} values in all): make the rule or the table smaller',
  },
  ruleTableTooManyRules: {
    zh: "本文件的规则（含判定表各行）共 {count} 条，超过上限 {maximum} 条",
    en: "this file makes {count} rules (rows of decision tables included), more than the {maximum} allowed",
  },
  invalidRuleSet: { zh: "规则集有错误：\n{lines}", en: "invalid rule set:\n{lines}" },
  noShippedRuleSet: {
    zh: '没有名为 "{name}" 的内置规则集（内置：{shipped}）',
    en: 'no shipped rule set "{name}" (shipped: {shipped})',
  },
  shippedRulesMissing: {
    zh: "dixian 包中缺少内置规则集（rules/）",
    en: "the shipped rule sets (rules/) are missing from the dixian package",
  },
  identifierFormat: {
    zh: 'id 只能由字母、数字、"."、"_"、"-" 组成，并以字母开头',
    en: "ids are letters, digits, '.', '_' or '-', starting with a letter",
  },
  parametersNotObject: {
    zh: "parameters.json 须是以参数名为键的对象",
    en: "parameters.json must be an object of parameters by name",
  },
  ruleTableColumnFormat: {
    zh: '判定表的列名只能由字母、数字和 "_" 组成，并以字母开头',
    en: "table column names are letters, digits and '_', starting with a letter",
  },
  ruleTableRowIdFormat: {
    zh: '判定表的行标识只能由字母、数字、"_"、"-" 组成（不能有 "."）',
    en: "table row ids are letters, digits, '_' or '-' (no '.')",
  },
  parameterNameFormat: { zh: '参数名只能由字母、数字和 "_" 组成', en: "parameter names are letters, digits and '_'" },
  valuesOutOfOrder: {
    zh: 'values 须按 "from" 排序：{from} 排在了 {previous} 之后',
    en: 'values must be in order of "from": {from} comes after {previous}',
  },
  expectedDecimalText: { zh: "应为写成十进制文本的 {type} 值", en: "expected a {type} written as a decimal string" },
  expectedValueType: { zh: "应为 {type} 类型的值", en: "expected a {type}" },
  untilBeforeFrom: { zh: "until {until} 早于 from {from}", en: "until {until} is before from {from}" },
  twoValuesSameStart: { zh: "有两个取值都从 {from} 开始", en: "two values start on {from}" },
  periodOverlaps: {
    zh: "有效期与下一个取值（{from} 起）重叠",
    en: "period overlaps the next value, which starts {from}",
  },
  guaranteeMissing: {
    zh: '3+1 项目 "{item}" 须在 guarantees.json 中有目录条目',
    en: 'the 3+1 item "{item}" needs a catalogue entry in guarantees.json',
  },
  unknownNamedCondition: { zh: '未知的命名条件 "{name}"', en: 'unknown named condition "{name}"' },
  unknownFact: { zh: '未知的事实 "{name}"（见 docs/facts.md）', en: 'unknown fact "{name}" (see docs/facts.md)' },
  factTakesNoParam: { zh: '事实 "{fact}" 没有参数 {keys}', en: 'fact "{fact}" takes no param {keys}' },
  factParam: { zh: '事实 "{fact}" 的参数：{detail}', en: 'fact "{fact}" param: {detail}' },
  factParamsInvalid: { zh: '事实 "{fact}" 的参数无效', en: 'invalid params for fact "{fact}"' },
  unknownOperator: { zh: '未知的运算符 "{name}"', en: 'unknown operator "{name}"' },
  unsafePath: {
    zh: "只允许 $.a.b 或 $.list[0] 这样的简单路径",
    en: "only plain paths such as $.a.b or $.list[0] are allowed",
  },
  unknownParameter: { zh: '未知的参数 "{name}"', en: 'unknown parameter "{name}"' },
  parameterNotNumber: { zh: '参数 "{name}" 不是数值', en: 'parameter "{name}" is not a number' },
  conditionCycle: {
    zh: '命名条件 "{name}" 经由其他条件引用了自身',
    en: 'named condition "{name}" refers to itself through other conditions',
  },
  conditionsTooDeep: {
    zh: "条件嵌套 {depth} 层，超过上限 {maxDepth} 层：筛查时无法求值",
    en: "conditions nest {depth} levels deep, more than the {maxDepth} allowed: screening could not evaluate them",
  },
  conditionsTooDeepChain: {
    zh: "代入命名条件（{chain}）后条件嵌套 {depth} 层，超过上限 {maxDepth} 层：筛查时无法求值；请缩短命名条件的引用链",
    en: "with its named conditions in place ({chain}) the conditions nest {depth} levels deep, more than the {maxDepth} allowed: screening could not evaluate them; shorten the chain of named conditions",
  },
  conditionsTooMany: {
    zh: "代入命名条件后共有 {count} 个条件，超过上限 {maxCount} 个（经由 {chain}）：筛查时无法在合理时间内求值",
    en: "with its named conditions in place there are {count} conditions, more than the {maxCount} allowed (through {chain}): screening could not evaluate them in reasonable time",
  },
  eventNotInStage: {
    zh: '{stage} 阶段不能产生 "{event}" 事件（允许：{allowed}）',
    en: 'a "{event}" event cannot come from the {stage} stage (allowed: {allowed})',
  },
  unknownRiskType: { zh: '未知的风险类型 "{name}"', en: 'unknown risk type "{name}"' },
  unknownMeasureId: { zh: '未知的措施 "{name}"', en: 'unknown measure "{name}"' },
  unknownMeasureGroup: {
    zh: '措施分组 "{name}" 没有在 measures.json 的 groups 中定义',
    en: 'measure group "{name}" is not defined in the groups of measures.json',
  },
  unmetTextMissing: {
    zh: "“{rule}”的未满足条件会写进理由：请为这一条件写 unmet（不满足时的事实，如“人均纯收入 {perCapitaNetIncome} 元未高于监测标准 {param.threshold} 元”）",
    en: "the unmet conditions of {rule} are written as reasons: give this condition an unmet text (the failing fact, e.g. “per-capita net income {perCapitaNetIncome} not above the threshold {param.threshold}”)",
  },
  limitPlaceholderOnly: {
    zh: "{placeholder} 只能用于 limit（建议数量上限）规则的理由",
    en: "{placeholder} can only be used in the reason of a limit rule",
  },
  unknownRule: { zh: '未知的规则 "{name}"', en: 'unknown rule "{name}"' },
  placeholderUnknownParameter: { zh: "{placeholder} 中的参数不存在", en: "unknown parameter in {placeholder}" },
  placeholderUnknownFact: { zh: "{placeholder} 中的事实不存在", en: "unknown fact in {placeholder}" },
  placeholderParams: {
    zh: '{placeholder} 无法填入事实 "{fact}" 的参数',
    en: '{placeholder} cannot fill the params of fact "{fact}"',
  },
  mergeNotInherited: {
    zh: '参数 "{name}" 不是继承来的，没有可以追加取值的原参数',
    en: 'parameter "{name}" is not inherited, so there are no values to add to',
  },
  cannotDisable: {
    zh: '不能停用 "{id}"：本规则集没有继承它',
    en: 'cannot disable "{id}": the rule set does not inherit it',
  },
  cannotDisableRule: {
    zh: '不能停用规则 "{id}"：本规则集没有继承它',
    en: 'cannot disable rule "{id}": the rule set does not inherit it',
  },
  noSuchParameter: { zh: '规则集 "{ruleSet}" 没有参数 "{name}"', en: 'rule set "{ruleSet}" has no parameter "{name}"' },
  noParameterInForce: {
    zh: "规则集 {ruleSet} 的参数 {name} 在 {asOf} 没有生效的取值（已有取值：{known}）",
    en: 'rule set "{ruleSet}" has no value of parameter "{name}" in force on {asOf} (known values: {known})',
  },
  noValueInForceOn: { zh: "{asOf} 没有生效的取值", en: "no value in force on {asOf}" },
  doesNotCompile: {
    zh: '规则集 "{ruleSet}" 在 {asOf} 无法编译：\n{lines}',
    en: 'rule set "{ruleSet}" does not compile on {asOf}:\n{lines}',
  },
  hashMismatch: {
    zh: '规则集 "{id}" 的哈希为 {hash}，不是预期的 {expected}：规则已被修改',
    en: 'rule set "{id}" has hash {hash}, not the expected {expected}: its rules have changed',
  },
  badAsOf: { zh: '评估日 "{asOf}"：{problem}', en: 'as-of date "{asOf}": {problem}' },
  householdInvalid: { zh: "农户 {id} 数据有误：{issues}", en: "household {id} is invalid: {issues}" },
  noId: { zh: "（无编号）", en: "(no id)" },
  colon: { zh: "：", en: ": " },
  invalidTestFile: { zh: "测试文件 {file} 有错误", en: "invalid test file {file}" },
  testFileOutsideRuleSet: {
    zh: '{file}：没有给出 "ruleSet"，文件也不在规则集目录中',
    en: '{file}: no "ruleSet" given and the file is not inside a rule set',
  },
  expectedNoneOf: { zh: "不应出现 {ids}", en: "none of {ids}" },
  expectedReasonContaining: { zh: '含有 "{text}" 的理由', en: 'a reason containing "{text}"' },
  expectedReasonNotContaining: { zh: '没有含 "{text}" 的理由', en: 'no reason containing "{text}"' },
  expectedNoError: { zh: "没有错误", en: "no error" },
  fileOutsideRuleSet: {
    zh: "在规则集目录之外（是否是指向别处的符号链接？）",
    en: "is outside the rule set directory (a symlink pointing elsewhere?)",
  },
  notARegularFile: { zh: "不是普通文件", en: "is not a regular file" },
  memoryPathOutside: {
    zh: '规则集文件路径 "{path}" 在规则集之外',
    en: 'rule-set file path "{path}" is outside the rule set',
  },
  memoryPathOutsideHere: { zh: "路径在规则集之外", en: "path outside the rule set" },
  inMemoryLabel: { zh: "（内存中）", en: "(in memory)" },
  ruleSetFromJsonTakesObject: {
    zh: "ruleSetFromJson 需要一个对象：键为文件路径（ruleset.json、rules/flag.json 等），值为文件内容",
    en: "ruleSetFromJson takes an object mapping file paths (ruleset.json, rules/flag.json, …) to their contents",
  },
  unknownFileEntry: {
    zh: "{where}中有未知的文件：规则集只含 {known}（rules/ 中只放 *.json 规则文件）",
    en: "unknown file in {where}: a rule set holds {known} (rules/ holds only *.json rule files)",
  },
  unknownFolderEntry: {
    zh: "{where}中有未知的文件夹：规则集只含 {known}（rules/ 中只放 *.json 规则文件）",
    en: "unknown folder in {where}: a rule set holds {known} (rules/ holds only *.json rule files)",
  },
  unknownEntryInRuleSetDir: { zh: "规则集目录", en: "a rule-set directory" },
  unknownEntryInRulesFolder: { zh: "rules/ 文件夹", en: "rules/" },
  parameterTakesMoney: {
    zh: "金额：以元为单位、最多两位小数的十进制数，如 9000 或 9000.50",
    en: "money: a decimal amount in 元 with at most 2 places, such as 9000 or 9000.50",
  },
  parameterTakesDecimal: {
    zh: "写成十进制数的 {type} 值，如 0.5 或 2",
    en: "a {type} written as a decimal number, such as 0.5 or 2",
  },
  parameterTakesInteger: { zh: "整数", en: "a whole number" },
  parameterRangeMoney: {
    zh: "大于 0 的金额（0.01 至 999999999999999.99 元，最多两位小数）",
    en: "money greater than 0 (0.01 to 999999999999999.99 元, at most 2 places)",
  },
  parameterRangeRatio: { zh: "大于 0 的十进制数，如 0.5 或 1.5", en: "a decimal greater than 0, such as 0.5 or 1.5" },
  parameterRangeInteger: { zh: "不小于 0 的整数", en: "a whole number of at least 0" },
  parameterRangeNumber: { zh: "不小于 0 的数", en: "a number of at least 0" },
  parameterOutOfRange: {
    zh: "取值 {value} 不在允许范围内：应为{range}",
    en: "the value {value} is out of range: it must be {range}",
  },
  parameterTakesBoolean: { zh: "true 或 false", en: "true or false" },
  parameterTakesType: { zh: "{type} 类型的值", en: "a {type}" },
  supplyParameterValue: {
    zh: "。请在 {file} 中为该日期增加取值，或由县级规则集（extends 本规则集）提供，或用 --set {name}=取值 临时指定。",
    en: ". Add a value dated for {asOf} in {file}, supply one in a county overlay that extends this rule set, or give --set {name}=VALUE.",
  },
  supplyByInitOverlay: {
    zh: "。要按该日筛查，请先为本县建立县级规则集：{command}（写出 {folder}/，含取值、出处、状态和一个示例测试），再用 --rules {folder} 筛查；随 dixian 安装的规则集文件不要修改。只想试算可用 --set {name}=取值。",
    en: ". To screen that date, make a county overlay first: {command} (writes {folder}/ with the value, its source and status, and an example test), then screen with --rules {folder}; do not edit the rule-set files installed with dixian. For a what-if, give --set {name}=VALUE.",
  },
  supplyInNewOverlay: {
    zh: '。要按该日筛查，请建立继承 {base} 的县级规则集（可用 dixian init-overlay 建立），在它的 parameters.json 中用 "merge": "addValues" 为 {name} 增加适用于 {asOf} 的取值；随 dixian 安装的规则集文件不要修改。只想试算可用 --set {name}=取值。',
    en: '. To screen that date, make a county overlay that extends {base} (dixian init-overlay makes one) and add a value of {name} dated for {asOf} to its parameters.json with "merge": "addValues"; do not edit the rule-set files installed with dixian. For a what-if, give --set {name}=VALUE.',
  },
  supplyInOwnOverlay: {
    zh: '。请在本规则集的 {file} 中用 "merge": "addValues" 为 {name} 增加适用于 {asOf} 的取值（继承的规则集随 dixian 安装，不要修改），或用 --set {name}=取值 临时指定。',
    en: '. Add a value of {name} dated for {asOf} to this rule set\'s own {file} with "merge": "addValues" (the rule set it extends is installed with dixian: do not edit it), or give --set {name}=VALUE.',
  },
  initOverlayExample: {
    zh: 'dixian init-overlay 我的县 --extends {base} {option} {year}=取值 --source "文件名称及文号"',
    en: 'dixian init-overlay my-county --extends {base} {option} {year}=VALUE --source "document title and number"',
  },
  initOverlayFolder: { zh: "我的县", en: "my-county" },
  noValueInForcePackaged: {
    zh: "参数 {name} 在 {asOf} 没有生效的取值（此文件随 dixian 安装，不要修改；取值的提供办法见上）",
    en: 'no value of "{name}" in force on {asOf} (this file is installed with dixian: do not edit it; see above for how to supply a value)',
  },
  noValueInForceHere: {
    zh: "参数 {name} 在 {asOf} 没有生效的取值：请在此处增加带日期的取值，或由县级规则集提供，或用 --set {name}=取值 指定",
    en: 'no value of "{name}" in force on {asOf}: add a dated value here, in a county overlay, or give --set {name}=VALUE',
  },
  moneyUnsafeOperator: {
    zh: '运算符 "{operator}" 按 JavaScript 值比较数字（十进制文本按字符串比较），但{what}：请改用按精确十进制比较的 "{replacement}"',
    en: 'operator "{operator}" compares numbers as JavaScript values (decimal strings as text), but {what}: use "{replacement}", which compares exact decimals',
  },
  unsafeFactRatio: { zh: '事实 "{fact}" 是比率', en: 'fact "{fact}" is a ratio' },
  unsafeFactMoney: { zh: '事实 "{fact}" 是金额', en: 'fact "{fact}" is money' },
  unsafeFactDecimal: { zh: '事实 "{fact}" 是精确小数', en: 'fact "{fact}" is an exact decimal' },
  unsafeNumericString: { zh: '取值 "{value}" 是数字文本', en: 'the value "{value}" is a numeric string' },
  unsafeParameterTimes: { zh: '参数 "{name}" 要做精确乘法', en: 'parameter "{name}" is multiplied exactly' },
  unsafeParameterMoney: { zh: '参数 "{name}" 是金额', en: 'parameter "{name}" is money' },
  unsafeParameterType: { zh: '参数 "{name}" 是 {type} 类型', en: 'parameter "{name}" is a {type}' },
  unsafeComparedFact: { zh: '比较的事实 "{fact}" 是 {type} 类型', en: 'the compared fact "{fact}" is {type}' },
  figureUnknownField: {
    zh: '未知的字段 "{term}"（指标只能相加 {groups} 中的金额字段和其他指标）',
    en: 'unknown field "{term}" (a figure adds {groups} money fields and other figures)',
  },
  figurePerMemberField: {
    zh: 'perMember 除的是指标，不是字段 "{term}"：请先定义一个相加该字段的指标',
    en: 'perMember divides a figure, not the field "{term}": define a figure that adds it',
  },
  figureUnknown: {
    zh: '未知的指标 "{name}"：本规则集的 figures.json 中都没有定义它',
    en: 'unknown figure "{name}": it is not defined in any figures.json of this rule set',
  },
  figureCycle: { zh: '指标 "{name}" 引用了自身：{cycle}', en: 'figure "{name}" reads itself: {cycle}' },
  figureUsedUndefined: {
    zh: '此处用到了指标 "{name}"，但它没有定义（请在 figures.json 中添加）',
    en: 'figure "{name}" is used here but never defined (add it to figures.json)',
  },
  figureResultUndefined: {
    zh: '每个结果都会报告指标 "{name}"，但它没有定义（请在 figures.json 中添加）',
    en: 'figure "{name}" is reported in every result but never defined (add it to figures.json)',
  },
  figuresNotObject: {
    zh: "figures.json 须是以指标标识为键的定义对象",
    en: "figures.json must be an object of figure definitions by id",
  },
  figuresTooMany: {
    zh: "figures.json 最多定义 {maximum} 个指标",
    en: "figures.json may define at most {maximum} figures",
  },
  figureIdFormat: {
    zh: '指标标识只能由字母、数字和 "_" 组成，并以字母开头',
    en: "figure ids are letters, digits and '_', starting with a letter",
  },
  figurePeriodOverlaps: {
    zh: "有效期与下一个定义（{from} 起）重叠",
    en: "period overlaps the next definition, which starts {from}",
  },
  figureNotInForce: {
    zh: '规则集 {ruleSet} 的指标 "{name}"{readBy} 在 {asOf} 没有生效的定义。请在 {file} 中增加该日期的定义，或由县级规则集提供。',
    en: 'Rule set "{ruleSet}" has no definition of figure "{name}"{readBy} in force on {asOf}: add one dated for {asOf} in {file}, or in a county overlay.',
  },
  figureReadBy: { zh: "（指标 {by} 引用了它）", en: ', which figure "{by}" reads,' },
  figureNotInForceHere: {
    zh: '指标 "{name}" 在 {asOf} 没有生效的定义',
    en: 'no definition of figure "{name}" in force on {asOf}',
  },
  figureReadsUnknownField: {
    zh: '指标 "{name}" 引用了未知的字段 "{term}"',
    en: 'figure "{name}" reads unknown field "{term}"',
  },
  figureReadsItselfOn: {
    zh: '指标 "{name}" 在 {asOf} 经由其他指标引用了自身',
    en: 'figure "{name}" reads itself through other figures on {asOf}',
  },
  internalScreeningError: {
    zh: "筛查该户时发生内部错误（请报告此问题）：{detail}",
    en: "internal error while screening this household (please report it): {detail}",
  },
} as const;
