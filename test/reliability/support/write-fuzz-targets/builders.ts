// What every target file builds on: the fixtures the targets act on, the request shape, and
// JSON bodies fuzzed around a valid one (fuzz-bodies.ts).
import fc from "fast-check";
import { type Body, fuzzedBodies } from "../fuzz-bodies.ts";

/** Ids of the rows the targets act on, seeded once through the public API. */
export type Fixtures = {
  hostId: string;
  spareHostId: string;
  hostToken: string;
  enrollmentToken: string;
  enrollmentTokenId: string;
  incidentKey: string;
  incidentId: string;
  commandId: string;
  commandRequestId: string;
  draftId: string;
  webhookId: string;
  userId: string;
  stepId: string;
  agentUploadId: string;
  userUploadId: string;
  artifactId: string;
};

export type FuzzRequest = {
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  value?: unknown;
};
export type Target = {
  auth: "user" | "agent" | "none";
  gen: (f: Fixtures) => fc.Arbitrary<FuzzRequest>;
};

/** The plugin the seeded host enrolls with and the inventory target reports. */
export const FUZZ_PLUGIN = {
  name: "clipboard-sync",
  version: "1.0.0",
  origin: "store",
  signer: null,
  sha256: "a".repeat(64),
  permissions: ["clipboard"],
  state: "active",
};

export const uuid = fc.uuid({ version: 4 });
export const text = (max = 60) => fc.string({ minLength: 3, maxLength: max });
export const json = (path: string, valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest> =>
  fuzzedBodies(valid).map((b: Body) => ({ path, body: b.text, value: b.value }));
export const jsonTarget = (
  auth: Target["auth"],
  path: (f: Fixtures) => string,
  valid: (f: Fixtures) => fc.Arbitrary<unknown>,
): Target => ({ auth, gen: (f) => json(path(f), valid(f)) });
export const user = (
  path: (f: Fixtures) => string,
  valid: (f: Fixtures) => fc.Arbitrary<unknown>,
) => jsonTarget("user", path, valid);

export const reason = fc.record({ reason: text(200) });
