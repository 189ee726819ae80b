// What the drill API answers (GET /api/v1/drills…), shared by the engine that builds these
// views and the pages that show them. Dates are ISO strings: these are the JSON shapes.
import type { ClockSegment } from "./drill-clock.ts";
import type { ExpectedActionKind, InjectKind } from "./scenario-schema.ts";

export type DrillStatusName = "running" | "paused" | "ended";

export type ScenarioSummary = {
  slug: string;
  title: string;
  description: string;
  objectives: string[];
  playbook: string;
  roles: { key: string; brief: string }[];
  durationSeconds: number;
  fleetHosts: number;
  injectCount: number;
  expected: { id: string; label: string; role: string; within: number }[];
  /** sha256 of the file: runs with the same hash compare like for like. */
  hash: string;
};

export type ActionOutcomeName = "on_time" | "late" | "missed" | "pending";

export type ActionOutcome = {
  id: string;
  label: string;
  role: string;
  action: ExpectedActionKind;
  targetSeconds: number;
  /** Drill seconds from the reference point to the action; null if it never happened. */
  actualSeconds: number | null;
  outcome: ActionOutcomeName;
  lateBySeconds: number | null;
  /** For late or missed actions: what it waited on, e.g. "approval of approve-quarantine
   *  waited 4 min for commander (Dana Reyes)". */
  why: string | null;
};

export type DrillScore = {
  /** 0–100. */
  overall: number;
  byRole: {
    role: string;
    score: number;
    onTime: number;
    late: number;
    missed: number;
    pending: number;
  }[];
  actions: ActionOutcome[];
  computedAt: string;
};

export type DrillRunSummary = {
  id: string;
  key: string;
  scenarioSlug: string;
  scenarioTitle: string;
  scenarioHash: string;
  status: DrillStatusName;
  speed: number;
  elapsedMs: number;
  durationSeconds: number;
  startedAt: string;
  startedByLabel: string;
  endedAt: string | null;
  overallScore: number | null;
};

export type DrillRunView = DrillRunSummary & {
  clockSegments: ClockSegment[];
  pausedAt: string | null;
  endReason: string | null;
  facilitatorNotes: string;
  objectives: string[];
  participants: { userId: string; name: string; role: string }[];
  injects: {
    index: number;
    id: string;
    kind: InjectKind;
    label: string;
    atSeconds: number;
    status: "pending" | "fired" | "failed" | "skipped";
    firedAt: string | null;
    error: string | null;
  }[];
  incidents: { id: string; key: string; title: string; status: string; severity: string }[];
  hosts: { total: number; online: number; offline: number };
  entries: {
    id: string;
    at: string;
    elapsedMs: number;
    type: string;
    actorLabel: string;
    summary: string;
  }[];
  score: DrillScore | null;
  /** Whether the caller may pause, resume, change speed, end and write notes. */
  canControl: boolean;
};
