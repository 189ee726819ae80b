import { describe, expect, it } from "vitest";
import { agentStartCommand, tokenUsesLabel } from "./agent-command.ts";

describe("the enrollment token page's agent command", () => {
  it("starts one host for a one-time token and a fleet of N for an N-use token, scenario spelled out", () => {
    expect(agentStartCommand({ origin: "http://127.0.0.1:3000", token: "bwe_x", maxUses: 1 })).toBe(
      "npm run agent -- --server http://127.0.0.1:3000 --enroll bwe_x --state ./agent-state --scenario quiet",
    );
    expect(
      agentStartCommand({ origin: "http://127.0.0.1:3000", token: "bwe_x", maxUses: 10 }),
    ).toBe(
      "npm run agent -- --server http://127.0.0.1:3000 --enroll bwe_x --state ./agent-fleet --fleet 10 --scenario quiet",
    );
  });
  it("calls only single-use tokens one-time", () => {
    expect(tokenUsesLabel(1)).toMatch(/^one-time/);
    expect(tokenUsesLabel(25)).toBe("multi-use (up to 25 hosts)");
  });
});
