// The drill API's inputs (zod; the outputs are lib/drills/views.ts).
import { z } from "zod";
import { safeText } from "../protocol/safe-schemas.ts";
import { MAX_SPEED, MIN_SPEED } from "./drill-clock.ts";

const speed = z.number().min(MIN_SPEED).max(MAX_SPEED);

export const startDrillInput = z.strictObject({
  scenario: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "a scenario slug"),
  speed: speed.default(1),
  participants: z
    .array(z.strictObject({ userId: z.string().uuid(), role: safeText().min(1).max(100) }))
    .max(100)
    .default([]),
});
export type StartDrillInput = z.infer<typeof startDrillInput>;

export const setSpeedInput = z.strictObject({ speed });
export const notesInput = z.strictObject({ notes: safeText().max(20_000) });
export const listDrillsInput = z.strictObject({
  scenario: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .optional(),
});
