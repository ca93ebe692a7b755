import { eventFacts } from "./event-facts.js";
import type { FactDefinition } from "./fact-definition.js";
import { incomeFacts } from "./income-facts.js";
import { leadFacts } from "./lead-facts.js";
import { livingConditionFacts } from "./living-condition-facts.js";
import { memberFacts } from "./member-facts.js";
import { monitoringFacts } from "./monitoring-facts.js";
import { parameterFacts } from "./parameter-facts.js";
import { stageFacts } from "./stage-facts.js";

/** Every fact a rule may use, by id. docs/facts.md is generated from this list. */
export const FACTS: ReadonlyMap<string, FactDefinition<any>> = new Map(
  [
    ...incomeFacts,
    ...memberFacts,
    ...eventFacts,
    ...livingConditionFacts,
    ...monitoringFacts,
    ...leadFacts,
    ...parameterFacts,
    ...stageFacts,
  ].map((fact) => [fact.id, fact as FactDefinition<any>]),
);
