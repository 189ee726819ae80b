import { formatDuration } from "../metrics/format-duration.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { DrillReport } from "./get-drill-report.ts";
import {
  renderReportMarkdown,
  mdTable as table,
  utcText as utc,
} from "./render-report-markdown.ts";

type R = DrillReport | Jsonify<DrillReport>;

export const OUTCOME_TEXT = {
  on_time: "on time",
  late: "late",
  missed: "missed",
  pending: "pending",
} as const;

/** "late by 4 m 00 s", "on time (1 m 30 s)", "missed", "pending": one outcome in words. */
export function outcomeText(a: {
  outcome: keyof typeof OUTCOME_TEXT;
  actualSeconds: number | null;
  lateBySeconds: number | null;
}) {
  if (a.outcome === "late") return `late by ${formatDuration(a.lateBySeconds)}`;
  if (a.outcome === "on_time") return `on time (${formatDuration(a.actualSeconds)})`;
  return OUTCOME_TEXT[a.outcome];
}

/** The drill run's report as Markdown: the exercise first, then each incident's own report
 *  one heading level down. */
export function renderDrillReportMarkdown(r: R): string {
  const run = r.run;
  const out: string[] = [
    `# Drill report — ${run.key}: ${run.scenarioTitle}`,
    "",
    `DRILL — not a real incident. Scenario \`${run.scenarioSlug}\` (file ${run.scenarioHash.slice(0, 12)}…), ${run.status}${run.endReason ? ` (${run.endReason})` : ""}. Started ${utc(run.startedAt)} by ${run.startedByLabel}, ended ${utc(run.endedAt)}${run.endedByLabel ? ` by ${run.endedByLabel}` : ""}. Generated ${utc(r.generatedAt)}.`,
    "",
    "## Objectives",
    "",
    ...run.objectives.map((o) => `- ${o}`),
    "",
    "## Participants",
    "",
    table(
      ["Role", "Played by"],
      r.participants.map((p) => [p.role, p.name]),
    ),
    "",
    `## Score: ${r.score.overall} / 100${r.live ? " (live, the run is still going)" : ""}`,
    "",
    "On time scores 1, late 0.5 × target / (target + lateness), missed 0; pending actions are not counted. Times are drill time.",
    "",
    table(
      ["Role", "Score", "On time", "Late", "Missed", "Pending"],
      r.score.byRole.map((x) => [x.role, x.score, x.onTime, x.late, x.missed, x.pending]),
    ),
    "",
    "## Expected actions",
    "",
    table(
      ["Action", "Role", "Target", "Actual", "Outcome"],
      r.score.actions.map((a) => [
        a.label,
        a.role,
        formatDuration(a.targetSeconds),
        a.actualSeconds === null ? "—" : formatDuration(a.actualSeconds),
        outcomeText(a),
      ]),
    ),
    "",
    "## What was late, and why",
    "",
    r.late.length
      ? r.late
          .map((a) => `- **${a.label}** — ${outcomeText(a)}: ${a.why ?? "no reason recorded"}`)
          .join("\n")
      : "Nothing was late.",
    "",
    "## Facilitator's notes",
    "",
    run.facilitatorNotes.trim() || "No notes.",
    "",
    "## Compared with earlier runs",
    "",
    r.comparison.runs.length
      ? table(
          [
            "Run",
            "Started",
            "Score",
            ...r.comparison.targets.map((t) => `${t.label} (target ${formatDuration(t.within)})`),
          ],
          r.comparison.runs.map((x) => [
            `${x.key}${x.current ? " (this run)" : ""}${x.sameScenario ? "" : " (other scenario version)"}`,
            utc(x.startedAt),
            x.overall,
            ...r.comparison.targets.map((t) => {
              const a = x.actions[t.id];
              return a?.actualSeconds === null || !a
                ? (a?.outcome ?? "—")
                : formatDuration(a.actualSeconds);
            }),
          ]),
        )
      : "No scored runs of this scenario yet.",
    "",
    "## Incidents",
    "",
    r.incidents.length
      ? table(
          ["Incident", "Title", "Severity", "Status"],
          r.incidents.map((i) => [i.key, i.title, i.severity, i.status]),
        )
      : "No incident was opened.",
    "",
  ];
  for (const rep of r.reports)
    out.push(
      renderReportMarkdown(rep)
        .split("\n")
        .map((l) => (l.startsWith("#") ? `#${l}` : l))
        .join("\n"),
      "",
    );
  return out.join("\n");
}
