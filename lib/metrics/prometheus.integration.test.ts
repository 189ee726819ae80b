// GET /api/metrics scraped through its real route after real ingest: the numbers move.
import { expect, it } from "vitest";
import { POST as EVENTS } from "../../app/api/agent/v1/events/route.ts";
import { GET } from "../../app/api/metrics/route.ts";
import { describeDb } from "../../test/db.ts";
import { agentRequest, createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { sealAllAudit } from "../audit/seal-audit.ts";
import { env } from "../env.ts";
import { withIngestLimit } from "../http/with-ingest-limit.ts";

const TOKEN = "metrics-token-for-tests-0123456789";
const ctx = { params: Promise.resolve({}) };
const scrape = (auth?: string) =>
  GET(
    new Request("http://localhost/api/metrics", auth ? { headers: { authorization: auth } } : {}),
  );
/** The value of one sample line, e.g. value(text, 'breakwater_events_ingested_total{format="events"}'). */
const value = (text: string, sample: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
};

describeDb("Prometheus metrics", (t) => {
  it("is off without a token, refuses a wrong one, and counts ingest, refusals and the database gauges", async () => {
    env.BREAKWATER_METRICS_TOKEN = undefined;
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    env.BREAKWATER_METRICS_TOKEN = TOKEN;
    const denied = await scrape("Bearer not-the-token");
    expect(denied.status).toBe(401);
    expect(denied.headers.get("content-type")).toContain("application/problem+json");
    expect((await scrape()).status).toBe(401);

    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const h = await createTestHost(t.db);
    const events = [ev(), ev({ type: "quota_exceeded" }), ev({ type: "ipc_anomaly" })];
    const post = (body: unknown) =>
      EVENTS(agentRequest("/api/agent/v1/events", h.token, body) as never, ctx as never);
    expect((await post({ events })).status).toBe(200);
    expect((await post({ events: [events[0]] })).status).toBe(200);
    const busy = withIngestLimit(
      async () => new Response(null),
      () => ({ admitted: 0, running: 0 }),
    );
    expect((await busy()).status).toBe(429);

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const after = await res.text();
    const moved = (sample: string) => value(after, sample) - value(before, sample);
    expect(moved('breakwater_events_ingested_total{format="events"}')).toBe(3);
    expect(moved("breakwater_events_duplicate_total")).toBe(1);
    expect(moved('breakwater_ingest_batch_duration_seconds_count{outcome="stored"}')).toBe(2);
    expect(moved('breakwater_http_refusals_total{status="429"}')).toBe(1);
    expect(after).toMatch(/^breakwater_commands\{state="queued"\} \d+$/m);
    expect(after).toMatch(/^breakwater_timer_lag_seconds \d/m);
    expect(after).toMatch(/^breakwater_audit_unsealed_entries \d+$/m);
    // Ingest opened incidents, which are audited: entries no sealer has chained (none runs here).
    expect(value(after, "breakwater_audit_unsealed_entries")).toBeGreaterThan(0);
    expect(value(after, "breakwater_audit_seal_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(after).toMatch(/^breakwater_db_pool_clients\{state="waiting"\} \d+$/m);
    expect(after).toContain("# TYPE breakwater_command_issue_to_succeeded_seconds histogram");
    expect(after).toContain("# TYPE breakwater_artifact_upload_bytes_total counter");

    // Once sealed, the backlog and its lag are gone.
    await sealAllAudit(t.db);
    const sealed = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(value(sealed, "breakwater_audit_unsealed_entries")).toBe(0);
    expect(value(sealed, "breakwater_audit_seal_lag_seconds")).toBe(0);
  });
});
