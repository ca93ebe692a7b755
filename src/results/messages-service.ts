/**
 * Messages of `dixian serve`: the start and stop lines, and the `detail` and `issues` of its problem
 * responses. Placeholders are `{name}`; query parameters, codes and paths stay as written.
 */
export const SERVICE_MESSAGES = {
  serveListening: {
    zh: "dixian serve：{id} {version} {hash}，监听 {address}",
    en: "dixian serve: {id} {version} {hash} at {address}",
  },
  serveStopped: { zh: "dixian serve：已停止", en: "dixian serve: stopped" },
  serveWholeNumber: {
    zh: '{option} 须为 {min} 到 {max} 的整数，不能是 "{value}"',
    en: '{option} must be a whole number from {min} to {max}, not "{value}"',
  },
  queryProblem: { zh: "{name}：{problem}", en: "{name}: {problem}" },
  queryAsOfRequired: { zh: "缺少评估日：请给出 YYYY-MM-DD 格式的日期", en: "required: the assessment date YYYY-MM-DD" },
  queryAsOfInvalid: { zh: '"{value}"：{problem}', en: '"{value}": {problem}' },
  queryOneOf: { zh: "须为 {allowed} 之一，不能是 {value}", en: "must be {allowed}, not {value}" },
  queryAsOfUnusable: { zh: "评估日 {asOf}：{problem}", en: "asOf {asOf}: {problem}" },
  householdInvalidCount: {
    zh: "农户 {id} 数据有误：{count} 个问题",
    en: "household {id} is invalid: {count} problem(s)",
  },
  serveNoParameterInForce: {
    zh: "本服务的规则集 {ruleSet} 没有参数 {name} 在 {asOf} 生效的取值，无法按该日筛查。取值只能由启动服务的运维人员提供，请与其联系：用 --set {name}=取值 重新启动 dixian serve，或{overlay}",
    en: 'the rule set this service runs ({ruleSet}) has no value of "{name}" in force on {asOf}, so that date cannot be screened. Only the operator who started the service can supply one; ask them to restart dixian serve with --set {name}=VALUE, or {overlay}',
  },
  serveOverlayCommand: {
    zh: "建立县级规则集（{command}）后用 --rules {folder} 重新启动 dixian serve",
    en: "to make a county overlay ({command}) and restart dixian serve with --rules {folder}",
  },
  serveOverlayByHand: {
    zh: '建立继承 {base} 的县级规则集（dixian init-overlay），在其 parameters.json 中用 "merge": "addValues" 增加 {name} 适用于 {asOf} 的取值，再用 --rules 指向它重新启动 dixian serve',
    en: 'to make a county overlay that extends {base} (dixian init-overlay), add a value of {name} dated for {asOf} to its parameters.json with "merge": "addValues", and restart dixian serve with --rules pointing at it',
  },
  bodyTooLarge: { zh: "请求体超过 {bytes} 字节", en: "request body larger than {bytes} bytes" },
  bodyNotJson: { zh: "请求体不是有效的 JSON：{detail}", en: "request body is not valid JSON: {detail}" },
  internalServiceError: { zh: "内部错误", en: "internal error" },
  queryUnknown: {
    zh: "未知的查询参数 {name}：此路径只接受 {allowed}",
    en: "unknown query parameter {name}: this path takes {allowed}",
  },
  queryNoneTaken: {
    zh: "未知的查询参数 {name}：此路径不接受查询参数",
    en: "unknown query parameter {name}: this path takes no query parameters",
  },
  queryRepeated: { zh: "{name} 只能给出一次，这里给了 {count} 次", en: "{name} may be given once, not {count} times" },
  unsupportedMediaType: {
    zh: "不支持的内容类型 {type}：请用 {allowed}",
    en: "unsupported content type {type}: use {allowed}",
  },
  unsupportedCharset: {
    zh: "不支持的字符集 {charset}：请求体须为 UTF-8 编码",
    en: "unsupported charset {charset}: the body must be UTF-8",
  },
  noContentType: { zh: "（未给出）", en: "(none given)" },
  bodyNotUtf8: { zh: "请求体不是有效的 UTF-8 编码", en: "request body is not valid UTF-8" },
  bodyEmpty: { zh: "请求体为空：请给出一户的 JSON", en: "request body is empty: give one household as JSON" },
  noSuchResource: { zh: "没有这个资源：{method} {path}", en: "no such resource: {method} {path}" },
} as const;
