import "server-only";
import { type ClockSegment, elapsedAt } from "./drill-clock.ts";
import type { Scenario } from "./scenario-schema.ts";
import type { DrillRunSummary, DrillScore, DrillStatusName } from "./views.ts";

/** The columns a DrillRunSummary is built from (list and detail share them). */
export const drillSummarySelect = {
  id: true,
  key: true,
  scenarioSlug: true,
  scenarioTitle: true,
  scenarioHash: true,
  status: true,
  speed: true,
  clockSegments: true,
  scenario: true,
  startedAt: true,
  startedByLabel: true,
  endedAt: true,
  score: true,
} as const;

type SummaryRow = {
  id: string;
  key: string;
  scenarioSlug: string;
  scenarioTitle: string;
  scenarioHash: string;
  status: string;
  speed: number;
  clockSegments: unknown;
  scenario: unknown;
  startedAt: Date;
  startedByLabel: string;
  endedAt: Date | null;
  score: unknown;
};

export function toDrillRunSummary(r: SummaryRow, now = Date.now()): DrillRunSummary {
  const segments = r.clockSegments as ClockSegment[];
  const score = r.score as DrillScore | null;
  return {
    id: r.id,
    key: r.key,
    scenarioSlug: r.scenarioSlug,
    scenarioTitle: r.scenarioTitle,
    scenarioHash: r.scenarioHash,
    status: r.status as DrillStatusName,
    speed: r.speed,
    elapsedMs: elapsedAt(segments, r.endedAt ? r.endedAt.getTime() : now),
    durationSeconds: (r.scenario as Scenario).durationSeconds,
    startedAt: r.startedAt.toISOString(),
    startedByLabel: r.startedByLabel,
    endedAt: r.endedAt?.toISOString() ?? null,
    overallScore: score?.overall ?? null,
  };
}
