import { formatDuration } from "../metrics/format-duration.ts";
import type { AfterActionReport } from "./get-after-action-report.ts";

type R = AfterActionReport | import("../query/jsonify.ts").Jsonify<AfterActionReport>;
export const utcText = (d: Date | string | null | undefined) =>
  d ? `${new Date(d).toISOString().replace("T", " ").slice(0, 19)} UTC` : "—";
/** Markdown table cells cannot hold pipes or newlines. */
const cell = (v: unknown) =>
  String(v ?? "—")
    .replaceAll("|", "\\|")
    .replace(/\r?\n/g, " ");
export const mdTable = (head: string[], rows: unknown[][]) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");

export function slaText(s: { state: string; seconds: number | null }) {
  if (s.state === "none") return "no SLA";
  if (s.state === "met") return `met, ${formatDuration(s.seconds)} to spare`;
  if (s.state === "running") return `running, ${formatDuration(s.seconds)} left`;
  return `breached by ${formatDuration(s.seconds)}`;
}

/** The after-action report as Markdown, for a wiki page or an e-mail. */
export function renderReportMarkdown(r: R): string {
  const i = r.incident;
  const m = r.metrics;
  const out: string[] = [];
  out.push(
    `# After-action report — ${i.key}${i.drill ? " (DRILL)" : ""}`,
    "",
    `**${i.title}**`,
    "",
  );
  if (i.drillRun)
    out.push(
      `DRILL — part of ${i.drillRun.key} (${i.drillRun.scenarioTitle}); not a real incident. The drill's score is in its run report.`,
      "",
    );
  out.push(
    `Severity ${i.severity} · status ${i.status} · plugin ${i.pluginName ?? "—"} ${i.pluginVersion ?? ""} · ${i.hosts.length} host(s) · ${i.eventCount} event(s). Generated ${utcText(r.generatedAt)}.`,
    "",
  );
  out.push("## Summary", "");
  out.push(
    `Detected ${utcText(i.detectedAt)}, opened ${utcText(i.openedAt)}, acknowledged ${utcText(i.acknowledgedAt)}, containment verified ${utcText(i.containmentVerifiedAt)}, recovered ${utcText(i.recoveredAt)}, closed ${utcText(i.closedAt)}.`,
    "",
  );
  if (m) {
    out.push(
      mdTable(
        ["Figure", "Time", "From"],
        [
          ["Time to detect (MTTD)", formatDuration(m.mttdSeconds), "first observedAt → opened"],
          [
            "Time to acknowledge (MTTA)",
            formatDuration(m.mttaSeconds),
            "opened → first acknowledgement",
          ],
          [
            "Time to contain (MTTC)",
            formatDuration(m.mttcSeconds),
            m.containmentBasis === "transition"
              ? "opened → “contained” click (no containment command issued)"
              : "opened → containment verified by receipts",
          ],
          [
            "Time to recover (MTTR)",
            formatDuration(m.mttrSeconds),
            `opened → first recovery${m.reopenCount ? ` (reopened ${m.reopenCount}×)` : ""}`,
          ],
        ],
      ),
      "",
    );
  }
  out.push(
    `Containment: ${r.curve.contained} of ${r.curve.hosts} affected host(s) contained by a succeeded command.`,
    "",
  );
  if (r.curve.points.length > 1)
    out.push(
      mdTable(
        ["Minutes after opening", "Hosts contained"],
        r.curve.points.map((p) => [p.minute, `${p.contained} of ${r.curve.hosts}`]),
      ),
      "",
    );
  out.push(
    "## Roles",
    "",
    r.roles.length
      ? mdTable(
          ["Role", "Held by", "Since"],
          r.roles.map((x) => [x.label, x.holder ?? "unfilled", utcText(x.assignedAt)]),
        )
      : "No roles were assigned.",
    "",
  );
  out.push("## Playbook", "");
  if (!r.playbooks.length) out.push("No playbook ran.", "");
  for (const run of r.playbooks) {
    out.push(
      `${run.slug} v${run.version} (content ${run.contentHash.slice(0, 12)}…), ${run.status}, started ${utcText(run.startedAt)}.`,
      "",
    );
    out.push(
      mdTable(
        ["Step", "Role", "Status", "Done", "By", "SLA"],
        run.steps.map((s) => [
          s.title,
          s.role,
          s.status,
          utcText(s.completedAt),
          s.completedByName,
          slaText(s.sla),
        ]),
      ),
      "",
    );
  }
  out.push("## Commands", "");
  if (!r.commands.length) out.push("No commands were issued.", "");
  for (const c of r.commands) {
    out.push(
      `- **${c.type}** requested by ${c.requestedByLabel} at ${utcText(c.requestedAt)} — “${c.comment}”; approval ${c.approval}${c.approvedByLabel ? ` by ${c.approvedByLabel}` : ""}${c.breakGlassReason ? ` (break-glass: ${c.breakGlassReason})` : ""}`,
    );
    for (const h of c.commands)
      out.push(
        `  - ${h.host.hostname}: ${h.status}${h.failureReason ? ` (${h.failureReason})` : ""} — receipts: ${h.receipts.map((x) => `${x.status} ${utcText(x.at)}${x.reason ? ` (${x.reason})` : ""}`).join(", ") || "none"}`,
      );
  }
  out.push("", "## Artifacts", "");
  out.push(
    r.artifacts.length
      ? mdTable(
          ["File", "SHA-256", "Bytes", "Status", "Custody chain"],
          r.artifacts.map((a) => [
            a.filename,
            a.sha256,
            a.sizeBytes,
            a.status,
            a.chain.ok ? `intact (${a.chain.entries} entries)` : `BROKEN: ${a.chain.reason}`,
          ]),
        )
      : "No artifacts were collected.",
    "",
  );
  out.push(
    "## Notes",
    "",
    r.notes.length
      ? r.notes.map((n) => `- ${utcText(n.at)} ${n.actorLabel}: ${n.summary}`).join("\n")
      : "No notes.",
    "",
  );
  out.push(
    "## Follow-ups",
    "",
    r.followUps.length
      ? mdTable(
          ["Item", "Owner", "Due", "Status", "Playbook change"],
          r.followUps.map((f) => [
            f.title,
            f.owner?.name ?? "unassigned",
            utcText(f.dueAt),
            f.overdue ? "OVERDUE" : f.status,
            f.draft
              ? f.draft.publishedVersion
                ? `published as ${f.playbookSlug} v${f.draft.publishedVersion}`
                : `draft of ${f.playbookSlug} v${f.playbookVersion}`
              : "—",
          ]),
        )
      : "No follow-ups.",
    "",
  );
  out.push(
    "## Timeline",
    "",
    mdTable(
      ["Time", "Who", "What"],
      r.timeline.map((t) => [utcText(t.at), t.actorLabel, t.summary]),
    ),
    "",
  );
  return out.join("\n");
}
