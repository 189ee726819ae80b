// Issue 15's "done means": a script holding only an API token lists incidents, issues a
// command and reads its receipts, and every reply it gets is checked against the schema the
// OpenAPI document gives for that operation. The agent side (poll, receipts) runs through the
// real agent routes with the host's own token, its replies checked the same way.

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { NextRequest } from "next/server";
import { expect, it } from "vitest";
import { POST as receiptsRoute } from "../../app/api/agent/v1/commands/[id]/receipts/route.ts";
import { GET as pollRoute } from "../../app/api/agent/v1/commands/route.ts";
import { GET as commandRoute } from "../../app/api/v1/commands/[id]/route.ts";
import { POST as issueRoute } from "../../app/api/v1/commands/route.ts";
import { GET as incidentsRoute } from "../../app/api/v1/incidents/route.ts";
import { describeDb } from "../../test/db.ts";
import { createTestHost } from "../../test/ingest-fixtures.ts";
import { createTestIncident, createTestUser } from "../../test/playbook-fixtures.ts";
import { createApiToken } from "../api-tokens/create-api-token.ts";
import { actorOfUser } from "../audit/actor.ts";
import { buildOpenApiDocument } from "./build-openapi.ts";

type Route = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

const doc = buildOpenApiDocument() as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

/** Calls the route and checks the reply against the document's schema for that operation. */
async function call(
  route: unknown,
  op: { method: string; path: string; url: string; status: number },
  init: { token: string; body?: unknown; params?: Record<string, string> },
) {
  const res = await (route as Route)(
    new NextRequest(`http://localhost${op.url}`, {
      method: op.method.toUpperCase(),
      headers: {
        authorization: `Bearer ${init.token}`,
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(op.status);
  const schema =
    doc.paths[op.path][op.method].responses[String(op.status)].content?.["application/json"]
      ?.schema;
  expect(schema, `${op.method} ${op.path} has a reply schema`).toBeTruthy();
  const validate = ajv.compile(schema!);
  expect(
    validate(body) ? [] : validate.errors,
    `${op.method} ${op.path} reply vs the document`,
  ).toEqual([]);
  return body;
}

describeDb("a script with an API token, checked against the OpenAPI document", (t) => {
  it("lists incidents, issues a command and reads its receipts", async () => {
    const owner = await createTestUser(t.db, "responder");
    const user = {
      id: owner.id,
      email: `${owner.name}@test.breakwater`,
      name: owner.name,
      role: owner.role,
    };
    const { token } = await createApiToken(
      {
        name: "soar",
        scopes: ["incidents:read", "commands:issue", "commands:read"],
        expiresInDays: 1,
      },
      user,
      actorOfUser(user),
    );
    const incident = await createTestIncident(t.db, {});
    const host = await createTestHost(t.db);

    const list = await call(
      incidentsRoute,
      {
        method: "get",
        path: "/api/v1/incidents",
        url: "/api/v1/incidents?pageSize=10",
        status: 200,
      },
      { token },
    );
    expect(list.incidents.map((i: { id: string }) => i.id)).toContain(incident.id);

    const issued = await call(
      issueRoute,
      { method: "post", path: "/api/v1/commands", url: "/api/v1/commands", status: 201 },
      {
        token,
        body: {
          type: "collect_artifact",
          params: { kind: "log", what: "/var/log/sandbox.log", maxBytes: 65536 },
          hostIds: [host.id],
          incidentId: incident.id,
          comment: "collect the sandbox log for the write-up",
        },
      },
    );
    expect(issued.approval).toBe("not_required");
    const [commandId] = issued.commandIds;

    // The host fetches its signed command and reports on it, as an agent does.
    const polled = await call(
      pollRoute,
      {
        method: "get",
        path: "/api/agent/v1/commands",
        url: "/api/agent/v1/commands?waitSeconds=0",
        status: 200,
      },
      { token: host.token },
    );
    expect(polled.commands.map((c: { payload: { id: string } }) => c.payload.id)).toEqual([
      commandId,
    ]);
    const receipts = "/api/agent/v1/commands/{id}/receipts";
    for (const status of ["received", "succeeded"])
      await receiptsRoute(
        new NextRequest(`http://localhost/api/agent/v1/commands/${commandId}/receipts`, {
          method: "POST",
          headers: { authorization: `Bearer ${host.token}`, "content-type": "application/json" },
          body: JSON.stringify({ status, at: new Date().toISOString(), result: { bytes: 10 } }),
        }),
        { params: Promise.resolve({ id: commandId }) },
      ).then((r) => expect(r.status, `${receipts} ${status}`).toBe(200));

    const detail = await call(
      commandRoute,
      {
        method: "get",
        path: "/api/v1/commands/{id}",
        url: `/api/v1/commands/${commandId}`,
        status: 200,
      },
      { token, params: { id: commandId } },
    );
    expect(detail.status).toBe("succeeded");
    expect(detail.receipts.map((r: { status: string }) => r.status)).toEqual([
      "received",
      "succeeded",
    ]);
    expect(detail.envelope.payload.id).toBe(commandId);
    const audit = await t.db.auditEntry.findFirst({
      where: { actorId: owner.id, action: { startsWith: "command" } },
      select: { actorLabel: true },
    });
    expect(audit?.actorLabel).toBe(`token "soar" of ${owner.name}`);
  });
});
