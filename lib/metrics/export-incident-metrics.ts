import "server-only";
import type { Db } from "../db/index.ts";
import { type IncidentMetricsRow, listIncidentMetrics } from "./list-incident-metrics.ts";
import { metricsQuery } from "./schemas.ts";

const COLUMNS: [string, (r: IncidentMetricsRow) => unknown][] = [
  ["key", (r) => r.key],
  ["title", (r) => r.title],
  ["severity", (r) => r.severity],
  ["status", (r) => r.status],
  ["plugin", (r) => r.pluginName],
  ["playbook", (r) => r.playbook],
  ["playbook_version", (r) => r.playbookVersion],
  ["drill", (r) => r.drill],
  ["hosts", (r) => r.hostCount],
  ["first_observed_at", (r) => r.firstObservedAt],
  ["opened_at", (r) => r.openedAt],
  ["acknowledged_at", (r) => r.acknowledgedAt],
  ["containment_verified_at", (r) => r.containmentVerifiedAt],
  ["contained_at", (r) => r.containedAt],
  ["first_recovered_at", (r) => r.firstRecoveredAt],
  ["closed_at", (r) => r.closedAt],
  ["reopen_count", (r) => r.reopenCount],
  ["containment_commands", (r) => r.containmentCommands],
  ["containment_basis", (r) => r.containmentBasis],
  ["mttd_seconds", (r) => r.mttdSeconds],
  ["mtta_seconds", (r) => r.mttaSeconds],
  ["mttc_seconds", (r) => r.mttcSeconds],
  ["mttr_seconds", (r) => r.mttrSeconds],
];

/** RFC 4180 quoting; a text cell that a spreadsheet would run as a formula (titles come
 *  from agents' plugin names) is prefixed with an apostrophe. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: IncidentMetricsRow[]): string {
  const lines = [COLUMNS.map(([h]) => h).join(",")];
  for (const r of rows) lines.push(COLUMNS.map(([, get]) => csvCell(get(r))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** The incident-level rows behind every card and chart, as JSON rows or a CSV file. */
export async function exportIncidentMetrics(raw: unknown, format: "json" | "csv", db?: Db) {
  const f = metricsQuery.parse(raw);
  const rows = await listIncidentMetrics(f, db);
  if (format === "json") return { kind: "json" as const, rows };
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    kind: "csv" as const,
    csv: toCsv(rows),
    filename: `breakwater-incidents-${day(f.from)}-to-${day(f.to)}.csv`,
  };
}
