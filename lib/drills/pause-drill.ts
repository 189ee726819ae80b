import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { changeDrillClock } from "./change-drill-clock.ts";

/** POST /drills/:id/pause — drill time stops: no inject, SLA or escalation falls due. */
export const pauseDrill = (id: string, actor: Actor, db?: Db, now?: Date) =>
  changeDrillClock(id, { kind: "pause" }, actor, db, now);
