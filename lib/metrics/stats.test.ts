import { describe, expect, it } from "vitest";
import { curveFrom } from "./containment-curve.ts";
import { csvCell } from "./export-incident-metrics.ts";
import { delta, percentile, summarize } from "./stats.ts";

describe("summarize (hand-computed, R-7 percentiles)", () => {
  it("odd count", () => {
    expect(summarize([300, 60, 120])).toEqual({ count: 3, p50: 120, p90: 264, mean: 160 });
  });
  it("even count interpolates the middle", () => {
    expect(summarize([10, 20, 30, 40])).toEqual({ count: 4, p50: 25, p90: 37, mean: 25 });
  });
  it("ties", () => {
    expect(summarize([30, 60, 30, 90])).toEqual({ count: 4, p50: 45, p90: 81, mean: 52.5 });
    expect(summarize([5, 5, 5])).toEqual({ count: 3, p50: 5, p90: 5, mean: 5 });
  });
  it("a single incident", () => {
    expect(summarize([42])).toEqual({ count: 1, p50: 42, p90: 42, mean: 42 });
  });
  it("none, and missing values are not zeros", () => {
    expect(summarize([])).toEqual({ count: 0, p50: null, p90: null, mean: null });
    expect(summarize([null, undefined, 10])).toEqual({ count: 1, p50: 10, p90: 10, mean: 10 });
  });
  it("percentile of ten values", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });
  it("change against the previous period", () => {
    expect(delta(summarize([60]), summarize([120]))).toEqual({ seconds: -60, ratio: -0.5 });
    expect(delta(summarize([60]), summarize([]))).toEqual({ seconds: null, ratio: null });
  });
});

describe("containment curve", () => {
  it("steps at each minute a host was contained, over all affected hosts", () => {
    expect(curveFrom([300, 600, 1200, 610], 5)).toEqual({
      hosts: 5,
      contained: 4,
      points: [
        { minute: 0, contained: 0, share: 0 },
        { minute: 5, contained: 1, share: 0.2 },
        { minute: 10, contained: 2, share: 0.4 },
        { minute: 11, contained: 3, share: 0.6 },
        { minute: 20, contained: 4, share: 0.8 },
      ],
    });
    expect(curveFrom([], 0)).toEqual({
      hosts: 0,
      contained: 0,
      points: [{ minute: 0, contained: 0, share: 0 }],
    });
  });
});

describe("CSV cells", () => {
  it("quotes, and defuses formulas from agent-supplied names", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(null)).toBe("");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01T00:00:00.000Z");
  });
});
