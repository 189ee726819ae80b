import { describe, expect, it } from "vitest";
import { weeklyTrend } from "./get-metrics-dashboard.ts";
import { weekStart, weekStarts } from "./weeks.ts";

describe("weekly buckets in the viewer's zone", () => {
  it("puts Monday 00:30 Berlin in the new week though it is still Sunday in UTC", () => {
    // 2026-10-26 is the Monday after the end of summer time in Europe (25 October 03:00 → 02:00).
    expect(weekStart(new Date("2026-10-25T23:30:00Z"), "Europe/Berlin")).toBe("2026-10-26");
    expect(weekStart(new Date("2026-10-25T23:30:00Z"), "UTC")).toBe("2026-10-19");
    // Sunday 23:30 Berlin (UTC+1 after the change) is 22:30 UTC: still the old week.
    expect(weekStart(new Date("2026-10-25T22:30:00Z"), "Europe/Berlin")).toBe("2026-10-19");
  });
  it("a week that contains the DST change is one bucket, and the next starts on local Monday", () => {
    // Monday 2026-10-19 00:00 Berlin is 2026-10-18T22:00Z (summer time, UTC+2).
    expect(weekStart(new Date("2026-10-18T22:00:00Z"), "Europe/Berlin")).toBe("2026-10-19");
    expect(weekStart(new Date("2026-10-18T21:59:59Z"), "Europe/Berlin")).toBe("2026-10-12");
    // Monday 2026-10-26 00:00 Berlin is 2026-10-25T23:00Z (winter time, UTC+1): 169 h later.
    expect(weekStart(new Date("2026-10-25T23:00:00Z"), "Europe/Berlin")).toBe("2026-10-26");
    expect(weekStart(new Date("2026-10-25T22:59:59Z"), "Europe/Berlin")).toBe("2026-10-19");
    expect(
      weekStarts(
        new Date("2026-10-14T00:00:00Z"),
        new Date("2026-10-28T00:00:00Z"),
        "Europe/Berlin",
      ),
    ).toEqual(["2026-10-12", "2026-10-19", "2026-10-26"]);
  });
  it("handles zones east of UTC across the date line and US DST", () => {
    expect(weekStart(new Date("2026-11-01T11:30:00Z"), "Pacific/Auckland")).toBe("2026-11-02");
    // US summer time ends 2026-11-01 02:00 local; Monday 2026-11-02 00:00 New York is 05:00Z.
    expect(weekStart(new Date("2026-11-02T04:59:00Z"), "America/New_York")).toBe("2026-10-26");
    expect(weekStart(new Date("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02");
  });
  it("the weekly trend buckets incidents by local week, with empty weeks kept", () => {
    const row = (openedAt: string, mtta: number) =>
      ({
        openedAt: new Date(openedAt),
        mttdSeconds: null,
        mttaSeconds: mtta,
        mttcSeconds: null,
        mttrSeconds: null,
      }) as never;
    const trend = weeklyTrend(
      [
        row("2026-10-25T22:30:00Z", 60),
        row("2026-10-25T23:30:00Z", 120),
        row("2026-10-26T10:00:00Z", 180),
      ],
      {
        from: new Date("2026-10-10T00:00:00Z"),
        to: new Date("2026-10-27T00:00:00Z"),
        tz: "Europe/Berlin",
      },
    );
    expect(trend.map((w) => [w.week, w.incidents, w.mttaP50])).toEqual([
      ["2026-10-05", 0, null],
      ["2026-10-12", 0, null],
      ["2026-10-19", 1, 60],
      ["2026-10-26", 2, 150],
    ]);
  });
});
