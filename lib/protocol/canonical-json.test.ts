// Every signature and content hash depends on this encoder writing exactly the bytes the
// reference implementation writes; agents in other languages check against RFC 8785.
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

/** A small deterministic generator (mulberry32), so a failure names a reproducible seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_STRINGS = [
  "",
  "é",
  "\u2028",
  "\u0007",
  '"q"',
  "\\",
  "😀",
  "\ud800\udc00",
  "z",
  "Z",
  "10",
  "1",
  "a b",
];
const ODD_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e21,
  1e-7,
  123456789.125,
  2 ** 53,
  -(2 ** 31),
  5e-324,
  1.7976931348623157e308,
];

function value(r: () => number, depth: number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const kind = Math.floor(r() * (depth > 3 ? 5 : 8));
  if (kind === 0) return null;
  if (kind === 1) return r() < 0.5;
  if (kind === 2) return r() < 0.5 ? pick(ODD_NUMBERS) : (r() - 0.5) * 10 ** Math.floor(r() * 30);
  if (kind === 3) return pick(ODD_STRINGS) + String.fromCharCode(Math.floor(r() * 0x3000));
  if (kind === 4) return new Date(Math.floor(r() * 4e12));
  if (kind === 5 || kind === 6) {
    const o: Record<string, unknown> = {};
    const n = Math.floor(r() * 6);
    for (let i = 0; i < n; i++)
      o[pick(ODD_STRINGS) + pick(["a", "B", "é", "1", "_"])] = value(r, depth + 1);
    if (r() < 0.2) o.skipped = undefined;
    return o;
  }
  return Array.from({ length: Math.floor(r() * 5) }, () =>
    r() < 0.1 ? undefined : value(r, depth + 1),
  );
}

describe("canonicalJson", () => {
  it("writes the same bytes as the canonicalize package on 20,000 generated values", () => {
    const r = rng(8785);
    for (let i = 0; i < 20_000; i++) {
      const v = value(r, 0);
      expect(canonicalJson(v), `value #${i}`).toBe(canonicalize(v));
    }
  });

  it("writes RFC 8785's own example", () => {
    // RFC 8785 §3.2.2 (numbers and strings) and §3.2.3 (key order by UTF-16 code units).
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("refuses what JSON cannot carry", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow("NaN is not allowed");
    expect(() => canonicalJson({ x: Number.POSITIVE_INFINITY })).toThrow("Infinity is not allowed");
    expect(() => canonicalJson(undefined)).toThrow("value cannot be canonicalised");
  });
});
