// The authorization matrix, enforced. (a) Every entry point in app/ — pages, route handler
// methods, server actions — has a row, and every row still has a route. (b) Every row is
// replayed over real HTTP against the production build for anon, the four roles and a host
// agent, and must answer exactly the expected status. (c) Every denied answer is replayed
// with the x-middleware-subrequest header (CVE-2025-29927, which let that header skip
// middleware): our checks live in the handlers and pages, so nothing may change.
//
// Server actions in Next 16: a "use server" export is reachable by anyone who POSTs to a page
// bundling it with a `Next-Action: <id>` header; the body is the JSON array of arguments and
// the answer is an RSC stream whose line `1:` is the action's return value (a redirect comes
// back as an `x-action-redirect` header instead). The id is an opaque hash that changes with
// each build, so the spec reads it from <distDir>/server/server-reference-manifest.json,
// which records filename and exportedName per id. An unknown id is answered 409 with
// `x-nextjs-action-not-found` and runs nothing.

import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { permissionsOf } from "../lib/auth/permissions.ts";
import {
  DUTY_RULES,
  MATRIX,
  type MatrixEntry,
  type Outcome,
  type Who,
} from "./authorization-matrix/index.ts";
import { type AgentCredential, agentCredential } from "./support/agent.ts";
import { enumerateAppRoutes } from "./support/app-routes.ts";
import { adminApi, createUser, type Role } from "./support/factories.ts";
import { type ActionRef, type Caller, loadActions, replay } from "./support/matrix-client.ts";
import {
  apiContext,
  baseURL,
  postCredentials,
  SESSION_COOKIE,
  sessionCookie,
  signIn,
} from "./support/session.ts";

const WHO: Who[] = [
  "anon",
  "viewer",
  "responder",
  "manager",
  "admin",
  "agent",
  "token",
  "narrowToken",
];
const ROLES: Role[] = ["viewer", "responder", "manager", "admin"];
const keyOf = (e: Pick<MatrixEntry, "method" | "route">) => `${e.method} ${e.route}`;
const isDenied = (o: Outcome) => o === "login" || o === 401 || o === 403;

const CVE_HEADERS = [
  "middleware:middleware:middleware:middleware:middleware",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  "src/middleware",
  // Next 16 renamed middleware to proxy; the same bypass would be spelled this way.
  "proxy:proxy:proxy:proxy:proxy",
];

test("every route, method and server action in app/ has a matrix row, and every row a route", () => {
  const routes = enumerateAppRoutes();
  expect(routes.length).toBeGreaterThan(10); // the walker found the tree at all
  const inApp = new Set(routes.map((r) => r.key));
  const inMatrix = new Set(MATRIX.map(keyOf));
  const missing = routes.filter((r) => !inMatrix.has(r.key)).map((r) => `${r.key}  (${r.file})`);
  const stale = [...inMatrix].filter((k) => !inApp.has(k));
  const dupes = MATRIX.map(keyOf).filter((k, i, all) => all.indexOf(k) !== i && !MATRIX[i].path);
  expect(missing, "routes missing from e2e/authorization-matrix/").toEqual([]);
  expect(stale, "matrix rows whose route no longer exists").toEqual([]);
  expect(dupes, "duplicate matrix rows").toEqual([]);
  for (const row of MATRIX)
    expect(Object.keys(row.expect).sort(), keyOf(row)).toEqual([...WHO].sort());
});

test("every separation-of-duties rule is on a matrix route and names an integration test that exists", () => {
  const routes = new Set(MATRIX.map(keyOf));
  for (const r of DUTY_RULES) {
    expect(routes.has(`${r.method} ${r.route}`), r.rule).toBe(true);
    expect(fs.readFileSync(r.test.file, "utf8"), `${r.test.file} for "${r.rule}"`).toContain(
      `it(${JSON.stringify(r.test.name)}`,
    );
  }
});

test("the build exposes no server action the matrix does not know", () => {
  const { byRoute, unnamed } = loadActions();
  // Inline "use server" closures have no export name; they would be endpoints no row covers.
  expect(unnamed, "server actions without a file export").toEqual([]);
  const rows = new Set(MATRIX.filter((r) => r.method === "ACTION").map((r) => r.route));
  expect(
    [...byRoute.keys()].filter((k) => !rows.has(k)),
    "actions in the build but not in the matrix",
  ).toEqual([]);
});

test.describe("replay over HTTP", () => {
  let callers: Record<Who, Caller>;
  let agent: AgentCredential;
  let actions: Map<string, ActionRef>;

  test.beforeAll(async () => {
    actions = loadActions().byRoute;
    const admin = await adminApi();
    agent = await agentCredential(admin);
    // In the run's output, so a reader knows what the agent column proved.
    console.log(`[matrix] agent column: ${agent.note}`);
    const c: Partial<Record<Who, Caller>> = {
      anon: { who: "anon", headers: {} },
      agent: { who: "agent", headers: { authorization: `Bearer ${agent.token}` } },
    };
    for (const role of ROLES) {
      const user = await createUser(role);
      const api = await signIn(user);
      c[role] = { who: role, headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(api)}` } };
      if (role === "responder") {
        // The two token columns: a responder's API tokens, made through the API as a person would.
        const mint = async (name: string, scopes: string[]) => {
          const res = await api.post("/api/v1/api-tokens", {
            data: { name, scopes, expiresInDays: 1 },
          });
          expect(res.status(), await res.text()).toBe(201);
          return ((await res.json()) as { token: string }).token;
        };
        const full = await mint("matrix-full", permissionsOf("responder"));
        const narrow = await mint("matrix-narrow", ["console:read"]);
        c.token = { who: "token", headers: { authorization: `Bearer ${full}` } };
        c.narrowToken = { who: "narrowToken", headers: { authorization: `Bearer ${narrow}` } };
      }
      await api.dispose();
    }
    callers = c as Record<Who, Caller>;
  });

  for (const who of WHO) {
    test(`${who}: every row answers as the matrix says`, async () => {
      if (who === "agent")
        test.info().annotations.push({ type: "agent credential", description: agent.note });
      const wrong: string[] = [];
      for (const row of MATRIX) {
        if (row.method === "ACTION" && !actions.has(row.route)) {
          // Not bundled by any page: Next exposes no endpoint for it, so there is nothing to call.
          test.info().annotations.push({ type: "unreachable action", description: row.route });
          if (who === "anon")
            console.log(
              `[matrix] ${row.route}: not bundled by any page, so no endpoint exists; not replayed`,
            );
          continue;
        }
        const got = await replay(row, callers[who], actions);
        if (got !== row.expect[who])
          wrong.push(`${keyOf(row)} ${row.path ?? ""} → ${got}, expected ${row.expect[who]}`);
      }
      expect(wrong, `${who}: outcomes differing from the matrix`).toEqual([]);
    });
  }

  // One test per column, like the replays above: eight columns of denials × four headers do
  // not fit one test's time on a busy machine.
  for (const who of WHO) {
    test(`${who}: denied answers stay denied with x-middleware-subrequest (CVE-2025-29927)`, async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const row of MATRIX) {
        if (row.method === "ACTION" && !actions.has(row.route)) continue;
        if (!isDenied(row.expect[who])) continue;
        for (const value of CVE_HEADERS) {
          checked++;
          const got = await replay(row, callers[who], actions, {
            "x-middleware-subrequest": value,
          });
          if (got !== row.expect[who])
            wrong.push(`${who} ${keyOf(row)} [${value}] → ${got}, expected ${row.expect[who]}`);
        }
      }
      // Every column is refused somewhere (users on agent routes, agents on user routes …).
      expect(checked).toBeGreaterThan(10);
      expect(wrong).toEqual([]);
    });
  }
});

test.describe("server actions called directly", () => {
  test("setupAction without a session creates no second admin", async () => {
    const { byRoute } = loadActions();
    const ref = byRoute.get("app/setup/actions.ts#setupAction");
    expect(ref, "setupAction is in the build").toBeTruthy();
    const intruder = {
      name: "Mallory",
      email: `mallory-${Date.now()}@e2e.breakwater.test`,
      password: "mallory-long-password",
    };
    const res = await fetch(baseURL() + ref!.pagePath, {
      method: "POST",
      headers: {
        "next-action": ref!.id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
      },
      body: JSON.stringify([intruder]),
      redirect: "manual",
    });
    const text = await res.text();
    expect(text).toContain('"code":"conflict"');
    expect(res.headers.get("set-cookie") ?? "").not.toContain(SESSION_COOKIE);
    // The account does not exist: signing in with it fails.
    const api = await apiContext();
    await postCredentials(api, intruder);
    expect((await api.storageState()).cookies.some((c) => c.name === SESSION_COOKIE)).toBe(false);
    await api.dispose();
  });

  test("an action id that is not in the build runs nothing", async () => {
    const res = await fetch(`${baseURL()}/login`, {
      method: "POST",
      headers: {
        "next-action": "7f" + "0".repeat(40),
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
      },
      body: "[]",
      redirect: "manual",
    });
    expect(res.status).toBe(409);
    expect(res.headers.get("x-nextjs-action-not-found")).toBe("1");
  });
});
