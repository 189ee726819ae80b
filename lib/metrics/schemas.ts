import { z } from "zod";
import { SEVERITIES } from "../protocol/events.ts";
import { isTimeZone } from "./weeks.ts";

const DAY = 86_400_000;
export const RANGES = { "7d": 7, "30d": 30, "90d": 90 } as const;
export const DRILL_MODES = ["exclude", "include", "only"] as const;
/** Longest custom range: a year and a bit, so a "this year" view fits. */
const MAX_RANGE_DAYS = 400;

const isoDate = z
  .string()
  .max(40)
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(s)) &&
      Math.abs(Date.parse(s)) < 8.64e15 &&
      new Date(s).getUTCFullYear() >= 2000 &&
      new Date(s).getUTCFullYear() <= 9999,
    "An ISO date between 2000 and 9999",
  )
  .transform((s) => new Date(s));

/** Query string of every metrics endpoint. Dates are instants; `tz` only shapes weekly buckets. */
export const metricsQuery = z
  .object({
    range: z.enum(["7d", "30d", "90d", "custom"]).default("30d"),
    from: isoDate.optional(),
    to: isoDate.optional(),
    severity: z
      .string()
      .max(100)
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(z.enum(SEVERITIES)))
      .optional(),
    playbook: z.string().trim().max(100).optional(),
    plugin: z.string().trim().max(200).optional(),
    drills: z.enum(DRILL_MODES).default("exclude"),
    tz: z
      .string()
      .max(64)
      .refine(isTimeZone, "An IANA time zone such as Europe/Berlin")
      .default("UTC"),
  })
  .transform((q, ctx) => {
    let to = q.to ?? new Date();
    let from: Date;
    if (q.range === "custom") {
      if (!q.from) {
        ctx.addIssue({ code: "custom", path: ["from"], message: "A custom range needs a start" });
        return z.NEVER;
      }
      from = q.from;
    } else {
      to = q.to ?? new Date();
      from = new Date(to.getTime() - RANGES[q.range] * DAY);
    }
    if (from >= to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "The start must be before the end" });
      return z.NEVER;
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `At most ${MAX_RANGE_DAYS} days` });
      return z.NEVER;
    }
    return {
      from,
      to,
      severity: q.severity?.length ? q.severity : undefined,
      playbook: q.playbook || undefined,
      plugin: q.plugin || undefined,
      drills: q.drills,
      tz: q.tz,
      range: q.range,
    };
  });
export type MetricsFilter = z.output<typeof metricsQuery>;

/** The period of the same length just before, for the cards' "change" figures. */
export const previousPeriod = (f: MetricsFilter): MetricsFilter => {
  const len = f.to.getTime() - f.from.getTime();
  return { ...f, from: new Date(f.from.getTime() - len), to: f.from };
};
