// tus upload requests (artifact uploads, agent and user side): their headers are fuzzed too.
import fc from "fast-check";
import { ARTIFACT_KINDS } from "../../../../lib/protocol/commands.ts";
import { type Fixtures, type Target, uuid } from "./builders.ts";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
// tus requests fuzz their headers: the metadata pairs, the lengths and offsets.
export const tusCreate = (auth: Target["auth"], path: string): Target => ({
  auth,
  gen: (f) =>
    fc
      .record({
        length: fc.oneof(
          fc.integer({ min: 0, max: 1 << 20 }).map(String),
          fc.constantFrom("-1", "1e3", "99999999999999999", "", " 5", "0x10"),
        ),
        filename: fc.oneof(
          fc.constantFrom("a.log", "x\u0000y", "../etc", "\ud800.log", "💥.bin", "x".repeat(300)),
          fc.string({ maxLength: 20 }),
        ),
        kind: fc.oneof(fc.constantFrom(...ARTIFACT_KINDS), fc.string({ maxLength: 8 })),
        sha256: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 70 })),
        link: fc.oneof(
          fc.constant(`commandId ${b64(f.commandId)}`),
          fc.constant(`incidentId ${b64(f.incidentId)}`),
          uuid.map((u) => `incidentId ${b64(u)}`),
          fc.constant("incidentId !!!"),
          fc.constant(""),
        ),
        raw: fc.option(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom("a b c", "filename", ",,,", "k v,k v"),
          ),
          { nil: undefined },
        ),
        resumable: fc.constantFrom("1.0.0", "1.0.0", "0.2.2", ""),
      })
      .map((r) => ({
        path,
        headers: {
          "tus-resumable": r.resumable,
          "upload-length": r.length,
          "upload-metadata":
            r.raw ??
            [
              `filename ${b64(r.filename)}`,
              `kind ${b64(r.kind)}`,
              `sha256 ${b64(r.sha256)}`,
              r.link,
            ]
              .filter(Boolean)
              .join(","),
        },
      })),
});
export const tusHead = (auth: Target["auth"], path: (f: Fixtures) => string): Target => ({
  auth,
  gen: (f) =>
    fc
      .record({
        id: fc.oneof(fc.constant(""), uuid, fc.constantFrom("..", "%00", "x".repeat(300))),
        real: fc.boolean(),
      })
      .map((r) => ({ path: r.real ? path(f) : path(f).replace(/[^/]+$/, r.id || "x") })),
});
export const tusPatch = (auth: Target["auth"], path: (f: Fixtures) => string): Target => ({
  auth,
  gen: (f) =>
    fc
      .record({
        offset: fc.oneof(
          fc.integer({ min: 0, max: 64 }).map(String),
          fc.constantFrom("-1", "", "1.5", "99999999999999999"),
        ),
        type: fc.constantFrom(
          "application/offset+octet-stream",
          "application/offset+octet-stream; charset=x",
          "application/json",
          "",
        ),
        bytes: fc.uint8Array({ maxLength: 128 }),
        other: fc.option(uuid, { nil: undefined }),
      })
      .map((r) => ({
        path: r.other ? path(f).replace(/[^/]+$/, r.other) : path(f),
        headers: { "tus-resumable": "1.0.0", "upload-offset": r.offset, "content-type": r.type },
        body: r.bytes,
      })),
});
