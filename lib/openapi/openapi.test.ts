// The OpenAPI document against the tree it describes: every method of every route under
// app/api has its operation (and no operation outlives its route), each user operation names
// the permission its route checks, and the document validates as OpenAPI 3.1.
import fs from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { expect, it } from "vitest";
import { CONSOLE_READ_ROUTES } from "../../e2e/authorization-matrix/token-columns.ts";
import { enumerateAppRoutes } from "../../e2e/support/app-routes.ts";
import { buildOpenApiDocument, OPERATIONS } from "./build-openapi.ts";

// next-auth's own endpoints (sign-in forms, OAuth callbacks with its CSRF token) are a
// browser protocol of the library, not an API of ours.
const NOT_DOCUMENTED = new Set(["GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]"]);

const toOpenApiPath = (route: string) => route.replace(/\[([^\]]+)\]/g, "{$1}");
const apiRoutes = () => enumerateAppRoutes().filter((r) => r.route.startsWith("/api/"));

it("has an operation for every method of every route under app/api, and no other", () => {
  const routes = apiRoutes();
  expect(routes.length).toBeGreaterThan(60); // the walker found the tree
  const inApp = routes
    .filter((r) => !NOT_DOCUMENTED.has(r.key))
    .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.route)}`);
  const documented = OPERATIONS.map((o) => `${o.method} ${o.path}`);
  expect(
    inApp.filter((k) => !documented.includes(k)),
    "routes without an operation",
  ).toEqual([]);
  expect(
    documented.filter((k) => !inApp.includes(k)),
    "operations without a route",
  ).toEqual([]);
  expect(
    documented.filter((k, i) => documented.indexOf(k) !== i),
    "duplicates",
  ).toEqual([]);
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
  const inDoc = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m} ${p}`),
  );
  expect(inDoc.sort()).toEqual([...documented].sort());
});

it("names, for each user route, exactly the permissions its file checks", () => {
  const byFile = new Map<string, { file: string; documented: Set<string> }>();
  for (const r of apiRoutes()) {
    if (NOT_DOCUMENTED.has(r.key)) continue;
    const op = OPERATIONS.find(
      (o) => o.method === r.method.toLowerCase() && o.path === toOpenApiPath(r.route),
    );
    const entry = byFile.get(r.file) ?? { file: r.file, documented: new Set<string>() };
    if (op?.permission) entry.documented.add(op.permission);
    byFile.set(r.file, entry);
  }
  const wrong: string[] = [];
  for (const { file, documented } of byFile.values()) {
    const checked = new Set(
      [...fs.readFileSync(file, "utf8").matchAll(/permission: "([a-z_:]+)"/g)].map((m) => m[1]),
    );
    const a = [...checked].sort().join(",");
    const b = [...documented].sort().join(",");
    if (a !== b) wrong.push(`${file}: checks [${a}], document says [${b}]`);
  }
  expect(wrong).toEqual([]);
});

it("validates as OpenAPI 3.1", async () => {
  const doc = buildOpenApiDocument();
  expect(doc.openapi).toBe("3.1.0");
  // validate() dereferences in place: hand it a copy.
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
});

it("describes inputs from the zod schemas the routes parse with", () => {
  const doc = buildOpenApiDocument() as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: {
            content: Record<
              string,
              { schema: { properties?: Record<string, unknown>; required?: string[] } }
            >;
          };
        }
      >
    >;
  };
  const issue = doc.paths["/api/v1/commands"].post.requestBody!.content["application/json"].schema;
  expect(Object.keys(issue.properties ?? {})).toEqual(
    expect.arrayContaining(["type", "params", "hostIds"]),
  );
  const receipt =
    doc.paths["/api/agent/v1/commands/{id}/receipts"].post.requestBody!.content["application/json"]
      .schema;
  expect(receipt.required).toEqual(expect.arrayContaining(["status", "at"]));
  const token =
    doc.paths["/api/v1/api-tokens"].post.requestBody!.content["application/json"].schema;
  expect(token.required).toEqual(["name", "scopes", "expiresInDays"]);
});

it("the matrix's console:read routes (the narrow token's reach) are the document's", () => {
  const documented = OPERATIONS.filter((o) => o.permission === "console:read").map(
    (o) => `${o.method.toUpperCase()} ${o.path.replace(/\{([^}]+)\}/g, "[$1]")}`,
  );
  expect([...CONSOLE_READ_ROUTES].sort()).toEqual(documented.sort());
});
