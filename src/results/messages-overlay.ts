/**
 * Messages of `dixian init-overlay`, and the texts it writes into a new county overlay's files
 * (descriptions, the source note, the example test). Placeholders are `{name}`.
 */
export const OVERLAY_MESSAGES = {
  initOverlayNeedsDir: {
    zh: "请给出一个要建立的县级规则集文件夹，如 dixian init-overlay 我的县 --extends builtin:yunnan …",
    en: "give exactly one folder for the county overlay, as in dixian init-overlay my-county --extends builtin:yunnan …",
  },
  initOverlayDirNotEmpty: {
    zh: "{dir} 已存在且不是空文件夹：init-overlay 只写入新的（或空的）文件夹，不覆盖已有文件",
    en: "{dir} exists and is not an empty folder: init-overlay writes only into a new (or empty) folder and overwrites nothing",
  },
  initOverlayNeedsValue: {
    zh: "至少给出一个取值：--threshold 年份=取值 或 --dibao-standard 年份=取值（可重复）",
    en: "give at least one value: --threshold YEAR=VALUE or --dibao-standard YEAR=VALUE (repeatable)",
  },
  initOverlayYearValue: {
    zh: '{option} "{text}"：应写成 年份=取值，年份为四位数字，如 {option} 2026=9000',
    en: '{option} "{text}": write YEAR=VALUE with a four-digit year, as in {option} 2026=9000',
  },
  initOverlayYearTwice: {
    zh: "{option} 给了两次 {year} 年的取值（{first} 和 {second}）",
    en: "{option} gives {year} twice ({first} and {second})",
  },
  initOverlayBadValue: {
    zh: "{option} {year}={value} 不是有效的取值：{problem}",
    en: "{option} {year}={value} is not a valid value: {problem}",
  },
  initOverlayNotPositive: {
    zh: "{option} {year}={value}：取值必须大于 0",
    en: "{option} {year}={value}: the value must be greater than 0",
  },
  initOverlayNoSuchParameter: {
    zh: "规则集 {base} 没有参数 {name}，{option} 无法为它增加取值",
    en: "rule set {base} has no parameter {name}, so {option} cannot add a value to it",
  },
  initOverlayStatusDefault: {
    zh: "--status default 表示 dixian 自己的默认值、没有政策出处；县里提供的取值写 provisional（正式公布前的暂定值，默认）、partial（县级文件，最多部分证实）或 confirmed（省级正式文件）",
    en: "--status default means dixian's own default, with no policy source; a value a county supplies is provisional (before publication, the default), partial (a county notice: partial at most) or confirmed (the province's official document)",
  },
  initOverlayBadId: {
    zh: '--id "{id}"：规则集标识须以英文字母开头，只含英文字母、数字和 _ . -',
    en: '--id "{id}": a rule set id starts with a letter and holds only letters, digits, _ . and -',
  },
  initOverlayMissingOn: {
    zh: "县级规则集在 {asOf} 没有 {name} 的生效取值，该日无法筛查：请加上 {option} {year}=取值",
    en: "the overlay would have no value of {name} in force on {asOf}, so that date could not be screened: add {option} {year}=VALUE",
  },
  initOverlayNotUsable: {
    zh: "县级规则集在 {asOf} 无法筛查：",
    en: "the overlay could not screen {asOf}:",
  },
  initOverlayWritten: {
    zh: "已建立县级规则集 {dir}（标识 {id}，版本 {version}，继承 {extends}）：",
    en: "wrote the county overlay {dir} (id {id}, version {version}, extends {extends}):",
  },
  initOverlayIdFromFolder: {
    zh: "文件夹名 {name} 不能直接作规则集标识（只能用英文字母、数字和 _ . -），已用 {id}；可用 --id 另行指定",
    en: "the folder name {name} cannot be a rule set id (letters, digits, _ . - only): {id} is used; --id sets another",
  },
  initOverlayChecked: {
    zh: "已检查：按 {dates} 校验通过（dixian validate --as-of），示例测试 {test} 通过",
    en: "checked: valid on {dates} (dixian validate --as-of), example test {test} passed",
  },
  initOverlayExampleFailed: {
    zh: "示例测试 {test} 在继承的规则集上没有通过（它的判定规则与全国规则集不同？）：请按该规则集修改 {file} 中的户数据或期望。",
    en: "the example test {test} does not pass on the rule set extended (do its flag rules differ from the national ones?): change the household or the expectation in {file}.",
  },
  initOverlayNext: {
    zh: "下一步：dixian screen --rules {dir} --as-of {asOf} 农户数据文件。正式文件公布后，在 {dir}/parameters.json 中改为公布的取值、文件名称和状态（confirmed 已证实只用于省级正式文件）。",
    en: "next: dixian screen --rules {dir} --as-of {asOf} <households>. Once the value is published, change the value, document and status in {dir}/parameters.json (confirmed only for the province's official document).",
  },
  overlayValueItem: { zh: "{year} 年{label} {value} 元", en: "the {year} {label} of {value} yuan" },
  overlayDescription: {
    zh: "县级规则集 {name}（由 dixian init-overlay 建立）：继承 {extends}，补充 {values}。出处：{source}；状态：{status}。",
    en: "County overlay {name} (made by dixian init-overlay): extends {extends} and adds {values}. Source: {source}; status: {status}.",
  },
  overlayStatusProvisional: { zh: "暂定值（正式公布前由县里先行使用）", en: "provisional (used before publication)" },
  overlayStatusPartial: { zh: "部分证实", en: "partial" },
  overlayStatusConfirmed: { zh: "已证实", en: "confirmed" },
  overlayProvisionalNote: {
    zh: "暂定值：正式标准公布前由县里先行使用；公布后请改为公布的取值、文件名称和状态",
    en: "provisional: used by the county before the value is published; replace it with the published value, document and status",
  },
  overlayExampleDescription: {
    zh: "示例：一般农户 3 人，人均纯收入 {income} 元不高于 {year} 年监测标准 {threshold} 元，当年 3 月发生意外事故：识别为监测对象。请按本县实际修改，或照此增加用例。",
    en: "Example: a general household of 3, per-capita net income {income} yuan, not above the {year} threshold of {threshold} yuan, with an accident that March: identified. Change it to fit the county, or add cases like it.",
  },
} as const;
