// Reliability (issue 10), property test over real HTTP: every write endpoint under app/,
// agent and user, gets ≥ 1,000 generated or mutated requests against one production server
// on PostgreSQL → only 2xx/4xx, every 4xx is problem+json, and a refused request changes no
// row in any table. The route list comes from walking app/ (as the authorization matrix
// does), so a new write route without a target in support/write-fuzz-targets/ fails this file.
import crypto from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enumerateAppRoutes } from "../../e2e/support/app-routes.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import { fuzzSeed, testEnv } from "../env.ts";
import {
  createDatabase,
  ensureProductionBuild,
  insertEnrollmentToken,
  type ServerProcess,
  startServer,
} from "./support/harness.ts";
import { FUZZ_PLUGIN } from "./support/write-fuzz-targets/builders.ts";
import {
  type Fixtures,
  type FuzzRequest,
  NOT_FUZZED,
  TARGETS,
} from "./support/write-fuzz-targets/index.ts";

const BASE = testEnv.TEST_DATABASE_URL;
const PORT = 3307;
// 44 endpoints × 1,000 requests does not fit a CI run on 2 cores; CI replays 100 per endpoint
// (fixed seed), FUZZ_RUNS=1000 runs the full campaign.
const RUNS = testEnv.FUZZ_RUNS ?? 100;
const SEED = fuzzSeed(20261201);
if (!BASE)
  console.warn(
    "\n*** SKIPPED test/reliability/write-api-fuzz: set TEST_DATABASE_URL (a local PostgreSQL) to run it ***\n",
  );

const writeRoutes = () =>
  enumerateAppRoutes().filter(
    (r) => r.method !== "GET" && r.method !== "OPTIONS" && r.method !== "ACTION",
  );

it("every write route under app/ has a fuzz target (or a stated reason not to)", () => {
  const missing = writeRoutes()
    .map((r) => r.key)
    .filter((k) => !TARGETS[k] && !NOT_FUZZED[k]);
  expect(missing, "add these to a file in test/reliability/support/write-fuzz-targets/").toEqual(
    [],
  );
  const stale = Object.keys(TARGETS).filter((k) => !writeRoutes().some((r) => r.key === k));
  expect(stale, "targets for routes that no longer exist").toEqual([]);
});

describe.skipIf(!BASE)(
  "every write endpoint under random and mutated requests [postgres, production build]",
  () => {
    let db: Awaited<ReturnType<typeof createDatabase>>;
    let server: ServerProcess | null = null;
    let client: pg.Client;
    let cookie = "";
    let origin = "";
    let f: Fixtures;
    let tables: string[] = [];

    async function send(method: string, req: FuzzRequest, auth: "user" | "agent" | "none") {
      const headers: Record<string, string> = {
        ...(req.body !== undefined && !req.headers?.["content-type"]
          ? { "content-type": "application/json" }
          : {}),
        ...req.headers,
      };
      if (auth === "user") Object.assign(headers, { cookie, origin });
      if (auth === "agent") headers.authorization = `Bearer ${f.hostToken}`;
      const r = await fetch(`${server!.url}${req.path}`, {
        method,
        headers,
        body:
          method === "HEAD" || method === "GET" ? undefined : (req.body as BodyInit | undefined),
        redirect: "manual",
      });
      return {
        status: r.status,
        type: r.headers.get("content-type") ?? "",
        text: await r.text(),
        location: r.headers.get("location") ?? "",
      };
    }
    const api = async (
      method: string,
      path: string,
      body: unknown,
      auth: "user" | "agent" | "none" = "user",
      headers?: Record<string, string>,
    ) => {
      const r = await send(
        method,
        { path, body: body === undefined ? undefined : JSON.stringify(body), headers },
        auth,
      );
      if (r.status >= 300)
        throw new Error(`${method} ${path} → ${r.status}: ${r.text.slice(0, 500)}`);
      return { ...r, json: r.text ? JSON.parse(r.text) : null };
    };

    /** Row count of every table, in one statement. The server's own timer worker keeps
     *  writing meanwhile (SLA escalations, expiries): its notifications, timers and
     *  deliveries are left out, and audit/timeline rows count only when a person or a host
     *  is the actor — the requests under test. */
    // WebhookAttempt: the fixture's webhook points at a closed port, so the delivery worker
    // records a failed attempt on its own schedule; ChainCheckpoint: the audit chain is
    // checkpointed every minute. Neither depends on the request under test.
    const BACKGROUND = new Set([
      "Notification",
      "Timer",
      "WebhookDelivery",
      "WebhookAttempt",
      "ChainCheckpoint",
    ]);
    const BY_ACTOR = new Set(["AuditEntry", "TimelineEntry"]);
    async function counts(): Promise<Record<string, number>> {
      const counted = tables.filter((t) => !BACKGROUND.has(t));
      const sql = `SELECT ${counted.map((t, i) => `(SELECT count(*) FROM "${t}"${BY_ACTOR.has(t) ? ` WHERE "actorType" IN ('user', 'host')` : ""}) AS c${i}`).join(", ")}`;
      const { rows } = await client.query(sql);
      return Object.fromEntries(counted.map((t, i) => [t, Number(rows[0][`c${i}`])]));
    }

    beforeAll(async () => {
      ensureProductionBuild();
      db = await createDatabase(BASE!, "bw_fuzz");
      // The fixtures register a webhook on a loopback receiver, which the server refuses by default.
      server = await startServer({
        port: PORT,
        databaseUrl: db.url,
        timeoutMs: 180_000,
        env: { BREAKWATER_WEBHOOK_ALLOW_PRIVATE: "1" },
      });
      origin = server.url;
      client = new pg.Client({ connectionString: db.url });
      await client.connect();
      tables = (
        await client.query<{ t: string }>(
          `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
        )
      ).rows.map((r) => r.t);

      // An admin, signed in the way a browser does it (csrf cookie + credentials form).
      const email = "fuzz-admin@breakwater.test";
      const password = crypto.randomBytes(18).toString("base64url");
      await client.query(
        `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "updatedAt") VALUES ($1, $2, 'Fuzz admin', $3, 'admin', now())`,
        [crypto.randomUUID(), email, await hashPassword(password)],
      );
      const csrf = await fetch(`${server.url}/api/auth/csrf`);
      const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const login = await fetch(`${server.url}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
        body: new URLSearchParams({
          csrfToken,
          email,
          password,
          callbackUrl: `${server.url}/incidents`,
        }),
        redirect: "manual",
      });
      const session = login.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .find((c) => c.startsWith("bw.session="));
      if (!session) throw new Error(`sign-in failed: ${login.status}`);
      cookie = session;

      // The rows the targets act on, through the public API.
      const enrollmentToken = await insertEnrollmentToken(db.url, 100_000, "fuzz");
      const enroll = async (hostname: string) =>
        (
          await api(
            "POST",
            "/api/agent/v1/enroll",
            {
              enrollmentToken,
              hostname,
              os: "Linux",
              agentVersion: "fuzz/1.0",
              plugins: [FUZZ_PLUGIN],
            },
            "none",
          )
        ).json as { hostId: string; hostToken: string };
      const host = await enroll("fuzz-host");
      const spare = await enroll("fuzz-spare");
      f = {
        hostId: host.hostId,
        hostToken: host.hostToken,
        spareHostId: spare.hostId,
        enrollmentToken,
      } as Fixtures;
      await api(
        "POST",
        "/api/agent/v1/events",
        {
          events: [
            {
              eventId: crypto.randomUUID(),
              type: "sandbox_escape_attempt",
              observedAt: new Date().toISOString(),
              plugin: { name: "clipboard-sync", version: "1.0.0" },
            },
          ],
        },
        "agent",
      );
      const { incidents } = (await api("GET", "/api/v1/incidents", undefined)).json as {
        incidents: { id: string; key: string }[];
      };
      f.incidentKey = incidents[0].key;
      f.incidentId = incidents[0].id;
      const issued = (
        await api("POST", "/api/v1/commands", {
          type: "isolate_host",
          params: {},
          hostIds: [f.hostId],
          comment: "fuzz fixture",
          durationSeconds: 600,
        })
      ).json as { requestId: string; commandIds: string[] };
      f.commandRequestId = issued.requestId;
      f.commandId = issued.commandIds[0];
      f.enrollmentTokenId = (
        (
          await api("POST", "/api/v1/enrollment-tokens", {
            label: "fuzz",
            expiresInSeconds: 3600,
            maxUses: 5,
          })
        ).json as { id: string }
      ).id;
      f.draftId = (
        (await api("POST", "/api/v1/playbooks/drafts", { slug: "sandbox-escape", baseVersion: 1 }))
          .json as { id: string }
      ).id;
      f.webhookId = (
        (
          await api("POST", "/api/v1/webhooks", {
            team: "default",
            url: "http://127.0.0.1:9/hook",
            secret: "s".repeat(20),
          })
        ).json as { id: string }
      ).id;
      f.userId = (
        (
          await api("POST", "/api/v1/users", {
            email: "fuzz-user@breakwater.test",
            name: "Fuzz user",
            role: "responder",
            password: "p".repeat(16),
          })
        ).json as { id: string }
      ).id;
      // The playbook's trigger has usually started it already (409 then).
      await send(
        "POST",
        {
          path: `/api/v1/incidents/${f.incidentKey}/playbook`,
          body: JSON.stringify({ slug: "sandbox-escape" }),
        },
        "user",
      );
      const { runs } = (await api("GET", `/api/v1/incidents/${f.incidentKey}/playbook`, undefined))
        .json as { runs: { steps: { id: string }[] }[] };
      f.stepId = runs[0].steps[0].id;
      const meta = (link: string) => ({
        "tus-resumable": "1.0.0",
        "upload-length": "4",
        "upload-metadata": `filename ${btoa("f.log")},kind ${btoa("log")},sha256 ${btoa("a".repeat(64))},${link}`,
      });
      const upload = async (path: string, auth: "user" | "agent") =>
        (
          await send("POST", { path, headers: meta(`incidentId ${btoa(f.incidentId)}`) }, auth)
        ).location
          .split("/")
          .pop()!;
      f.agentUploadId = await upload("/api/agent/v1/artifacts", "agent");
      f.userUploadId = await upload("/api/v1/artifacts/uploads", "user");
      f.artifactId = crypto.randomUUID();
    }, 16 * 60_000);

    afterAll(async () => {
      await server?.stop();
      await client?.end();
      await db?.drop();
    });

    for (const [key, target] of Object.entries(TARGETS)) {
      const [method] = key.split(" ");
      it(
        `${key}: ${RUNS} requests → 2xx/4xx only, problem+json, nothing stored on refusal`,
        async () => {
          const seen = new Map<number, number>();
          await fc.assert(
            fc.asyncProperty(
              fc.constant(null).chain(() => target.gen(f)),
              async (req) => {
                const before = await counts();
                const res = await send(method, req, target.auth);
                seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
                const what = `${res.status} for ${method} ${req.path} ${JSON.stringify(req.headers ?? {}).slice(0, 300)} ${typeof req.body === "string" ? req.body.slice(0, 300) : ""}: ${res.text.slice(0, 300)}`;
                expect(res.status, what).toBeLessThan(500);
                if (res.status >= 400 && method !== "HEAD") {
                  expect(res.type, what).toContain("application/problem+json");
                  expect(JSON.parse(res.text), what).toMatchObject({
                    status: res.status,
                    requestId: expect.any(String),
                  });
                }
                if (res.status >= 400) expect(await counts(), what).toEqual(before);
              },
            ),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          );
          expect(
            [...seen.keys()].some((s) => s >= 400),
            `statuses ${JSON.stringify([...seen])}`,
          ).toBe(true);
        },
        10 * 60_000,
      );
    }

    it("the audit chain still verifies after all of it", async () => {
      const r = await api("GET", "/api/v1/audit/verify", undefined);
      expect(r.json).toMatchObject({ ok: true });
    });
  },
);
