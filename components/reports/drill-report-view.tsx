"use client";
import Link from "next/link";
import { DrillBadge } from "@/components/drills/drill-badge";
import { DrillComparisonCharts } from "@/components/drills/drill-comparison-charts";
import { DrillScoreView } from "@/components/drills/drill-score-view";
import { DataTable } from "@/components/metrics/chart-panel";
import { Button } from "@/components/ui/button";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { useCreateFollowUp } from "@/lib/follow-ups/queries";
import type { Jsonify } from "@/lib/query/jsonify";
import type { DrillReport } from "@/lib/reports/get-drill-report";
import { outcomeText } from "@/lib/reports/render-drill-report-markdown";
import { FollowUpsPanel } from "./follow-ups-panel";
import { ReportPage, ReportSection, type ReportViewProps, utc } from "./report-page";

type R = Jsonify<DrillReport>;

/** One lesson (a late or missed action) turned into a follow-up on the drill's incident. */
function LessonButton({ incidentKey, text }: { incidentKey: string; text: string }) {
  const create = useCreateFollowUp(incidentKey);
  return (
    <span className="print:hidden">
      <Button
        variant="secondary"
        disabled={create.isPending || create.isSuccess}
        onClick={() => create.mutate({ title: text.slice(0, 300) })}
      >
        {create.isSuccess ? "Follow-up added ✓" : "Make a follow-up"}
      </Button>
      <ProblemAlert error={create.error} />
    </span>
  );
}

/** The after-action report of a drill run: how the team did against the scenario's targets,
 *  what was late and why, the facilitator's notes, the trend, and the lessons to act on. */
export function DrillReportView({ report: r, canWrite, canPropose }: ReportViewProps<R>) {
  const run = r.run;
  const primary = r.incidents[0];
  return (
    <ReportPage
      back={{ href: `/drills/${run.id}`, label: run.key }}
      markdown={`/api/v1/drills/${run.id}/report?format=md`}
    >
      <header className="space-y-1">
        <p className="text-sm text-muted">
          Drill after-action report · <DrillBadge runKey={run.key} /> not a real incident
        </p>
        <h1 className="text-2xl font-semibold">
          {run.key} — {run.scenarioTitle}
        </h1>
        <p className="text-sm">
          Scenario {run.scenarioSlug} (file {run.scenarioHash.slice(0, 12)}…) · {run.status}
          {run.endReason ? ` (${run.endReason})` : ""} · started {utc(run.startedAt)} by{" "}
          {run.startedByLabel} · ended {utc(run.endedAt)} · generated {utc(r.generatedAt)}
        </p>
      </header>
      <ReportSection id="dr-objectives" title="Objectives and participants">
        <ul className="list-disc pl-5 text-sm">
          {run.objectives.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
        <DataTable
          head={["Role", "Played by"]}
          rows={r.participants.map((p) => [p.role, p.name])}
        />
      </ReportSection>
      <DrillScoreView score={r.score} live={r.live} />
      <ReportSection id="dr-late" title="What was late, and why">
        {r.late.length ? (
          <ul className="space-y-2">
            {r.late.map((a) => (
              <li
                key={a.id}
                className="flex flex-wrap items-start gap-3 rounded border border-line p-2 text-sm"
                data-testid={`late-${a.id}`}
              >
                <div className="min-w-64 flex-1">
                  <p className="font-medium">
                    {a.label} — {outcomeText(a)}
                  </p>
                  <p className="text-muted">{a.why ?? "no reason recorded"}</p>
                </div>
                {canWrite && primary ? (
                  <LessonButton
                    incidentKey={primary.key}
                    text={`Drill ${run.key}: ${a.label} was ${outcomeText(a)} — ${a.why ?? ""}`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">Nothing was late.</p>
        )}
      </ReportSection>
      <ReportSection id="dr-notes" title="Facilitator’s notes">
        <p className="whitespace-pre-wrap text-sm" data-testid="drill-report-notes">
          {run.facilitatorNotes.trim() || "No notes."}
        </p>
      </ReportSection>
      <DrillComparisonCharts data={r.comparison} />
      <ReportSection id="dr-incidents" title="Incidents of this drill">
        {r.incidents.length ? (
          <DataTable
            head={["Incident", "Title", "Severity", "Status", "Report"]}
            rows={r.incidents.map((i) => [
              i.key,
              i.title,
              i.severity,
              i.status,
              <Link
                key="l"
                className="text-accent hover:underline"
                href={`/incidents/${i.key}/report`}
              >
                After-action report
              </Link>,
            ])}
          />
        ) : (
          <p className="text-sm text-muted">No incident was opened.</p>
        )}
      </ReportSection>
      {primary ? (
        <FollowUpsPanel
          incidentRef={primary.key}
          initial={r.followUps}
          people={r.people}
          canWrite={canWrite}
          canPropose={canPropose}
        />
      ) : null}
    </ReportPage>
  );
}
