// The simulated host honours its own containment (issue 12, item 3): a quarantined plugin
// emits nothing, and an isolated host reports its plugin's attempts as blocked, never as new
// detections that would reopen the incident as a duplicate.
import { describe, expect, it } from "vitest";
import type { Plugin } from "../lib/protocol/hosts.ts";
import { EventSource } from "./scenarios.ts";
import { seededRandom, simulatedInventory } from "./simulated-inventory.ts";

const inventory: Plugin[] = simulatedInventory("scenario-test").map((p) => ({
  ...p,
  state: "active" as const,
}));

function drive(scenario: "escape" | "violation", host: { inventory: Plugin[]; isolated: boolean }) {
  const src = new EventSource(scenario, inventory, {
    rate: 20,
    random: seededRandom("drive"),
    host: () => host,
  });
  src.tick(0);
  return Array.from({ length: 10 }, (_, i) => src.tick((i + 1) * 1000)).flat();
}

describe("simulated host containment", () => {
  it("reports escape attempts from the active target plugin", () => {
    const events = drive("escape", { inventory, isolated: false });
    expect(events.length).toBeGreaterThan(100);
    expect(new Set(events.map((e) => `${e.type}:${e.plugin?.name}`))).toEqual(
      new Set(["sandbox_escape_attempt:pdf-annotator"]),
    );
  });

  it("aims at a plugin that runs: a host whose pdf-annotator was disabled from the start still reports attempts", () => {
    // Seeded inventories disable 5% of plugins; 20 hosts put such a host in most fleets, and
    // a finite run (soak, benchmarks) waited on it for ever.
    const disabled = inventory.map((p) =>
      p.name === "pdf-annotator" ? { ...p, state: "disabled" as const } : p,
    );
    const src = new EventSource("escape", disabled, {
      rate: 20,
      random: seededRandom("disabled"),
      host: () => ({ inventory: disabled, isolated: false }),
    });
    src.tick(0);
    const events = src.tick(1000);
    expect(events).toHaveLength(20);
    const running = disabled.filter((p) => p.state === "active").map((p) => p.name);
    expect(new Set(events.map((e) => e.plugin?.name))).toEqual(new Set([running[0]]));
  });

  it("emits nothing from a quarantined or revoked plugin", () => {
    for (const state of ["quarantined", "revoked"] as const) {
      const contained = inventory.map((p) => (p.name === "pdf-annotator" ? { ...p, state } : p));
      expect(drive("escape", { inventory: contained, isolated: false })).toEqual([]);
      expect(
        drive("violation", { inventory: contained, isolated: false }).filter(
          (e) => e.plugin?.name === "pdf-annotator",
        ),
      ).toEqual([]);
    }
  });

  it("reports an isolated host's attempts as blocked containment, one response event per tick, no detections", () => {
    const events = drive("escape", { inventory, isolated: true });
    expect(events).toHaveLength(10);
    for (const e of events) {
      expect(e).toMatchObject({
        type: "containment_applied",
        plugin: { name: "pdf-annotator" },
        details: {
          action: "attempt_blocked",
          blockedBy: "host_isolation",
          attemptedTypes: ["sandbox_escape_attempt"],
        },
      });
      expect((e.details as { attempts: number }).attempts).toBeGreaterThan(0);
    }
  });

  it("follows the live state: a quarantine during the run stops the events", () => {
    const host = { inventory, isolated: false };
    const src = new EventSource("escape", inventory, {
      rate: 20,
      random: seededRandom("live"),
      host: () => host,
    });
    src.tick(0);
    expect(src.tick(1000).length).toBeGreaterThan(0);
    host.inventory = inventory.map((p) =>
      p.name === "pdf-annotator" ? { ...p, state: "quarantined" as const } : p,
    );
    expect(src.tick(2000)).toEqual([]);
  });
});
