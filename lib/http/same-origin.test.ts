// Issue 10: `Origin: null` (sandboxed frames, file: pages, privacy redirects) made withUser's
// `new URL(origin)` throw a TypeError → 500. An opaque or unparsable origin on a write is
// cross-origin: an AppError forbidden (403 problem+json).
import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./same-origin.ts";

const req = (method: string, origin?: string) =>
  new Request("http://localhost:3000/api/v1/notifications/read", {
    method,
    headers: { host: "localhost:3000", ...(origin === undefined ? {} : { origin }) },
  });

describe("assertSameOrigin", () => {
  it.each(["null", "not a url", "http://", "http://[::1", "http://evil.test"])(
    "Origin %j on a POST → forbidden",
    (origin) => {
      expect(() => assertSameOrigin(req("POST", origin))).toThrow(
        expect.objectContaining({ code: "forbidden" }),
      );
    },
  );
  it("same origin, no origin, or a safe method passes", () => {
    expect(() => assertSameOrigin(req("POST", "http://localhost:3000"))).not.toThrow();
    expect(() => assertSameOrigin(req("POST"))).not.toThrow();
    expect(() => assertSameOrigin(req("GET", "null"))).not.toThrow();
  });
});
