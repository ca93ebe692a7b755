import { z } from "zod";
import { withinMonthsBefore } from "../input/calendar-date.js";
import { DISASTER_SUBTYPES, EVENT_TYPES } from "../input/enums.js";
import { defineFact } from "./fact-definition.js";

export const eventFacts = [
  defineFact({
    id: "eventCount",
    valueType: "count",
    description: {
      zh: "评估日前若干个月内（不含起点、含评估日）发生的某类事件数",
      en: "Number of events of a type dated in (as-of − N months, as-of]",
    },
    params: z.strictObject({
      type: z.enum(EVENT_TYPES).describe("event type"),
      subtypes: z
        .array(z.union([z.enum(DISASTER_SUBTYPES), z.null()]))
        .min(1)
        .optional()
        .describe("only these disaster subtypes (null = subtype not given)"),
      withinMonths: z.number().int().min(1).max(1200).describe("window length in months"),
    }),
    compute: (context, { type, subtypes, withinMonths }) =>
      context.household.events.filter(
        (event) =>
          event.type === type &&
          (!subtypes || subtypes.includes(event.subtype ?? null)) &&
          withinMonthsBefore(event.date, context.asOf, withinMonths),
      ).length,
  }),
];
