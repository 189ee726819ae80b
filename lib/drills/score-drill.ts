// Scores a drill run: each expected action of the scenario against its target, in DRILL time
// (lib/drills/drill-clock.ts), from the machine timestamps the console recorded — never from
// what anyone typed. Pure: the loader (score-drill-run.ts) turns rows into these inputs, and
// the tests hand-build them.
//
// The formula (shown with the score, so nobody has to guess):
// - on time: 1 point; late by L against a target of W: 0.5 × W / (W + L) — half a point for
//   barely late, falling towards zero the later it was, but always above a miss; missed: 0;
// - pending actions (the run still going, not yet due) are left out of the count;
// - a role's score and the overall score are 100 × points / settled actions, rounded; with
//   nothing settled yet the score is 100 (nothing has gone wrong so far).
import { type ClockSegment, elapsedAt } from "./drill-clock.ts";
import { drillStamp } from "./drill-stamp.ts";
import type { ExpectedAction } from "./scenario-schema.ts";
import { type DrillEvidence, occurrenceOf } from "./score-drill-evidence.ts";
import type { ActionOutcome, DrillScore } from "./views.ts";

export type { DrillEvidence } from "./score-drill-evidence.ts";

export type DrillScoreInput = {
  expected: readonly ExpectedAction[];
  clock: readonly ClockSegment[];
  /** Wall ms the run ended, null while it runs. */
  endedAt: number | null;
  /** Wall ms "now" (for a running drill: how far it has got). */
  now: number;
  /** The scenario inject id → wall ms it fired (absent or null: not fired). */
  injectFiredAt: Readonly<Record<string, number | null>>;
  evidence: DrillEvidence;
};

export function actionPoints(
  a: Pick<ActionOutcome, "outcome" | "targetSeconds" | "lateBySeconds">,
) {
  if (a.outcome === "on_time") return 1;
  if (a.outcome === "late") {
    const late = Math.max(0, a.lateBySeconds ?? 0);
    return (0.5 * a.targetSeconds) / (a.targetSeconds + late);
  }
  return 0;
}

function percent(actions: readonly ActionOutcome[]) {
  const settled = actions.filter((a) => a.outcome !== "pending");
  if (!settled.length) return 100;
  return Math.round((100 * settled.reduce((s, a) => s + actionPoints(a), 0)) / settled.length);
}

export function scoreDrill(input: DrillScoreInput): DrillScore {
  const { clock, expected, evidence } = input;
  const endWall = input.endedAt ?? input.now;
  const drillNowMs = elapsedAt(clock, endWall);
  const ended = input.endedAt !== null;
  const toDrill = (wall: number) => elapsedAt(clock, wall);

  const actions = expected.map((e): ActionOutcome => {
    const base = {
      id: e.id,
      label: e.label,
      role: e.role,
      action: e.action,
      targetSeconds: e.within,
    };
    let refMs = 0;
    if (e.from) {
      const fired = input.injectFiredAt[e.from];
      if (fired === undefined || fired === null) {
        return ended
          ? {
              ...base,
              actualSeconds: null,
              outcome: "missed",
              lateBySeconds: null,
              why: `its starting inject "${e.from}" never fired before the run ended at ${drillStamp(drillNowMs)}`,
            }
          : { ...base, actualSeconds: null, outcome: "pending", lateBySeconds: null, why: null };
      }
      refMs = toDrill(fired);
    }
    // Only what happened by the end counts: a late click after "end" changes nothing.
    const occ = occurrenceOf(e, evidence, endWall);
    const explain = (untilWall: number) => occ.why(toDrill, refMs, untilWall);
    if (occ.at !== null) {
      const actual = Math.max(0, Math.round((toDrill(occ.at) - refMs) / 1000));
      if (actual <= e.within)
        return { ...base, actualSeconds: actual, outcome: "on_time", lateBySeconds: 0, why: null };
      return {
        ...base,
        actualSeconds: actual,
        outcome: "late",
        lateBySeconds: actual - e.within,
        why: explain(occ.at),
      };
    }
    const sinceRef = Math.max(0, Math.round((drillNowMs - refMs) / 1000));
    if (ended)
      return {
        ...base,
        actualSeconds: null,
        outcome: "missed",
        lateBySeconds: null,
        why: explain(endWall),
      };
    if (sinceRef <= e.within)
      return { ...base, actualSeconds: null, outcome: "pending", lateBySeconds: null, why: null };
    // Running and overdue: late already, by as much as it has been overdue so far.
    return {
      ...base,
      actualSeconds: null,
      outcome: "late",
      lateBySeconds: sinceRef - e.within,
      why: explain(endWall),
    };
  });

  const roles = [...new Set(actions.map((a) => a.role))];
  return {
    overall: percent(actions),
    byRole: roles.map((role) => {
      const mine = actions.filter((a) => a.role === role);
      const count = (o: ActionOutcome["outcome"]) => mine.filter((a) => a.outcome === o).length;
      return {
        role,
        score: percent(mine),
        onTime: count("on_time"),
        late: count("late"),
        missed: count("missed"),
        pending: count("pending"),
      };
    }),
    actions,
    computedAt: new Date(input.now).toISOString(),
  };
}
