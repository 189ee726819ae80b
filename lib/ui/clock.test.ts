import { describe, expect, it } from "vitest";
import { formatClock, formatRelative } from "./clock.ts";

describe("the one clock", () => {
  const iso = "2026-12-01T20:31:08.042Z";
  it("always names the zone, 24 h, year first", () => {
    expect(formatClock(iso)).toBe("2026-12-01 20:31:08 UTC");
    expect(formatClock(iso, { timeZone: "Europe/Berlin" })).toBe("2026-12-01 21:31:08 GMT+1");
    expect(formatClock(iso, { timeZone: "America/New_York" })).toBe("2026-12-01 15:31:08 EST");
    expect(formatClock("2026-12-01T00:05:00Z", { timeZone: "America/Los_Angeles" })).toBe(
      "2026-11-30 16:05:00 PST",
    );
  });
  it("shows milliseconds on request and copes with missing values", () => {
    expect(formatClock(iso, { ms: true })).toBe("2026-12-01 20:31:08.042 UTC");
    expect(formatClock(iso, { date: false })).toBe("20:31:08 UTC");
    expect(formatClock(null)).toBe("—");
    expect(formatClock("not a date")).toBe("—");
  });
  it("says how long ago, or how soon", () => {
    const now = Date.parse(iso);
    expect(formatRelative(iso, now + 2_000)).toBe("just now");
    expect(formatRelative(iso, now + 42_000)).toBe("42s ago");
    expect(formatRelative(iso, now + 5 * 60_000)).toBe("5m ago");
    expect(formatRelative(iso, now + 3 * 3_600_000)).toBe("3h ago");
    expect(formatRelative(iso, now + 2 * 86_400_000)).toBe("2d ago");
    expect(formatRelative(iso, now - 4 * 60_000)).toBe("in 4m");
  });
});
