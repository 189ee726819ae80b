// The zod building blocks every schema that reaches the database is made of. Each guard is
// a limit of PostgreSQL (or of the JS code between the body and the INSERT) that zod's own
// types do not know: without them the bad value passes validation and fails at the INSERT
// or in a recursive walk — a 500 — instead of a 400 naming the field.
import { z } from "zod";

/** 10000-01-01T00:00:00Z: the first instant PostgreSQL's timestamp and JS ISO strings disagree on. */
export const MAX_TIMESTAMP_MS = Date.UTC(10000, 0, 1);

const NUL = "\u0000";
// A lone surrogate has no UTF-8 encoding: the driver would silently store U+FFFD instead,
// so what was hashed or signed is not what was stored. Refused like U+0000.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as PostgreSQL text, or null when it can. */
export function unstorableText(s: string): string | null {
  if (s.includes(NUL)) return "Must not contain U+0000 (PostgreSQL cannot store it)";
  if (LONE_SURROGATE.test(s)) return "Must not contain an unpaired UTF-16 surrogate";
  return null;
}

/** A string PostgreSQL text can hold. Chain `.trim().min().max()` on it as on `z.string()`. */
export const safeText = (message?: string) =>
  z.string(message).check((ctx) => {
    const why = unstorableText(ctx.value);
    if (why) ctx.issues.push({ code: "custom", message: why, input: ctx.value });
  });

/** An RFC 3339 timestamp with a zone that PostgreSQL's timestamp can hold. Year 0000 or
 *  10000+ passes the format check but not the column; before 1970 is never a real event. */
export const safeDate = (
  message = "Must be an RFC 3339 timestamp with a zone, e.g. 2026-11-21T04:59:00Z",
) =>
  z.iso.datetime({ offset: true, message }).refine((s) => {
    const t = Date.parse(s);
    return Number.isFinite(t) && t >= 0 && t < MAX_TIMESTAMP_MS;
  }, "Must be between 1970-01-01 and 9999-12-31");

/** Iterative nesting-depth check, safe on input of any depth. */
export function jsonDepthWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d > max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return true;
}

/** The first unstorable string (value or object key) in a JSON tree; iterative. */
function unstorableJson(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      const why = unstorableText(v);
      if (why) return why;
    } else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const why = unstorableText(k);
        if (why) return `Keys: ${why}`;
        stack.push(x);
      }
    }
  }
  return null;
}

export const DEFAULT_JSON_DEPTH = 32;

/** A JSON object for a jsonb column: bounded depth first (the byte count, the scans, the
 *  canonical encoding and PostgreSQL itself all recurse, and a 64 KiB body can nest a few
 *  thousand levels deep), then bounded size, then no U+0000 or lone surrogate anywhere,
 *  keys included. */
export const safeJson = (opts: { maxDepth?: number; maxBytes?: number } = {}) => {
  const maxDepth = opts.maxDepth ?? DEFAULT_JSON_DEPTH;
  return z.record(z.string(), z.unknown(), "Must be a JSON object").superRefine((d, ctx) => {
    if (!jsonDepthWithin(d, maxDepth))
      return void ctx.addIssue({
        code: "custom",
        message: `Must not nest deeper than ${maxDepth} levels`,
      });
    if (opts.maxBytes !== undefined && Buffer.byteLength(JSON.stringify(d)) > opts.maxBytes) {
      return void ctx.addIssue({
        code: "custom",
        message: `Must serialize to at most ${opts.maxBytes} bytes`,
      });
    }
    const why = unstorableJson(d);
    if (why) ctx.addIssue({ code: "custom", message: why });
  });
};

/** The largest value of a PostgreSQL integer column: zod's `.int()` allows up to 2^53. */
export const MAX_INT4 = 2_147_483_647;
