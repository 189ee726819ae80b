import { describe, expect, it } from "vitest";
import { isTimeZone, quietUntil } from "./quiet-hours.ts";

const at = (iso: string) => new Date(iso);

describe("quietUntil", () => {
  it("is null without a window, outside it, or for an empty one", () => {
    expect(
      quietUntil(at("2026-12-03T03:00:00Z"), { quietFrom: null, quietTo: null, timeZone: "UTC" }),
    ).toBeNull();
    expect(
      quietUntil(at("2026-12-03T12:00:00Z"), {
        quietFrom: "22:00",
        quietTo: "07:00",
        timeZone: "UTC",
      }),
    ).toBeNull();
    expect(
      quietUntil(at("2026-12-03T12:00:00Z"), {
        quietFrom: "12:00",
        quietTo: "12:00",
        timeZone: "UTC",
      }),
    ).toBeNull();
  });

  it("ends a window that crosses midnight at its end, on the next day when needed", () => {
    const q = { quietFrom: "22:00", quietTo: "07:00", timeZone: "UTC" };
    expect(quietUntil(at("2026-12-03T23:30:10Z"), q)?.toISOString()).toBe(
      "2026-12-04T07:00:00.000Z",
    );
    expect(quietUntil(at("2026-12-03T03:15:00Z"), q)?.toISOString()).toBe(
      "2026-12-03T07:00:00.000Z",
    );
    expect(quietUntil(at("2026-12-03T07:00:00Z"), q)).toBeNull();
  });

  it("reads the window in the person's time zone", () => {
    // 02:00 UTC is 03:00 in Berlin (winter): inside 22:00–07:00 there, ending 06:00 UTC.
    const q = { quietFrom: "22:00", quietTo: "07:00", timeZone: "Europe/Berlin" };
    expect(quietUntil(at("2026-12-03T02:00:00Z"), q)?.toISOString()).toBe(
      "2026-12-03T06:00:00.000Z",
    );
    // 21:30 UTC is 22:30 in Berlin.
    expect(quietUntil(at("2026-12-03T21:30:00Z"), q)?.toISOString()).toBe(
      "2026-12-04T06:00:00.000Z",
    );
    expect(quietUntil(at("2026-12-03T20:30:00Z"), q)).toBeNull();
  });

  it("knows a time zone from a typo", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
