/**
 * An independent implementation of docs/policy.md §3 as corrected by §4 (version 3), written straight
 * from the text with integer arithmetic in fen (cents) and hand-written date arithmetic, to check
 * dixian's rule sets against. Deliberately shares no code with src/.
 */

export type Flag = "none" | "watch" | "identify" | "continue" | "eliminate";
type Status = "ok" | "problem" | "unknown";

/** A task for an open lead (docs/policy.md §4.3), without its reason text. */
export interface ReferenceTask {
  kind: "verify" | "identify";
  channel: string;
  department: string | null;
  leadDate: string;
  dueBy: string;
  overdue: boolean;
}

export interface ReferenceOutcome {
  flag: Flag;
  category: string | null;
  riskTypes: string[];
  guarantees: Record<string, Status>;
  laborCapable: boolean;
  whollyWithoutLabor: boolean;
  /** No member of labour ordinary or skilled: 兜底 (低保, 100A48) is due when planned (docs/policy.md §3.5). */
  withoutOrdinaryLabor: boolean;
  tasks: ReferenceTask[];
  /**
   * The social-assistance measures docs/policy.md §4.4 suggests to an identify/continue household ([] otherwise):
   * at most one of 特困, 低保 and 低保边缘, never one already covered by what members receive; 刚性支出困难.
   */
  socialAssistanceMeasures: string[];
  /** The departments the household is referred to for its 3+1 problems and social-assistance checks (§4.2, §4.4). */
  referrals: string[];
  /** Whether §4.4 still owes the household a 100A48 protection (no ordinary or skilled labour, and eligible by income). */
  protectionDue: boolean;
  /** A single person with 特困 suggested or received: then no developmental measure is suggested (§4.4). */
  tekunSuggestedOrReceived: boolean;
}

/** The parameters of docs/policy.md §3 the reference takes as given (money in fen). */
export interface ReferenceParameters {
  threshold: bigint;
  /** The county 低保 standard in fen, when the rule set has one. */
  dibaoStandard?: bigint;
}

/** Money as integer fen. */
function fen(value: string | number | undefined): bigint {
  if (value === undefined) return 0n;
  const text = typeof value === "number" ? String(value) : value;
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const result = BigInt(whole!) * 100n + BigInt((fraction + "00").slice(0, 2));
  return negative ? -result : result;
}

function parts(date: string): [number, number, number] {
  return date.split("-").map(Number) as [number, number, number];
}
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** date − n months, clamped to the end of the month. */
export function minusMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) - n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return iso(year, month, Math.min(d, monthDays(year, month)));
}

/** date + n months, clamped to the end of the month. */
export function plusMonths(date: string, n: number): string {
  return minusMonths(date, -n);
}

/** date + n days, counted through the calendar by hand. */
export function plusDays(date: string, n: number): string {
  let [y, m, d] = parts(date);
  for (let left = n; left > 0; left--) {
    d++;
    if (d > monthDays(y, m)) {
      d = 1;
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  return iso(y, m, d);
}

/** Whole years; a 29 February birthday counts on 1 March in common years. */
export function age(birth: string, asOf: string): number {
  const [by, bm, bd] = parts(birth);
  const [ay, am, ad] = parts(asOf);
  let years = ay - by;
  let [birthdayMonth, birthdayDay] = [bm, bd];
  if (bm === 2 && bd === 29 && !isLeap(ay)) [birthdayMonth, birthdayDay] = [3, 1];
  if (am < birthdayMonth || (am === birthdayMonth && ad < birthdayDay)) years--;
  return years;
}

type Json = any;

export function referenceScreen(h: Json, asOf: string, parameters: ReferenceParameters | bigint): ReferenceOutcome {
  const { threshold, dibaoStandard } =
    typeof parameters === "bigint" ? { threshold: parameters, dibaoStandard: undefined } : parameters;
  const members: Json[] = h.members;
  const size = BigInt(members.length);
  const inc = h.income;
  const net = fen(inc.wage) + fen(inc.business) + fen(inc.property) + fen(inc.transfer) - fen(inc.productionCost);
  const ex = h.expenses ?? {};
  const medical = fen(ex.medical);
  const education = fen(ex.education);
  const adjustedTotal = net + fen(inc.insurancePayout) - medical - education - fen(ex.other);
  const tTimesSize = threshold * size;
  const nWithin = net <= tTimesSize;
  const aWithin = adjustedTotal <= tTimesSize;
  const aWithinBand = 2n * adjustedTotal <= 3n * tTimesSize;

  const windowStart = minusMonths(asOf, 12);
  const events: Json[] = h.events ?? [];
  const recent = (type: string) => events.some((e) => e.type === type && e.date > windowStart && e.date <= asOf);
  const labors = members.map((m) => m.labor as string);
  const hasLabor = (...codes: string[]) => labors.some((l) => codes.includes(l));
  const heavy = (spend: bigint) => (net > 0n ? 4n * spend >= net : spend > 0n);
  const prev = h.previousIncome;

  const risks: string[] = [];
  if (members.some((m) => m.illness !== "none") && heavy(medical)) risks.push("illness");
  if (recent("naturalDisaster")) risks.push("disaster");
  if (
    members.some(
      (m) =>
        m.disabilityLevel === 1 ||
        m.disabilityLevel === 2 ||
        ((m.disabilityLevel === 3 || m.disabilityLevel === 4) && ["weak", "lost", "none"].includes(m.labor)),
    )
  )
    risks.push("disability");
  if (!hasLabor("ordinary", "skilled")) risks.push("lackOfLabor");
  if (recent("accident")) risks.push("accident");
  if (recent("industryFailure") || (prev && fen(prev.business) > 0n && 2n * fen(inc.business) <= fen(prev.business)))
    risks.push("industryFailure");
  if (
    (recent("jobLoss") || (prev && fen(prev.wage) > 0n && 2n * fen(inc.wage) <= fen(prev.wage))) &&
    hasLabor("ordinary", "skilled", "weak")
  )
    risks.push("unstableEmployment");
  if (heavy(education)) risks.push("education");

  const lc = h.livingConditions ?? {};
  const water = lc.water;
  let waterStatus: Status = "unknown";
  if (water) {
    const minimum = water.waterScarceArea ? 20 : 35;
    const convenient =
      water.pipedIn ||
      water.fetchMinutes <= 20 ||
      (water.fetchDistanceM !== undefined && water.fetchDistanceM <= 800) ||
      (water.fetchClimbM !== undefined && water.fetchClimbM <= 80);
    waterStatus =
      water.litersPerPersonPerDay < minimum || !water.qualityOk || !convenient || water.interruptionDaysPerYear > 36
        ? "problem"
        : "ok";
  }
  const guarantees: Record<string, Status> = {
    food: lc.food === undefined ? "unknown" : lc.food ? "ok" : "problem",
    clothing: lc.clothing === undefined ? "unknown" : lc.clothing ? "ok" : "problem",
    compulsoryEducation: members.some((m) => {
      const a = age(m.birthDate, asOf);
      return a >= 6 && a <= 15 && (m.schooling === "none" || m.schooling === "droppedOut") && !m.schoolExempt;
    })
      ? "problem"
      : "ok",
    basicMedical: members.some((m) => m.medicalInsurance === "none") ? "problem" : "ok",
    housing: lc.housing === undefined ? "unknown" : ["C", "D"].includes(lc.housing.safetyLevel) ? "problem" : "ok",
    water: waterStatus,
  };
  const hasRiskFactor = risks.length > 0 || Object.values(guarantees).includes("problem");

  // Leads (§3.4): open = dated on or before asOf and not resolved on asOf; later ones ignored.
  const monitoring = h.monitoring ?? null;
  const monitored = monitoring !== null && (monitoring.riskEliminatedOn == null || monitoring.riskEliminatedOn > asOf);

  // Leads (§3.4, §4.3): open = dated on or before asOf and not resolved on asOf; later ones ignored. Each
  // open lead is verified within 10 days; a household not yet monitored is identified within 15.
  const leads: Json[] = h.leads ?? [];
  const open = leads.filter((lead) => lead.date <= asOf && (lead.resolvedOn == null || lead.resolvedOn > asOf));
  const task = (lead: Json, kind: "verify" | "identify", days: number): ReferenceTask => {
    const dueBy = plusDays(lead.date, days);
    return {
      kind,
      channel: lead.channel,
      department: lead.department ?? null,
      leadDate: lead.date,
      dueBy,
      overdue: dueBy < asOf,
    };
  };
  // Identification is of the household: one identify task, from the earliest open lead (the first
  // in input order among those of that date), placed with that lead's tasks.
  let first: Json = null;
  for (const lead of open) if (!first || lead.date < first.date) first = lead;
  const tasks: ReferenceTask[] = open.flatMap((lead) =>
    !monitored && lead === first ? [task(lead, "verify", 10), task(lead, "identify", 15)] : [task(lead, "verify", 10)],
  );
  const hasProblem = Object.values(guarantees).includes("problem");
  let flag: Flag;
  let category: string | null = null;
  if (!monitored) {
    if (nWithin && hasRiskFactor) {
      flag = "identify";
      category = h.householdType === "formerlyPoor" ? "unstableFormerlyPoor" : "marginal";
    } else if (!nWithin && aWithin && hasRiskFactor) {
      flag = "identify";
      category = "suddenHardship";
    } else if ((nWithin && !hasRiskFactor) || (hasRiskFactor && aWithinBand) || hasProblem || open.length > 0)
      flag = "watch";
    else flag = "none";
  } else {
    const sixMonths = monitoring.identifiedOn <= minusMonths(asOf, 6);
    const allOk = Object.values(guarantees).every((s) => s === "ok");
    // Income measured at least 6 months after identification; a missing period end blocks it.
    const periodEnd: string | undefined = inc.periodEnd;
    const evidence = periodEnd !== undefined && periodEnd >= plusMonths(monitoring.identifiedOn, 6);
    flag =
      !nWithin && !aWithin && sixMonths && evidence && allOk && risks.length === 0 && open.length === 0
        ? "eliminate"
        : "continue";
    // Both keep the recorded category (§4.2: eliminations are counted by category).
    category = monitoring.category;
  }
  // Social assistance screened together (§3.5 as corrected by §4.4), for identify/continue households only.
  const planned = flag === "identify" || flag === "continue";
  const withoutOrdinaryLabor = !hasLabor("ordinary", "skilled");
  // In place: a member receives it, or monitoring records the measure.
  const recorded: string[] = (h.monitoring?.measures ?? []).map((m: Json) => m.id);
  const receives = (code: string) =>
    members.some((m) => m.socialAssistance.includes(code)) || recorded.includes(`protection.${code}`);
  const social = new Set<string>();
  const referrals = new Set<string>();
  let protectionDue = false;
  let tekunSuggestedOrReceived = false;
  if (planned) {
    const tekunCandidate =
      members.length === 1 && (["lost", "none"].includes(members[0].labor) || age(members[0].birthDate, asOf) >= 60);
    const onDibao = receives("dibao");
    const onTekun = receives("tekun");
    if (dibaoStandard === undefined) {
      // 应兜尽兜 for a household without labour whose income is within the range, unless already covered.
      if (withoutOrdinaryLabor && nWithin && !onDibao && !onTekun) social.add("protection.dibao");
      if (tekunCandidate && !onTekun) referrals.add("civilAffairs");
      protectionDue = withoutOrdinaryLabor && nWithin;
    } else {
      const standardTimesSize = dibaoStandard * size;
      const atMostStandard = net <= standardTimesSize;
      // The edge line is 1.5 × the standard: compare 2 × income with 3 × the standard.
      const netWithinEdge = 2n * net <= 3n * standardTimesSize;
      const adjustedWithinEdge = 2n * adjustedTotal <= 3n * standardTimesSize;
      if (atMostStandard && tekunCandidate && !onDibao && !onTekun) social.add("protection.tekun");
      if (atMostStandard && tekunCandidate && onDibao && !onTekun) referrals.add("civilAffairs");
      if (atMostStandard && !tekunCandidate && !onDibao && !onTekun) social.add("protection.dibao");
      if (!atMostStandard && netWithinEdge && !onDibao && !onTekun) social.add("protection.dibaoEdge");
      if (!netWithinEdge && adjustedWithinEdge && !onDibao && !onTekun) {
        social.add("protection.rigidSpending");
        referrals.add("civilAffairs");
      }
      if (withoutOrdinaryLabor && !netWithinEdge && !adjustedWithinEdge && !onDibao && !onTekun)
        referrals.add("civilAffairs");
      protectionDue = withoutOrdinaryLabor && (netWithinEdge || adjustedWithinEdge);
    }
    if (members.some((m) => m.disabilityLevel === 1 || m.disabilityLevel === 2)) social.add("disability.careAllowance");
    const dibaoHousehold = social.has("protection.dibao") || onDibao;
    tekunSuggestedOrReceived = tekunCandidate && (social.has("protection.tekun") || onTekun);
    if (dibaoHousehold && members.some((m) => m.disabilityLevel !== null)) social.add("disability.livingAllowance");
  }
  // A watched household within the 低保边缘 line is referred to 民政, not given 兜底 measures (§4.4).
  if (flag === "watch" && dibaoStandard !== undefined) {
    const standardTimesSize = dibaoStandard * size;
    const onDibaoOrTekun = receives("dibao") || receives("tekun");
    if (!onDibaoOrTekun && (2n * net <= 3n * standardTimesSize || 2n * adjustedTotal <= 3n * standardTimesSize))
      referrals.add("civilAffairs");
  }
  // Every planned or watched household is referred for its 3+1 problems (§4.2).
  if (flag === "identify" || flag === "continue" || flag === "watch") {
    if (guarantees.compulsoryEducation === "problem") referrals.add("education");
    if (guarantees.basicMedical === "problem") referrals.add("medicalSecurity");
    if (guarantees.housing === "problem") referrals.add("housing");
    if (guarantees.water === "problem") referrals.add("water");
    if (guarantees.food === "problem" || guarantees.clothing === "problem") referrals.add("civilAffairs");
  }
  return {
    flag,
    category,
    withoutOrdinaryLabor,
    tasks,
    referrals: [...referrals].sort(),
    protectionDue,
    tekunSuggestedOrReceived,
    socialAssistanceMeasures: [...social].sort(),
    riskTypes: risks.sort(),
    guarantees,
    laborCapable: members.some(
      (m) => ["ordinary", "skilled"].includes(m.labor) && age(m.birthDate, asOf) >= 16 && age(m.birthDate, asOf) <= 59,
    ),
    whollyWithoutLabor: members.every((m) => m.labor === "lost" || m.labor === "none"),
  };
}
