// API tokens end to end on the real route handlers and a real database: the scope and the
// creator's current role both bound what a token does, a host token and an API token never
// cross over, and create/revoke are audited with the token named in the actor.
import { NextRequest } from "next/server";
import { expect, it } from "vitest";
import { GET as agentCommandsRoute } from "../../app/api/agent/v1/commands/route.ts";
import { POST as revokeRoute } from "../../app/api/v1/api-tokens/[id]/revoke/route.ts";
import {
  POST as createTokenRoute,
  GET as listTokensRoute,
} from "../../app/api/v1/api-tokens/route.ts";
import { POST as issueRoute } from "../../app/api/v1/commands/route.ts";
import { GET as incidentsRoute } from "../../app/api/v1/incidents/route.ts";
import { describeDb } from "../../test/db.ts";
import { createTestHost } from "../../test/ingest-fixtures.ts";
import { createTestUser } from "../../test/playbook-fixtures.ts";
import { actorOfUser } from "../audit/actor.ts";
import type { SessionUser } from "../auth/current-user.ts";
import { updateUser } from "../users/update-user.ts";
import { createApiToken } from "./create-api-token.ts";
import { listApiTokens } from "./list-api-tokens.ts";
import { revokeApiToken } from "./revoke-api-token.ts";

type Route = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
const call = (
  route: unknown,
  path: string,
  init: { method?: string; token?: string; body?: unknown; params?: Record<string, string> } = {},
) =>
  (route as Route)(
    new NextRequest(`http://localhost${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );

async function person(db: Parameters<typeof createTestUser>[0], role: SessionUser["role"]) {
  const u = await createTestUser(db, role);
  const user: SessionUser = { id: u.id, email: `${u.name}@test.breakwater`, name: u.name, role };
  return { user, actor: actorOfUser(user) };
}

describeDb("API tokens", (t) => {
  it("a token does what its scopes and its creator's role both allow, and no more", async () => {
    const { user, actor } = await person(t.db, "responder");
    const created = await createApiToken(
      { name: "soar", scopes: ["incidents:read"], expiresInDays: 30 },
      user,
      actor,
    );
    expect(created.token).toMatch(/^bwu_/);
    expect((await call(incidentsRoute, "/api/v1/incidents", { token: created.token })).status).toBe(
      200,
    );
    // The responder may issue commands, the token was not given that scope.
    const denied = await call(issueRoute, "/api/v1/commands", {
      method: "POST",
      token: created.token,
      body: {},
    });
    expect(denied.status).toBe(403);
    expect((await denied.json()).detail).toContain("commands:issue");
    // Stored hashed: the secret is nowhere in the row.
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("refuses scopes beyond the creator's role, tokens minting tokens, and bad input as 4xx", async () => {
    const { user, actor } = await person(t.db, "viewer");
    await expect(
      createApiToken({ name: "x", scopes: ["commands:issue"], expiresInDays: 1 }, user, actor),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createApiToken({ name: "", scopes: [], expiresInDays: 0 }, user, actor),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      createApiToken({ name: "x", scopes: ["no:such"], expiresInDays: 1 }, user, actor),
    ).rejects.toMatchObject({ code: "invalid_input" });
    const ok = await createApiToken(
      { name: "ro", scopes: ["console:read"], expiresInDays: 1 },
      user,
      actor,
    );
    const minted = await call(createTokenRoute, "/api/v1/api-tokens", {
      method: "POST",
      token: ok.token,
      body: { name: "child", scopes: ["console:read"], expiresInDays: 365 },
    });
    expect(minted.status).toBe(403);
    expect(await t.db.apiToken.count({ where: { userId: user.id } })).toBe(1);
  });

  it("a demoted creator's tokens shrink with them; a disabled creator's stop", async () => {
    const { user, actor } = await person(t.db, "manager");
    const admin = await person(t.db, "admin");
    const { token, id } = await createApiToken(
      { name: "ops", scopes: ["incidents:read", "commands:issue"], expiresInDays: 30 },
      user,
      actor,
    );
    const issue = () => call(issueRoute, "/api/v1/commands", { method: "POST", token, body: {} });
    expect((await issue()).status).toBe(400); // through the wrapper: the body is the problem
    await updateUser(user.id, { role: "viewer" }, admin.actor);
    expect((await issue()).status).toBe(403);
    expect((await call(incidentsRoute, "/api/v1/incidents", { token })).status).toBe(200);
    const [dto] = (await listApiTokens({ ...user, role: "viewer" })).tokens.filter(
      (x) => x.id === id,
    );
    expect(dto.scopes).toEqual(["incidents:read", "commands:issue"]);
    expect(dto.effectiveScopes).toEqual(["incidents:read"]);
    await updateUser(user.id, { status: "disabled" }, admin.actor);
    expect((await call(incidentsRoute, "/api/v1/incidents", { token })).status).toBe(401);
  });

  it("expired and revoked tokens are 401; revoke is audited naming the token; others' tokens are 404", async () => {
    const { user, actor } = await person(t.db, "responder");
    const other = await person(t.db, "responder");
    const admin = await person(t.db, "admin");
    const old = await createApiToken(
      { name: "old", scopes: ["incidents:read"], expiresInDays: 1 },
      user,
      actor,
      undefined,
      new Date(Date.now() - 2 * 86_400_000),
    );
    expect((await listApiTokens(user)).tokens.find((x) => x.id === old.id)?.state).toBe("expired");
    expect((await call(incidentsRoute, "/api/v1/incidents", { token: old.token })).status).toBe(
      401,
    );

    const live = await createApiToken(
      { name: "ci bot", scopes: ["console:read", "incidents:read"], expiresInDays: 7 },
      user,
      actor,
    );
    await expect(revokeApiToken(live.id, other.user, other.actor)).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await listApiTokens(other.user)).tokens).toEqual([]);
    expect((await listApiTokens(admin.user)).tokens.map((x) => x.id)).toContain(live.id);
    // The token revokes itself: the audit entry names the token and its owner.
    const res = await call(revokeRoute, `/api/v1/api-tokens/${live.id}/revoke`, {
      method: "POST",
      token: live.token,
      params: { id: live.id },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).state).toBe("revoked");
    expect((await call(incidentsRoute, "/api/v1/incidents", { token: live.token })).status).toBe(
      401,
    );
    await expect(revokeApiToken(live.id, user, actor)).rejects.toMatchObject({ code: "conflict" });
    const entries = await t.db.auditEntry.findMany({
      where: { targetType: "api_token", targetId: live.id },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.action, e.actorId, e.actorLabel])).toEqual([
      ["api_token.created", user.id, user.name],
      ["api_token.revoked", user.id, `token "ci bot" of ${user.name}`],
    ]);
    const list = await call(listTokensRoute, "/api/v1/api-tokens", { token: old.token });
    expect(list.status).toBe(401);
  });

  it("host tokens never work on the user API, API tokens never on the agent API", async () => {
    const { user, actor } = await person(t.db, "admin");
    const all = await createApiToken(
      {
        name: "all",
        scopes: ["console:read", "incidents:read", "commands:read"],
        expiresInDays: 1,
      },
      user,
      actor,
    );
    const { token: hostToken } = await createTestHost(t.db);
    // The host token is live: its own route takes it.
    const own = await call(agentCommandsRoute, "/api/agent/v1/commands?waitSeconds=0", {
      token: hostToken,
    });
    expect(own.status).toBe(200);
    expect((await call(incidentsRoute, "/api/v1/incidents", { token: hostToken })).status).toBe(
      401,
    );
    expect((await call(incidentsRoute, "/api/v1/incidents", { token: "garbage" })).status).toBe(
      401,
    );
    expect(
      (await call(agentCommandsRoute, "/api/agent/v1/commands", { token: all.token })).status,
    ).toBe(401);
  });
});
