// The layer rules in eslint.config.mjs, run through ESLint's own API on one-line fixtures
// placed (in memory only) in each layer: every rule must fire on an import that points the
// wrong way and stay quiet on one that is allowed, or the "lint proves the layers" claim in
// docs/DEVELOPING.md would be hollow.
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  // Only the layer rule: the fixtures are not meant to satisfy the style rules.
  eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => ruleId === "layers/imports" });
});

async function layerErrors(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result.messages.filter((m) => m.ruleId !== "layers/imports")).toEqual([]);
  return result.messages.map((m) => m.message);
}

// [importing file, import statement] pairs, grouped by the rule they exercise.
const forbidden: [string, string][] = [
  // lib/ never imports app/, components/, tests or scripts: by alias, or by a relative path
  // that lands there.
  ["lib/commands/fixture.ts", `import { POST } from "@/app/api/agent/v1/enroll/route";`],
  ["lib/commands/fixture.ts", `import { POST } from "../../app/api/agent/v1/enroll/route.ts";`],
  ["lib/fixture.ts", `import { x } from "../app/layout.tsx";`],
  ["lib/hosts/fixture.ts", `import { Badge } from "@/components/ui/badge";`],
  ["lib/ui/fixture.ts", `import { Badge } from "../../components/ui/badge.tsx";`],
  ["lib/hosts/fixture.ts", `import { describeDb } from "../../test/db.ts";`],
  ["lib/db/fixture.ts", `import { x } from "@/scripts/bw";`],
  ["lib/commands/fixture.ts", `export * from "../../app/x.ts";`],
  ["lib/commands/fixture.ts", `export { y } from "@/app/x";`],
  ["lib/commands/fixture.ts", `import type { T } from "@/app/x";`],
  ["lib/commands/fixture.ts", `const m = await import("@/app/x");`],
  ["lib/commands/fixture.ts", `type M = typeof import("@/app/x");`],
  // components/ never imports app/.
  ["components/auth/fixture.tsx", `import { signIn } from "@/app/login/actions";`],
  ["components/auth/fixture.tsx", `import { signIn } from "../../app/login/actions";`],
  // agent/ imports only lib/protocol/ of ours.
  ["agent/fixture.ts", `import { prisma } from "../lib/db/index.ts";`],
  ["agent/fixture.ts", `import { env } from "@/lib/env";`],
  ["agent/commands/fixture.ts", `import { AppError } from "../../lib/errors/app-error.ts";`],
  ["agent/fixture.ts", `import { x } from "../scripts/bw.ts";`],
  ["agent/fixture.ts", `import { x } from "@/components/ui/badge";`],
  // lib/protocol/ imports nothing of ours outside itself.
  ["lib/protocol/fixture.ts", `import { logger } from "../log.ts";`],
  ["lib/protocol/fixture.ts", `import { canonical } from "@/lib/audit/canonical";`],
  // lib/errors/ imports nothing of ours outside itself.
  ["lib/errors/fixture.ts", `import { prisma } from "../db/index.ts";`],
  // lib/db/ imports no domain folder.
  ["lib/db/fixture.ts", `import { appendAudit } from "../audit/append-audit.ts";`],
  ["lib/db/fixture.ts", `import { x } from "@/lib/incidents/x";`],
  ["lib/db/fixture.ts", `import { problem } from "../http/problem.ts";`],
  // lib/http/ imports no domain folder but the identity ones.
  ["lib/http/fixture.ts", `import { declareIncident } from "../incidents/declare-incident.ts";`],
  ["lib/http/fixture.ts", `import { x } from "@/lib/admin/run-admin-command";`],
  // Domain code never imports lib/http/.
  ["lib/incidents/fixture.ts", `import { safeText } from "../http/safe-schemas.ts";`],
  ["lib/commands/flows/fixture.ts", `import { problem } from "@/lib/http/problem";`],
];

const allowed: [string, string][] = [
  ["lib/commands/fixture.ts", `import { inTransaction } from "../db/transaction.ts";`],
  ["lib/commands/fixture.ts", `import { x } from "next/app";`],
  ["lib/commands/fixture.ts", `import crypto from "node:crypto";`],
  ["components/auth/fixture.tsx", `import { cn } from "@/lib/ui/cn";`],
  ["components/auth/fixture.tsx", `import { Badge } from "../ui/badge";`],
  ["agent/fixture.ts", `import { EVENT_TYPES } from "../lib/protocol/events.ts";`],
  ["agent/fixture.ts", `import { EVENT_TYPES } from "@/lib/protocol/events";`],
  ["agent/commands/fixture.ts", `import { backoff } from "../backoff.ts";`],
  ["agent/fixture.ts", `import { z } from "zod";`],
  ["lib/protocol/fixture.ts", `import { canonical } from "./canonical.ts";`],
  ["lib/errors/fixture.ts", `import { x } from "./codes.ts";`],
  ["lib/db/fixture.ts", `import { env } from "../env.ts";`],
  ["lib/db/fixture.ts", `import { logger } from "@/lib/log";`],
  ["lib/db/fixture.ts", `import { AppError } from "../errors/app-error.ts";`],
  ["lib/db/fixture.ts", `import { processSingleton } from "../process-singleton.ts";`],
  ["lib/db/fixture.ts", `import { PrismaClient } from "../generated/prisma/client.ts";`],
  ["lib/http/fixture.ts", `import { getCurrentUser } from "../auth/current-user.ts";`],
  ["lib/http/fixture.ts", `import { findHostByToken } from "../hosts/tokens.ts";`],
  ["lib/http/fixture.ts", `import { readAdminToken } from "../admin/admin-token.ts";`],
  ["lib/http/fixture.ts", `import { toAppError } from "./to-app-error.ts";`],
  ["lib/incidents/fixture.ts", `import { AppError } from "../errors/app-error.ts";`],
  // Tests wire layers together on purpose and are exempt.
  ["lib/incidents/fixture.test.ts", `import { problem } from "../http/problem.ts";`],
  ["lib/hosts/fixture.integration.test.ts", `import { POST } from "../../app/x/route.ts";`],
  ["test/fixture.ts", `import { POST } from "@/app/x/route";`],
  ["e2e/fixture.spec.ts", `import { x } from "../lib/db/index.ts";`],
  ["agent/fixture.test.ts", `import { prisma } from "../lib/db/index.ts";`],
];

describe("layer rules", () => {
  it.each(forbidden)("%s: %s is an error", async (file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${file} must not import`);
  });

  it.each(allowed)("%s: %s is allowed", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
