// Reliability (issue 3), property test: ≥ 1,000 random or mutated bodies per agent endpoint
// (enroll, inventory, events, ocsf) through the real route handlers on PGlite and
// PostgreSQL → only 2xx/4xx, never 5xx, and nothing partially stored: a refused request
// changes no row, an accepted one changes exactly what it reported. (A sample of the same
// bodies goes over real HTTP to the production build in kill-server.integration.test.ts.)
import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, expect, it } from "vitest";
import { POST as enrollRoute } from "../../app/api/agent/v1/enroll/route.ts";
import { POST as eventsRoute } from "../../app/api/agent/v1/events/route.ts";
import { PUT as inventoryRoute } from "../../app/api/agent/v1/inventory/route.ts";
import { POST as ocsfRoute } from "../../app/api/agent/v1/ocsf/route.ts";
import { resetEnrollRateLimit } from "../../lib/hosts/enroll-rate-limit.ts";
import { describeDb } from "../db.ts";
import { fuzzSeed, testEnv } from "../env.ts";
import { newToken } from "../host-fixtures.ts";
import { type Body, bodyArbitrary, type Endpoint, ROUTE } from "./support/fuzz-bodies.ts";

// ≥ 1,000 per endpoint on PostgreSQL; in-memory PGlite is ~4× slower per request on this
// 2-core box, so it replays a quarter of them (FUZZ_RUNS sets both).
const runsFor = (kind: string) => testEnv.FUZZ_RUNS ?? (kind === "postgres" ? 1000 : 250);
// Fixed by default so CI is repeatable; FUZZ_SEED=random explores new inputs.
const SEED = fuzzSeed(20261121);
const handlers = {
  enroll: enrollRoute,
  inventory: inventoryRoute,
  events: eventsRoute,
  ocsf: ocsfRoute,
} as Record<Endpoint, (req: NextRequest, ctx: { params: Promise<object> }) => Promise<Response>>;

describeDb("agent API under random and mutated bodies", (t) => {
  let enrollmentToken: string;
  let tokenId: string;
  let hostId: string;
  let hostToken: string;

  beforeAll(async () => {
    const tok = await newToken(10_000, 3600, "fuzz");
    enrollmentToken = tok.token;
    tokenId = tok.id;
    resetEnrollRateLimit();
    const res = await call("enroll", {
      text: JSON.stringify({
        enrollmentToken,
        hostname: "fuzz-host",
        os: "Linux",
        agentVersion: "fuzz/1.0",
      }),
    });
    expect(res.status).toBe(201);
    ({ hostId, hostToken } = JSON.parse(res.text));
  });

  async function call(endpoint: Endpoint, body: Body) {
    if (endpoint === "enroll") resetEnrollRateLimit(); // the throttle is not under test here
    const req = new NextRequest(`http://localhost${ROUTE[endpoint].path}`, {
      method: ROUTE[endpoint].method,
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": "10.9.9.9",
        ...(endpoint === "enroll" ? {} : { authorization: `Bearer ${hostToken}` }),
      },
      body: body.text,
    });
    const res = await handlers[endpoint](req, { params: Promise.resolve({}) });
    return { status: res.status, text: await res.text() };
  }

  const counts = async () => {
    const [row] = await t.sql.query<{
      events: string;
      hosts: string;
      plugins: string;
      uses: number;
      audit: string;
    }>(
      `SELECT (SELECT count(*) FROM "Event" WHERE "hostId" = $1) AS events,
              (SELECT count(*) FROM "Host") AS hosts,
              (SELECT json_agg("name" || '@' || "version" || ':' || "state" ORDER BY "name", "version")::text FROM "HostPlugin" WHERE "hostId" = $1) AS plugins,
              (SELECT "uses" FROM "EnrollmentToken" WHERE "id" = $2) AS uses,
              (SELECT count(*) FROM "AuditEntry") AS audit`,
      [hostId, tokenId],
    );
    return {
      events: Number(row.events),
      hosts: Number(row.hosts),
      plugins: JSON.parse(row.plugins ?? "[]") as string[],
      uses: Number(row.uses),
      audit: Number(row.audit),
    };
  };

  for (const endpoint of ["enroll", "inventory", "events", "ocsf"] as Endpoint[]) {
    it(`${endpoint}: ${runsFor(t.kind)} bodies → 2xx/4xx only, nothing partially stored`, async () => {
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.constant(null).chain(() => bodyArbitrary(endpoint, enrollmentToken)),
          async (body) => {
            const before = await counts();
            const res = await call(endpoint, body);
            seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
            expect(
              res.status,
              `${res.status} for ${body.text.slice(0, 500)}: ${res.text.slice(0, 500)}`,
            ).toBeLessThan(500);
            const after = await counts();
            const ok = res.status < 300;
            if (res.status >= 400)
              expect(JSON.parse(res.text)).toMatchObject({
                status: res.status,
                requestId: expect.any(String),
              });
            if (endpoint === "enroll") {
              expect(after.hosts - before.hosts).toBe(ok ? 1 : 0);
              expect(after.uses - before.uses).toBe(ok ? 1 : 0);
            } else if (endpoint === "inventory") {
              if (ok) {
                const sent = (
                  body.value as { plugins: { name: string; version: string; state: string }[] }
                ).plugins;
                expect([...after.plugins].sort()).toEqual(
                  sent.map((p) => `${p.name.trim()}@${p.version.trim()}:${p.state}`).sort(),
                );
              } else expect(after.plugins).toEqual(before.plugins);
              expect(after.hosts).toBe(before.hosts);
            } else {
              const accepted = ok ? (JSON.parse(res.text) as { accepted: number }).accepted : 0;
              expect(after.events - before.events).toBe(accepted);
            }
            if (!ok) expect(after.audit).toBe(before.audit);
          },
        ),
        { numRuns: runsFor(t.kind), seed: SEED, endOnFailure: true },
      );
      // The generators must reach both sides: accepted bodies and refused ones.
      const statuses = [...seen.keys()];
      expect(statuses.some((s) => s < 300)).toBe(true);
      expect(statuses.some((s) => s >= 400)).toBe(true);
    }, 600_000);
  }
});
