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
  bodyTooLarge: { zh: "请求体超过 {bytes} 字节", en: "request body larger than {bytes} bytes" },
  bodyNotJson: { zh: "请求体不是有效的 JSON：{detail}", en: "request body is not valid JSON: {detail}" },
  internalServiceError: { zh: "内部错误", en: "internal error" },
  noSuchResource: { zh: "没有这个资源：{method} {path}", en: "no such resource: {method} {path}" },
} as const;
