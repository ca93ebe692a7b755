import type { Problem } from "../errors.js";
import { message, type Language } from "../messages/catalogue.js";
import type { RuleSet } from "./rule-set.js";
import type { TopLevelCondition } from "./schema.js";
import { walkConditions } from "./walk-conditions.js";

/**
 * Levels a rule's condition tree may have once named conditions are put in place (each all, any,
 * not and named reference is a level): every evaluator, explanation and trace walks the tree
 * recursively, so a rule set that passes its checks must also be one every screening can run. The
 * shipped rule sets use at most 6.
 */
export const MAX_CONDITION_DEPTH = 64;
/** Conditions a rule may evaluate once named conditions are put in place, each use counted. */
export const MAX_RESOLVED_CONDITIONS = 10_000;

type Locate = (key: string, path: readonly PropertyKey[], message: string) => Problem;

/** A tree's own shape: its depth without named references, and each reference with the level it is at. */
interface Shape {
  depth: number;
  count: number;
  references: { name: string; level: number }[];
}

function shapeOf(condition: TopLevelCondition): Shape {
  const shape: Shape = { depth: 0, count: 0, references: [] };
  walkConditions(condition, (node, path) => {
    // A path grows by two segments ("all", index) per level, one for "not".
    const level = path.filter((segment) => typeof segment === "string").length + 1;
    shape.count++;
    shape.depth = Math.max(shape.depth, level);
    if ("condition" in node) shape.references.push({ name: node.condition, level });
  });
  return shape;
}

/** Depth and size of a tree once every reference is resolved, and the reference its deepest path goes through. */
interface Resolved {
  depth: number;
  count: number;
  next: string | null;
}

/**
 * Resolves every named condition's depth and size, deepest references first, with an explicit
 * stack: a chain is as long as its author made it, and this check must not overflow on it. A
 * condition on a cycle (reported elsewhere) or unknown counts as a leaf.
 */
function resolveNamed(conditions: Record<string, TopLevelCondition>): Map<string, Resolved> {
  const shapes = new Map<string, Shape>();
  for (const [name, condition] of Object.entries(conditions)) shapes.set(name, shapeOf(condition));
  const resolved = new Map<string, Resolved>();
  const visiting = new Set<string>();
  for (const start of shapes.keys()) {
    const stack = [start];
    while (stack.length) {
      const name = stack[stack.length - 1]!;
      if (resolved.has(name)) {
        stack.pop();
        continue;
      }
      const shape = shapes.get(name)!;
      const pending = visiting.has(name)
        ? []
        : shape.references.filter(({ name: next }) => shapes.has(next) && !resolved.has(next) && !visiting.has(next));
      if (pending.length) {
        visiting.add(name);
        stack.push(...pending.map((reference) => reference.name));
        continue;
      }
      stack.pop();
      visiting.delete(name);
      resolved.set(name, combine(shape, resolved));
    }
  }
  return resolved;
}

function combine(shape: Shape, resolved: ReadonlyMap<string, Resolved>): Resolved {
  let depth = shape.depth;
  let count = shape.count;
  let next: string | null = null;
  for (const { name, level } of shape.references) {
    const inner = resolved.get(name);
    if (!inner) continue;
    count += inner.count;
    if (level + inner.depth > depth) {
      depth = level + inner.depth;
      next = name;
    }
  }
  // Sizes of a hostile graph grow exponentially: past the limit the exact number does not matter.
  return { depth, count: Math.min(count, Number.MAX_SAFE_INTEGER), next };
}

/** The chain of named conditions along the deepest path, `a → b → c`, shortened in the middle when long. */
function chainText(start: string | null, resolved: ReadonlyMap<string, Resolved>): string {
  const chain: string[] = [];
  for (let name = start; name !== null && chain.length <= resolved.size; name = resolved.get(name)?.next ?? null)
    chain.push(name);
  const shown = chain.length > 6 ? [...chain.slice(0, 3), "…", ...chain.slice(-2)] : chain;
  return shown.join(" → ");
}

/**
 * Rules (and named conditions no other uses) whose resolved condition tree is deeper than
 * {@link MAX_CONDITION_DEPTH} or larger than {@link MAX_RESOLVED_CONDITIONS}, each a problem naming
 * the chain of named conditions that makes it so, worded in `language`.
 */
export function conditionGraphProblems(
  ruleSet: Pick<RuleSet, "conditions" | "rules">,
  locate: Locate,
  language: Language = "zh",
): Problem[] {
  const problems: Problem[] = [];
  const resolved = resolveNamed(ruleSet.conditions);
  const check = (key: string, path: PropertyKey[], result: Resolved) => {
    const values = {
      depth: result.depth,
      maxDepth: MAX_CONDITION_DEPTH,
      count: result.count >= Number.MAX_SAFE_INTEGER ? "∞" : result.count,
      maxCount: MAX_RESOLVED_CONDITIONS,
      chain: chainText(result.next, resolved),
    };
    if (result.depth > MAX_CONDITION_DEPTH)
      problems.push(
        locate(
          key,
          path,
          message(result.next !== null ? "conditionsTooDeepChain" : "conditionsTooDeep", language, values),
        ),
      );
    else if (result.count > MAX_RESOLVED_CONDITIONS)
      problems.push(locate(key, path, message("conditionsTooMany", language, values)));
  };
  const usedByOthers = new Set<string>();
  for (const condition of Object.values(ruleSet.conditions))
    for (const { name } of shapeOf(condition).references) usedByOthers.add(name);
  for (const [name, result] of resolved) if (!usedByOthers.has(name)) check(`condition:${name}`, [], result);
  for (const rule of ruleSet.rules)
    check(`rule:${rule.id}`, ["conditions"], combine(shapeOf(rule.conditions), resolved));
  return problems;
}

/** The named conditions each one refers to, in order. */
export function namedReferences(conditions: Record<string, TopLevelCondition>): Map<string, string[]> {
  const references = new Map<string, string[]>();
  for (const [name, condition] of Object.entries(conditions))
    references.set(
      name,
      shapeOf(condition).references.map((reference) => reference.name),
    );
  return references;
}

/**
 * The named conditions that refer to themselves through others (or directly): the members of
 * strongly connected components of more than one, or with a self-reference. Tarjan's algorithm
 * with an explicit stack, linear in the references, so a long chain is neither slow nor deep.
 */
export function namedConditionCycles(conditions: Record<string, TopLevelCondition>): Set<string> {
  const references = namedReferences(conditions);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const onCycle = new Set<string>();
  for (const root of references.keys()) {
    if (index.has(root)) continue;
    const work: { name: string; next: number }[] = [{ name: root, next: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = references.get(frame.name)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!references.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, index.size);
          low.set(target, index.get(target)!);
          stack.push(target);
          onStack.add(target);
          work.push({ name: target, next: 0 });
        } else if (onStack.has(target)) low.set(frame.name, Math.min(low.get(frame.name)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.name, Math.min(low.get(parent.name)!, low.get(frame.name)!));
      if (low.get(frame.name) !== index.get(frame.name)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.name);
      if (component.length > 1 || targets.includes(frame.name)) for (const name of component) onCycle.add(name);
    }
  }
  return onCycle;
}
