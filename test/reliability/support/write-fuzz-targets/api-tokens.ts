// Fuzz targets of the API-token routes (issue 15), kept in their own file and spread into
// TARGETS with one line. Revoke aims at an id no token has: the fuzz proves the route's
// handling of damaged bodies and ids (4xx, nothing written), not a successful revoke, which
// lib/api-tokens/api-tokens.integration.test.ts covers.
import fc from "fast-check";
import { PERMISSION_NAMES } from "../../../../lib/auth/permissions.ts";
import { type Body, fuzzedBodies } from "../fuzz-bodies.ts";
import type { Target } from "./builders.ts";

const json = (path: string, valid: fc.Arbitrary<unknown>): Target => ({
  auth: "user",
  gen: () => fuzzedBodies(valid).map((b: Body) => ({ path, body: b.text, value: b.value })),
});

export const API_TOKEN_TARGETS: Record<string, Target> = {
  "POST /api/v1/api-tokens": json(
    "/api/v1/api-tokens",
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 80 }),
      scopes: fc.subarray([...PERMISSION_NAMES], { minLength: 1 }),
      expiresInDays: fc.integer({ min: 1, max: 365 }),
    }),
  ),
  "POST /api/v1/api-tokens/[id]/revoke": json(
    "/api/v1/api-tokens/00000000-0000-4000-8000-00000000f00d/revoke",
    fc.constant({}),
  ),
};
