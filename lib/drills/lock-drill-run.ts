import "server-only";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import type { ClockSegment } from "./drill-clock.ts";
import type { Scenario } from "./scenario-schema.ts";

export type LockedDrillRun = {
  id: string;
  key: string;
  status: "running" | "paused" | "ended";
  speed: number;
  segments: ClockSegment[];
  scenario: Scenario;
};

/** Serialises every change to one run (controls, the inject driver): FOR NO KEY UPDATE, so
 *  inserting its timeline rows and injects (KEY SHARE on the run) does not conflict. */
export async function lockDrillRun(tx: Tx, id: string): Promise<LockedDrillRun | null> {
  const rows = await tx.$queryRaw<
    {
      id: string;
      key: string;
      status: LockedDrillRun["status"];
      speed: number;
      clockSegments: unknown;
      scenario: unknown;
    }[]
  >`SELECT "id", "key", "status"::text AS "status", "speed", "clockSegments", "scenario"
    FROM "DrillRun" WHERE "id" = ${id} FOR NO KEY UPDATE`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    key: r.key,
    status: r.status,
    speed: Number(r.speed),
    segments: r.clockSegments as ClockSegment[],
    scenario: r.scenario as Scenario,
  };
}

export async function lockDrillRunOrThrow(tx: Tx, id: string): Promise<LockedDrillRun> {
  const run = await lockDrillRun(tx, id);
  if (!run) throw new AppError("not_found", "No such drill run.");
  return run;
}
