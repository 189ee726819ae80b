import "server-only";
import { z } from "zod";
import { PERMISSIONS } from "../auth/permissions.ts";
import { problemSchema } from "../protocol/api.ts";
import { AGENT_OPERATIONS, PUBLIC_OPERATIONS } from "./agent-operations.ts";
import type { Operation } from "./operation.ts";
import { ARTIFACT_OPERATIONS } from "./user-operations-artifacts.ts";
import { DRILL_OPERATIONS } from "./user-operations-drills.ts";
import { FLEET_OPERATIONS } from "./user-operations-fleet.ts";
import { INCIDENT_OPERATIONS } from "./user-operations-incidents.ts";
import { PLAYBOOK_OPERATIONS } from "./user-operations-playbooks.ts";

// The OpenAPI 3.1 document of both APIs, built from the zod schemas the routes parse with
// (z.toJSONSchema: OpenAPI 3.1 schemas are JSON Schema 2020-12). Inputs are described as a
// client must send them (io "input": defaults optional), replies as the server sends them.

export const OPERATIONS: readonly Operation[] = [
  ...INCIDENT_OPERATIONS,
  ...PLAYBOOK_OPERATIONS,
  ...FLEET_OPERATIONS,
  ...ARTIFACT_OPERATIONS,
  ...DRILL_OPERATIONS,
  ...AGENT_OPERATIONS,
  ...PUBLIC_OPERATIONS,
];

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: (ctx) => {
      // Dates are serialised by Response.json as RFC 3339 strings.
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as Json;
  delete out.$schema;
  return out;
}

const PROBLEM = "application/problem+json";
const problem = (description: string) => ({
  description,
  content: { [PROBLEM]: { schema: { $ref: "#/components/schemas/Problem" } } },
});

const SECURITY: Record<Operation["credential"], Json[]> = {
  user: [{ apiToken: [] }, { session: [] }],
  agent: [{ hostToken: [] }],
  admin: [{ adminToken: [] }],
  metrics: [{ metricsToken: [] }],
  public: [],
};

function parameters(op: Operation): Json[] {
  const params: Json[] = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  if (op.query) {
    const q = jsonSchema(op.query, "input") as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(q.properties ?? {}))
      params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
  }
  return params;
}

function responses(op: Operation): Json {
  const status = String(op.status ?? 200);
  const type = op.replyType ?? "application/json";
  const ok =
    op.reply === undefined || typeof op.reply === "string"
      ? {
          description: op.reply ?? "OK",
          ...(status === "204" || op.method === "head" || op.method === "options"
            ? {}
            : { content: { [type]: { schema: {} } } }),
        }
      : { description: "OK", content: { [type]: { schema: jsonSchema(op.reply, "output") } } };
  const out: Json = { [status]: ok };
  const hasInput = op.body || op.query || op.rawBody || op.path.includes("{");
  if (hasInput) out["400"] = problem("Invalid input: `errors` names each field");
  if (op.credential !== "public") out["401"] = problem("No valid credential for this API");
  if (op.credential === "user")
    out["403"] = problem("The role, or the API token's scopes, do not allow this");
  if (op.path.includes("{")) out["404"] = problem("No such resource (or not yours to see)");
  if (op.body || op.rawBody) out["413"] = problem("Body over this endpoint's limit");
  for (const [code, description] of Object.entries(op.also ?? {})) out[code] = problem(description);
  return out;
}

function operation(op: Operation): Json {
  const roles = op.permission ? (PERMISSIONS[op.permission] as readonly string[]).join(", ") : "";
  const description = [
    op.description,
    op.permission &&
      `Permission \`${op.permission}\` (roles: ${roles}); an API token also needs it in its scopes.`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const body = op.body
    ? { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } }
    : op.rawBody
      ? {
          required: true,
          description: op.rawBody.description,
          content: { [op.rawBody.contentType]: { schema: {} } },
        }
      : undefined;
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+/g, "_")}`,
    tags: [op.tag],
    summary: op.summary,
    ...(description ? { description } : {}),
    ...(op.permission ? { "x-permission": op.permission } : {}),
    security: SECURITY[op.credential],
    parameters: parameters(op),
    ...(body ? { requestBody: body } : {}),
    responses: responses(op),
  };
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Breakwater API",
      version: "1",
      description:
        "The user API (`/api/v1`: the console's own API, for scripts with an API token) and the host-agent API (`/api/agent/v1`, normative prose in docs/AGENT-PROTOCOL.md). Every error is RFC 9457 problem+json.",
    },
    servers: [{ url: "/" }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "bwu_…",
          description:
            "An API token (Settings → API tokens), scoped to a subset of its owner's permissions.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "bw.session",
          description: "The console's session cookie.",
        },
        hostToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "bwh_…",
          description: "A host's credential from /enroll.",
        },
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "The server's local admin token (the CLI's).",
        },
        metricsToken: {
          type: "http",
          scheme: "bearer",
          description: "BREAKWATER_METRICS_TOKEN, for Prometheus scrapes of /api/metrics.",
        },
      },
      schemas: { Problem: jsonSchema(problemSchema, "output") },
    },
  };
}
