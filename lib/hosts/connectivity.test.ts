import { describe, expect, it } from "vitest";
import { connectivityOf, lastSeenRange } from "./connectivity.ts";

const t = { staleSeconds: 120, offlineSeconds: 900 };
const now = new Date("2026-11-21T05:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe("host connectivity", () => {
  it("is online, stale, then offline as lastSeenAt ages past each threshold", () => {
    expect(connectivityOf(ago(0), now, t)).toBe("online");
    expect(connectivityOf(ago(119.9), now, t)).toBe("online");
    expect(connectivityOf(ago(120), now, t)).toBe("stale");
    expect(connectivityOf(ago(899), now, t)).toBe("stale");
    expect(connectivityOf(ago(900), now, t)).toBe("offline");
  });

  it("builds SQL ranges that agree with the classification at every boundary", () => {
    for (const s of [0, 60, 119, 120, 121, 500, 899, 900, 901, 100_000]) {
      const seen = ago(s);
      const c = connectivityOf(seen, now, t);
      const r = lastSeenRange(c, now, t);
      if (r.gt) expect(seen.getTime()).toBeGreaterThan(r.gt.getTime());
      if (r.lte) expect(seen.getTime()).toBeLessThanOrEqual(r.lte.getTime());
    }
  });
});
