import { z } from "zod";

const title = z
  .string()
  .trim()
  .min(1, "Say what needs doing")
  .max(300, "At most 300 characters")
  .refine((s) => !s.includes("\u0000"), "No control characters");
const due = z
  .string()
  .max(40)
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(s)) &&
      new Date(s).getUTCFullYear() >= 2000 &&
      new Date(s).getUTCFullYear() <= 9999,
    "A date between 2000 and 9999",
  )
  .transform((s) => new Date(s));

export const FOLLOW_UP_STATUSES = ["open", "done", "cancelled"] as const;

export const createFollowUpInput = z.strictObject({
  title,
  ownerId: z.uuid().nullish(),
  dueAt: due.nullish(),
});
export const updateFollowUpInput = z
  .strictObject({
    title: title.optional(),
    ownerId: z.uuid().nullable().optional(),
    dueAt: due.nullable().optional(),
    status: z.enum(FOLLOW_UP_STATUSES).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Change at least one field");
export const listFollowUpsQuery = z.object({
  status: z.enum([...FOLLOW_UP_STATUSES, "all"]).default("open"),
  incident: z.string().max(100).optional(),
});
