import { describe, expect, it } from "vitest";
import { describeCustodyAction } from "./format";

describe("describeCustodyAction", () => {
  it("says the server received the bytes from the host, not that the host received them", () => {
    expect(
      describeCustodyAction({ action: "received", actorType: "host", actorLabel: "ws-fleet-0010" }),
    ).toBe("Received by Breakwater from host ws-fleet-0010");
    expect(
      describeCustodyAction({
        action: "collected",
        actorType: "host",
        actorLabel: "ws-fleet-0010",
      }),
    ).toBe("Collected on host ws-fleet-0010");
  });
  it("names the person or the system for every other action", () => {
    expect(
      describeCustodyAction({ action: "verified", actorType: "system", actorLabel: "breakwater" }),
    ).toBe("SHA-256 verified by Breakwater");
    expect(
      describeCustodyAction({ action: "purged", actorType: "system", actorLabel: "breakwater" }),
    ).toBe("Purged by Breakwater (retention period ended)");
    expect(
      describeCustodyAction({ action: "downloaded", actorType: "user", actorLabel: "a@x.test" }),
    ).toBe("Downloaded by a@x.test");
    expect(
      describeCustodyAction({ action: "hold_applied", actorType: "user", actorLabel: "a@x.test" }),
    ).toBe("Legal hold applied by a@x.test");
  });
});
