import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { parseInput } from "../errors/parse-input.ts";
import { changeDrillClock } from "./change-drill-clock.ts";
import { setSpeedInput } from "./schemas.ts";

/** POST /drills/:id/speed {speed 1–10} — injects, SLAs and escalation timers all follow. */
export async function setDrillSpeed(id: string, raw: unknown, actor: Actor, db?: Db, now?: Date) {
  const { speed } = parseInput(setSpeedInput, raw, "Invalid speed.");
  return changeDrillClock(id, { kind: "speed", speed }, actor, db, now);
}
