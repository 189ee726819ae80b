"use client";
import Link from "next/link";
import { DataTable } from "@/components/metrics/chart-panel";
import { ContainmentCurveChart } from "@/components/metrics/containment-curve-chart";
import { formatDuration } from "@/lib/metrics/format-duration";
import type { Jsonify } from "@/lib/query/jsonify";
import type { AfterActionReport } from "@/lib/reports/get-after-action-report";
import { slaText } from "@/lib/reports/render-report-markdown";
import { FollowUpsPanel } from "./follow-ups-panel";
import { ReportPage, ReportSection, type ReportViewProps, utc } from "./report-page";

type R = Jsonify<AfterActionReport>;

/** The after-action report of one incident, as the team would send it. */
export function AfterActionReportView({ report: r, canWrite, canPropose }: ReportViewProps<R>) {
  const i = r.incident;
  const m = r.metrics;
  return (
    <ReportPage
      back={{ href: `/incidents/${encodeURIComponent(i.key)}`, label: i.key }}
      markdown={`/api/v1/incidents/${encodeURIComponent(i.key)}/report?format=md`}
    >
      <header className="space-y-1">
        <p className="text-sm text-muted">After-action report{i.drill ? " · DRILL" : ""}</p>
        <h1 className="text-2xl font-semibold">
          {i.key} — {i.title}
        </h1>
        {i.drillRun ? (
          <p className="text-sm font-semibold text-drill">
            DRILL — {i.drillRun.key}, not a real incident.{" "}
            <Link className="underline" href={`/drills/${i.drillRun.id}/report`}>
              The drill&rsquo;s report and score
            </Link>
          </p>
        ) : null}
        <p className="text-sm">
          Severity {i.severity} · status {i.status} · plugin {i.pluginName ?? "—"}{" "}
          {i.pluginVersion ?? ""} · {i.hosts.length} host(s) · {i.eventCount} event(s) · generated{" "}
          {utc(r.generatedAt)}
        </p>
      </header>
      <ReportSection id="r-summary" title="Summary">
        <p className="text-sm">
          Detected {utc(i.detectedAt)}, opened {utc(i.openedAt)}, acknowledged{" "}
          {utc(i.acknowledgedAt)}, containment verified {utc(i.containmentVerifiedAt)}, recovered{" "}
          {utc(i.recoveredAt)}, closed {utc(i.closedAt)}.
        </p>
        {m ? (
          <div className="grid gap-2 sm:grid-cols-4" data-testid="report-figures">
            {(
              [
                ["MTTD", m.mttdSeconds, "first observedAt → opened"],
                ["MTTA", m.mttaSeconds, "opened → first acknowledgement"],
                [
                  "MTTC",
                  m.mttcSeconds,
                  m.containmentBasis === "transition"
                    ? "opened → “contained” click (no containment command)"
                    : "opened → containment verified by receipts",
                ],
                [
                  "MTTR",
                  m.mttrSeconds,
                  `opened → first recovery${m.reopenCount ? `, reopened ${m.reopenCount}×` : ""}`,
                ],
              ] as const
            ).map(([k, v, how]) => (
              <div key={k} className="rounded border border-line p-2">
                <p className="text-xs text-muted">{k}</p>
                <p className="text-lg font-semibold tabular-nums">{formatDuration(v)}</p>
                <p className="text-xs text-muted">{how}</p>
              </div>
            ))}
          </div>
        ) : null}
      </ReportSection>
      <ContainmentCurveChart curve={r.curve} title="Containment curve of this incident" />
      <ReportSection id="r-roles" title="Roles">
        {r.roles.length ? (
          <DataTable
            head={["Role", "Held by", "Since"]}
            rows={r.roles.map((x) => [x.label, x.holder ?? "unfilled", utc(x.assignedAt)])}
          />
        ) : (
          <p className="text-sm text-muted">No roles were assigned.</p>
        )}
      </ReportSection>
      <ReportSection id="r-playbook" title="Playbook">
        {r.playbooks.length === 0 ? <p className="text-sm text-muted">No playbook ran.</p> : null}
        {r.playbooks.map((run) => (
          <div key={run.slug} className="space-y-1">
            <p className="text-sm">
              {run.slug} v{run.version} (content {run.contentHash.slice(0, 12)}…) · {run.status} ·
              started {utc(run.startedAt)}
            </p>
            <DataTable
              head={["Step", "Role", "Status", "Done", "By", "SLA"]}
              rows={run.steps.map((s) => [
                s.title,
                s.role ?? "—",
                s.status,
                utc(s.completedAt),
                s.completedByName ?? "—",
                <span
                  key="sla"
                  className={s.sla.state === "breached" ? "font-semibold text-danger" : ""}
                >
                  {slaText(s.sla)}
                </span>,
              ])}
            />
          </div>
        ))}
      </ReportSection>
      <ReportSection id="r-commands" title="Commands and receipts">
        {r.commands.length === 0 ? (
          <p className="text-sm text-muted">No commands were issued.</p>
        ) : (
          <DataTable
            head={["Command", "Requested", "Approval", "Host", "Outcome", "Receipts"]}
            rows={r.commands.flatMap((c) =>
              c.commands.map((h, n) => [
                n === 0 ? `${c.type} — “${c.comment}”` : "",
                n === 0 ? `${c.requestedByLabel}, ${utc(c.requestedAt)}` : "",
                n === 0
                  ? `${c.approval}${c.approvedByLabel ? ` by ${c.approvedByLabel}` : ""}`
                  : "",
                h.host.hostname,
                `${h.status}${h.failureReason ? ` (${h.failureReason})` : ""}`,
                h.receipts
                  .map((x) => `${x.status} ${utc(x.at)}${x.reason ? ` (${x.reason})` : ""}`)
                  .join("; ") || "none",
              ]),
            )}
          />
        )}
      </ReportSection>
      <ReportSection id="r-artifacts" title="Artifacts">
        {r.artifacts.length === 0 ? (
          <p className="text-sm text-muted">No artifacts were collected.</p>
        ) : (
          <DataTable
            head={["File", "SHA-256", "Bytes", "Status", "Custody chain"]}
            rows={r.artifacts.map((a) => [
              a.filename,
              <span key="h" className="break-all font-mono">
                {a.sha256}
              </span>,
              a.sizeBytes.toLocaleString("en-US"),
              a.status,
              a.chain.ok ? `intact (${a.chain.entries} entries)` : `BROKEN: ${a.chain.reason}`,
            ])}
          />
        )}
      </ReportSection>
      <ReportSection id="r-notes" title="Notes">
        {r.notes.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {r.notes.map((n, k) => (
              <li key={k}>
                {utc(n.at)} · {n.actorLabel}: {n.summary}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">No notes.</p>
        )}
      </ReportSection>
      <FollowUpsPanel
        incidentRef={i.key}
        initial={r.followUps}
        people={r.people}
        canWrite={canWrite}
        canPropose={canPropose}
      />
      <ReportSection id="r-timeline" title="Timeline">
        <DataTable
          head={["Time", "Who", "What"]}
          rows={r.timeline.map((t) => [utc(t.at), t.actorLabel, t.summary])}
        />
      </ReportSection>
    </ReportPage>
  );
}
