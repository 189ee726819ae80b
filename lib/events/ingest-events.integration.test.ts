import { expect, it } from "vitest";
import { POST } from "../../app/api/agent/v1/events/route.ts";
import { describeDb, otherConnection } from "../../test/db.ts";
import { acme, agentRequest, createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { parseBatch } from "./parse-batch.ts";

type Ctx = { params: Promise<Record<string, string>> };
const ctx: Ctx = { params: Promise.resolve({}) };
const post = async (token: string, body: unknown, headers?: Record<string, string>) => {
  const res = await POST(
    agentRequest("/api/agent/v1/events", token, body, headers) as never,
    ctx as never,
  );
  return { status: res.status, headers: res.headers, body: await res.json() };
};

describeDb("POST /api/agent/v1/events", (t) => {
  const count = (hostId: string) => t.db.event.count({ where: { hostId } });

  it("stores a valid batch once and reports resends as duplicates", async () => {
    const h = await createTestHost(t.db);
    const events = [
      ev(),
      ev({ type: "permission_violation", severity: "medium" }),
      ev({ type: "quota_exceeded", plugin: undefined }),
    ];
    const first = await post(h.token, { events });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(first.body.incidentIds.length).toBeGreaterThanOrEqual(1);
    const again = await post(h.token, { events });
    expect(again.body).toEqual({ accepted: 0, duplicates: 3, incidentIds: [] });
    expect(await count(h.id)).toBe(3);
    const stored = await t.db.event.findFirst({
      where: { hostId: h.id, eventId: events[0].eventId },
    });
    expect(stored).toMatchObject({
      type: "sandbox_escape_attempt",
      severity: "critical",
      pluginName: "acme-pdf",
      pluginSha256: acme.sha256,
    });
    expect(stored!.observedAt.toISOString()).toBe(new Date(events[0].observedAt).toISOString());
  });

  it("refuses the whole batch when one event is invalid, naming each bad index", async () => {
    const h = await createTestHost(t.db);
    const events = [
      ev(),
      ev(),
      ev({ observedAt: "yesterday" }),
      ev(),
      ev({ type: "nope" as never, eventId: "not-a-uuid" }),
    ];
    const r = await post(h.token, { events });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["events.2.observedAt", "events.4.type", "events.4.eventId"]),
    );
    expect(paths.some((p: string) => p.startsWith("events.0"))).toBe(false);
    expect(await count(h.id)).toBe(0);
  });

  it("answers 422 for a reused eventId with other content and stores nothing of that batch", async () => {
    const h = await createTestHost(t.db);
    const original = ev();
    await post(h.token, { events: [original] });
    const newcomer = ev();
    const r = await post(h.token, { events: [newcomer, { ...original, severity: "low" }] });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe("events.1.eventId");
    expect(await count(h.id)).toBe(1);
    // Same eventId twice inside one batch, different content.
    const dup = ev();
    const r2 = await post(h.token, { events: [dup, { ...dup, details: { x: 1 } }] });
    expect(r2.status).toBe(422);
    expect(await count(h.id)).toBe(1);
  });

  it("mixes new events with resends and counts both, including a repeat inside the batch", async () => {
    const h = await createTestHost(t.db);
    const old = [ev(), ev()];
    await post(h.token, { events: old });
    const fresh = ev();
    // Key order and zone spelling differ: still the same event.
    const reordered = {
      observedAt: old[0].observedAt.replace("Z", "+00:00"),
      plugin: old[0].plugin,
      type: old[0].type,
      eventId: old[0].eventId.toUpperCase(),
    };
    const r = await post(h.token, { events: [fresh, reordered, old[1], fresh] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 1, duplicates: 3 });
    expect(await count(h.id)).toBe(3);
  });

  it("counts a resent event once on its incident, even when the resend comes with new events", async () => {
    // The insert finds resends by itself now (no read first): the attempt that counted them is
    // rolled back and re-run without them, so the counters must show each event once.
    const h = await createTestHost(t.db);
    const plugin = { ...acme, name: `resend-${crypto.randomUUID().slice(0, 8)}` };
    const old = [ev({ plugin }), ev({ plugin })];
    const first = await post(h.token, { events: old });
    const id = first.body.incidentIds[0];
    const r = await post(h.token, { events: [old[0], ev({ plugin }), old[1]] });
    expect([r.status, r.body]).toEqual([200, { accepted: 1, duplicates: 2, incidentIds: [id] }]);
    const incident = await t.db.incident.findUniqueOrThrow({ where: { id } });
    const onHost = await t.db.incidentHost.findUniqueOrThrow({
      where: { incidentId_hostId: { incidentId: id, hostId: h.id } },
    });
    expect([incident.eventCount, onHost.eventCount, await count(h.id)]).toEqual([3, 3, 3]);
  });

  it("keeps idempotency per host: another host may use the same eventId", async () => {
    const [a, b] = [await createTestHost(t.db), await createTestHost(t.db)];
    const e = ev();
    expect((await post(a.token, { events: [e] })).body.accepted).toBe(1);
    expect((await post(b.token, { events: [e] })).body.accepted).toBe(1);
  });

  it("answers 413 above 500 events or 1 MiB, and 400 for empty, malformed or non-UTF-8 bodies", async () => {
    const h = await createTestHost(t.db);
    expect((await post(h.token, { events: Array.from({ length: 501 }, () => ev()) })).status).toBe(
      413,
    );
    expect(
      (await post(h.token, { events: [ev({ details: { pad: "x".repeat(1 << 20) } })] })).status,
    ).toBe(413);
    expect((await post(h.token, { events: [] })).status).toBe(400);
    expect((await post(h.token, "{not json")).status).toBe(400);
    expect(
      (await post(h.token, { events: [ev({ details: { pad: "x".repeat(17 * 1024) } })] })).body
        .errors[0].path,
    ).toBe("events.0.details");
    const lying = await POST(
      agentRequest("/api/agent/v1/events", h.token, JSON.stringify({ events: [ev()] }), {
        "content-length": String(2 << 20),
      }) as never,
      ctx as never,
    );
    expect(lying.status).toBe(413);
    expect(await count(h.id)).toBe(0);
  });

  it("answers 401 without a valid host token and stores nothing", async () => {
    const r = await post("bwh_" + "x".repeat(43), { events: [ev()] });
    expect(r.status).toBe(401);
  });

  it("stores each event exactly once when the same batch races itself", async () => {
    const h = await createTestHost(t.db);
    const events = Array.from({ length: 50 }, () => ev());
    const results = await Promise.all([
      post(h.token, { events }),
      post(h.token, { events }),
      post(h.token, { events }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.reduce((s, r) => s + r.body.accepted, 0)).toBe(50);
    expect(await count(h.id)).toBe(50);
  });
});

describeDb("POST /api/agent/v1/ocsf", (t) => {
  it("ingests OCSF findings through the same path (idempotent) and refuses other classes with 422", async () => {
    const { POST: OCSF } = await import("../../app/api/agent/v1/ocsf/route.ts");
    const h = await createTestHost(t.db);
    const send = async (body: unknown) => {
      const res = await OCSF(
        agentRequest("/api/agent/v1/ocsf", h.token, body) as never,
        ctx as never,
      );
      return { status: res.status, body: await res.json() };
    };
    const finding = {
      class_uid: 2004,
      time: Date.now(),
      severity_id: 4,
      metadata: { uid: "find-1" },
      finding_info: { types: ["permission_violation"] },
      resources: [{ type: "plugin", name: "ocsf-plugin", version: "1.0.0" }],
    };
    const ok = await send([finding]);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await send([finding])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    const bad = await send([
      { ...finding, metadata: { uid: "find-2" } },
      { class_uid: 3002, time: Date.now() },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].message).toContain("3002 (Authentication)");
    expect(await t.db.event.count({ where: { hostId: h.id } })).toBe(1);
  });
});

describeDb("ingest overload", (t) => {
  it("answers 429 with Retry-After instead of queueing when the in-flight limit is reached, and frees the slot after", async () => {
    const { withIngestLimit } = await import("../http/with-ingest-limit.ts");
    const h = await createTestHost(t.db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const limited = withIngestLimit(
      async (req: Request) => {
        await gate;
        return POST(req as never, ctx as never);
      },
      () => ({ admitted: 1, running: 1 }),
    );
    const first = limited(agentRequest("/api/agent/v1/events", h.token, { events: [ev()] }));
    const second = await limited(agentRequest("/api/agent/v1/events", h.token, { events: [ev()] }));
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect(second.headers.get("content-type")).toBe("application/problem+json");
    // Not gzipped by next start (see lib/http/agent-reply.test.ts), like every agent reply.
    expect(second.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(second.headers.get("x-request-id")).toBeTruthy();
    release();
    expect((await first).status).toBe(200);
    expect(
      (await limited(agentRequest("/api/agent/v1/events", h.token, { events: [ev()] }))).status,
    ).toBe(200);
    expect(await t.db.event.count({ where: { hostId: h.id } })).toBe(2);
  });
});

// Another writer commits one of the batch's events between the batch's read and its insert
// (PostgreSQL only: PGlite has one connection, so nothing can come in between). The batch
// must settle it by re-reading — a duplicate, or 422 for other content — never 409 or 5xx,
// which an agent would (409) dead-letter or (5xx) retry against the same race.
describeDb("POST /api/agent/v1/events with a concurrent duplicate", (t) => {
  it.runIf(t.kind === "postgres")(
    "re-reads and compares hashes when another transaction stores the same event first",
    async () => {
      for (const variant of ["same content", "other content"] as const) {
        const h = await createTestHost(t.db);
        const e = ev();
        const [parsed] = parseBatch({
          events: [variant === "same content" ? e : { ...e, severity: "low" }],
        });
        const other = await otherConnection(t.database);
        try {
          await other.query("BEGIN");
          await other.query(
            `INSERT INTO "Event" ("hostId", "eventId", "type", "observedAt", "severity", "contentHash") VALUES ($1, $2, 'sandbox_escape_attempt', $3, $4, $5)`,
            [
              h.id,
              e.eventId,
              parsed.observedAt.toISOString().replace("Z", ""),
              parsed.severity ?? "critical",
              parsed.contentHash,
            ],
          );
          const posting = post(h.token, { events: [e] });
          // Commit once the batch waits on the uncommitted row's unique key.
          for (let i = 0; i < 200; i++) {
            const { rows } = await other.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            );
            if (rows[0].n > 0) break;
            await new Promise((r) => setTimeout(r, 25));
          }
          await other.query("COMMIT");
          const r = await posting;
          if (variant === "same content")
            expect([r.status, r.body]).toEqual([
              200,
              { accepted: 0, duplicates: 1, incidentIds: [] },
            ]);
          else expect([r.status, r.body.errors?.[0]?.path]).toEqual([422, "events.0.eventId"]);
          expect(await t.db.event.count({ where: { hostId: h.id } })).toBe(1);
        } finally {
          await other.end();
        }
      }
    },
  );
});
