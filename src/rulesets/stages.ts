/**
 * The stages a rule set's rules run in, in order: risk types and 3+1 → flag → plan → fallback →
 * checks. Each stage reads what the earlier ones decided.
 */
export const STAGES = ["assessment", "flag", "plan", "fallback", "checks"] as const;
export type Stage = (typeof STAGES)[number];
