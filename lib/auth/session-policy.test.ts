import { describe, expect, it } from "vitest";
import { evaluateSession } from "./session-policy.ts";

const limits = { idleSeconds: 1800, maxSeconds: 12 * 3600, recheckSeconds: 60 };
const t0 = 1_800_000_000;

describe("evaluateSession", () => {
  it("keeps a fresh session", () => {
    expect(
      evaluateSession({ signedInAt: t0, lastActiveAt: t0, checkedAt: t0 }, t0 + 10, limits),
    ).toBe("valid");
  });
  it("asks for a recheck of the user after 60 s", () => {
    expect(
      evaluateSession({ signedInAt: t0, lastActiveAt: t0 + 50, checkedAt: t0 }, t0 + 60, limits),
    ).toBe("recheck");
  });
  it("ends a session idle for 30 minutes", () => {
    expect(
      evaluateSession({ signedInAt: t0, lastActiveAt: t0, checkedAt: t0 }, t0 + 1800, limits),
    ).toBe("idle_timeout");
    expect(
      evaluateSession({ signedInAt: t0, lastActiveAt: t0, checkedAt: t0 }, t0 + 1799, limits),
    ).not.toBe("idle_timeout");
  });
  it("ends an active session after 12 hours regardless of activity", () => {
    const now = t0 + 12 * 3600;
    expect(
      evaluateSession({ signedInAt: t0, lastActiveAt: now - 1, checkedAt: now - 1 }, now, limits),
    ).toBe("absolute_timeout");
  });
});
