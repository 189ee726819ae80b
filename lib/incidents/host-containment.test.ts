import { describe, expect, it } from "vitest";
import { containmentProgress, hostContainment } from "./host-containment.ts";

describe("host containment", () => {
  it("is contained only when every live containment command succeeded", () => {
    expect(hostContainment([])).toBe("not_started");
    expect(hostContainment(["cancelled"])).toBe("not_started");
    expect(hostContainment(["succeeded", "delivered"])).toBe("in_progress");
    expect(hostContainment(["succeeded", "awaiting_approval"])).toBe("in_progress");
    expect(hostContainment(["succeeded", "cancelled", "succeeded"])).toBe("contained");
    expect(hostContainment(["succeeded", "failed"])).toBe("failed");
    expect(hostContainment(["expired"])).toBe("failed");
  });
  it("counts hosts for the progress bar (4 of 6 contained)", () => {
    const hosts = [
      "contained",
      "contained",
      "contained",
      "contained",
      "in_progress",
      "not_started",
    ].map((c) => ({ containment: c as never }));
    expect(containmentProgress(hosts)).toEqual({
      total: 6,
      contained: 4,
      inProgress: 1,
      failed: 0,
      notStarted: 1,
    });
  });
});
