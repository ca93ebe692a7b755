import { labelOf } from "../vocabulary/labels.js";
import { message } from "../messages/catalogue.js";
import type { Language, TaskResult } from "./result-types.js";

/** A lead's channel (and, for a sector warning, its department) as people read it. */
export function leadSourceText(channel: string, department: string | null, language: Language): string {
  const channelText = labelOf("leadChannel", channel, language);
  return department === null
    ? channelText
    : message("leadSource", language, {
        channel: channelText,
        department: labelOf("leadDepartment", department, language),
      });
}

/**
 * Fills the lead placeholders of a task rule's reason, already written for the household:
 * `{lead.source}` (channel, and department of a sector warning), `{lead.date}`, `{lead.dueBy}`; an overdue
 * task's reason ends by saying so.
 */
export function leadTaskReason(text: string, task: Omit<TaskResult, "reason">, language: Language): string {
  const filled = text
    .replaceAll("{lead.source}", leadSourceText(task.channel, task.department, language))
    .replaceAll("{lead.date}", task.leadDate)
    .replaceAll("{lead.dueBy}", task.dueBy);
  return task.overdue ? filled + message("overdueSuffix", language) : filled;
}

/** A task in one line, for tables and plain text: what to do, source, lead date → due date, and whether overdue. */
export function taskSummary(task: Omit<TaskResult, "reason">, language: Language): string {
  const overdue = task.overdue ? ` ${message("overdue", language)}` : "";
  return `${labelOf("taskKind", task.kind, language)} ${leadSourceText(task.channel, task.department, language)} ${task.leadDate}→${task.dueBy}${overdue}`;
}
