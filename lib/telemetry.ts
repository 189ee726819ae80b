// Prometheus instruments (issue 15): the one registry, defined once per process. A foundation
// like lib/log.ts, so the hot paths (ingest, the problem mapper, receipts, uploads) record with
// one cheap call and no domain import; what is counted from the database at scrape time is
// added by lib/metrics/prometheus-metrics.ts. Served at GET /api/metrics.
import client from "prom-client";
import { processSingleton } from "./process-singleton.ts";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// Issue → succeeded spans an agent's poll and the action itself: seconds to many minutes.
const COMMAND_SECONDS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "breakwater_process_" });
  const r = { registers: [registry] };
  return {
    registry,
    eventsIngested: new client.Counter({
      ...r,
      name: "breakwater_events_ingested_total",
      help: "Events stored by POST /events and /ocsf (duplicates not counted).",
      labelNames: ["format"] as const,
    }),
    eventDuplicates: new client.Counter({
      ...r,
      name: "breakwater_events_duplicate_total",
      help: "Events resent by agents and recognised as already stored.",
    }),
    batchSeconds: new client.Histogram({
      ...r,
      name: "breakwater_ingest_batch_duration_seconds",
      help: "Time from a batch's parsed body to its committed reply, by outcome.",
      labelNames: ["outcome"] as const,
      buckets: SECONDS,
    }),
    refusals: new client.Counter({
      ...r,
      name: "breakwater_http_refusals_total",
      help: "429 (overload, rate limits) and 503 (database unreachable) answers.",
      labelNames: ["status"] as const,
    }),
    issueToSucceeded: new client.Histogram({
      ...r,
      name: "breakwater_command_issue_to_succeeded_seconds",
      help: "From a command's issue to its succeeded receipt.",
      labelNames: ["type"] as const,
      buckets: COMMAND_SECONDS,
    }),
    // Set at scrape time from the database (lib/metrics/prometheus-metrics.ts).
    commands: new client.Gauge({
      ...r,
      name: "breakwater_commands",
      help: "Commands by state, counted at scrape time.",
      labelNames: ["state"] as const,
    }),
    timerLag: new client.Gauge({
      ...r,
      name: "breakwater_timer_lag_seconds",
      help: "How long the oldest due timer has waited to fire (0 when none is due).",
    }),
    auditUnsealed: new client.Gauge({
      ...r,
      name: "breakwater_audit_unsealed_entries",
      help: "Committed audit entries the sealer has not chained yet (its backlog).",
    }),
    auditSealLag: new client.Gauge({
      ...r,
      name: "breakwater_audit_seal_lag_seconds",
      help: "Age of the oldest audit entry not chained yet, i.e. the sealer's lag (0 when all are sealed).",
    }),
    dbPool: new client.Gauge({
      ...r,
      name: "breakwater_db_pool_clients",
      help: "PostgreSQL pool clients by state; waiting = queries queued for a connection.",
      labelNames: ["state"] as const,
    }),
    // Jobs / transactions is how well group commit (BREAKWATER_GROUP_COMMIT_MS) groups under
    // the current load: 1 means every job paid for a COMMIT of its own.
    groupCommitTransactions: new client.Counter({
      ...r,
      name: "breakwater_group_commit_transactions_total",
      help: "Transactions committed by group commit (agent claims, receipts, small event batches).",
    }),
    groupCommitJobs: new client.Counter({
      ...r,
      name: "breakwater_group_commit_jobs_total",
      help: "Jobs those transactions carried.",
    }),
    uploadBytes: new client.Counter({
      ...r,
      name: "breakwater_artifact_upload_bytes_total",
      help: "Artifact bytes written to storage by tus uploads.",
    }),
  };
}

/** The process's instruments (process-wide: Next evaluates routes and instrumentation as
 *  separate module graphs, and they must count into one registry). */
export const telemetry = processSingleton("telemetry", create);
