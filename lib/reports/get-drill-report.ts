import "server-only";
import { z } from "zod";
import { type Db, getDb } from "../db/index.ts";
import { compareDrillRuns } from "../drills/compare-drill-runs.ts";
import { getDrillScore } from "../drills/get-drill-score.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { listFollowUps } from "../follow-ups/list-follow-ups.ts";
import { listActivePeople } from "../users/list-active-people.ts";
import { getAfterActionReport } from "./get-after-action-report.ts";

export type DrillReport = Awaited<ReturnType<typeof getDrillReport>>;

const runId = z.uuid("a drill run id");

/** The after-action report of one drill RUN: a drill is one exercise, whatever number of
 *  incidents its injects opened, so the report covers the run — its score, what was late and
 *  why, the facilitator's notes, the comparison with earlier runs — and each incident's own
 *  report (with `full`, as the Markdown export needs; the page links to them instead). */
export async function getDrillReport(
  rawId: unknown,
  opts: { full?: boolean } = {},
  db?: Db,
  now = new Date(),
) {
  const id = parseInput(runId, rawId);
  db ??= await getDb();
  const run = await db.drillRun.findUnique({
    where: { id },
    select: {
      id: true,
      key: true,
      scenarioSlug: true,
      scenarioTitle: true,
      scenarioHash: true,
      scenario: true,
      status: true,
      speed: true,
      startedAt: true,
      startedByLabel: true,
      endedAt: true,
      endedByLabel: true,
      endReason: true,
      facilitatorNotes: true,
      participants: {
        orderBy: { role: "asc" },
        select: { role: true, user: { select: { id: true, name: true } } },
      },
      incidents: {
        orderBy: { openedAt: "asc" },
        select: { id: true, key: true, title: true, status: true, severity: true },
      },
    },
  });
  if (!run) throw new AppError("not_found", "No such drill run.");
  const { scenario, participants, incidents, ...rest } = run;
  const objectives = ((scenario as { objectives?: unknown }).objectives ?? []) as string[];
  const ids = incidents.map((i) => i.id);
  const [score, comparison, followUps, people, reports] = await Promise.all([
    getDrillScore(id, db, now),
    compareDrillRuns(id, db),
    Promise.all(ids.map((i) => listFollowUps({ incident: i, status: "all" }, db, now))),
    listActivePeople(db),
    opts.full ? Promise.all(ids.map((i) => getAfterActionReport(i, db, now))) : [],
  ]);
  return {
    generatedAt: now,
    run: { ...rest, objectives },
    participants: participants.map((p) => ({ role: p.role, userId: p.user.id, name: p.user.name })),
    live: score.live,
    score: score.score,
    late: score.score.actions.filter((a) => a.outcome === "late" || a.outcome === "missed"),
    comparison,
    // Wall-clock MTTx of a paused or ×10 drill would mislead; the score is in drill time.
    incidents,
    // Lessons become follow-ups on the drill's first incident (a follow-up belongs to an
    // incident, and that one carries the playbook run a proposed draft starts from).
    followUps: followUps.flatMap((f) => f.items),
    people,
    reports,
  };
}
