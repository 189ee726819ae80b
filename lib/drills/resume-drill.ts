import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { changeDrillClock } from "./change-drill-clock.ts";

/** POST /drills/:id/resume — drill time runs again at the run's speed. */
export const resumeDrill = (id: string, actor: Actor, db?: Db, now?: Date) =>
  changeDrillClock(id, { kind: "resume" }, actor, db, now);
