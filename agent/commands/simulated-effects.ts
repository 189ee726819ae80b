// What a verified command does to a simulated host. Pure: takes the host's state, returns the
// new state, the receipt to send and the events to report. The effects are real in the
// simulation — the reported inventory changes, isolation flips, rollback restores the
// last-known-good plugin set — so the server's view can be checked against them.

import type { CommandPayload } from "../../lib/protocol/commands.ts";
import type { WireEvent as WireEvent } from "../../lib/protocol/events.ts";
import type { Plugin } from "../../lib/protocol/hosts.ts";

export type Isolation = { isolated: boolean; allow: string[]; since: string | null };
export type SimState = { inventory: Plugin[]; isolation: Isolation; lastKnownGood: Plugin[] };
export type Outcome = {
  status: "succeeded" | "failed";
  result?: Record<string, unknown>;
  reason?: string;
  state: SimState;
  events: Omit<WireEvent, "eventId" | "observedAt">[];
};

type PluginRef = { name: string; version?: string; sha256?: string };
const matches = (p: Plugin, r: PluginRef) =>
  p.name === r.name &&
  (!r.version || p.version === r.version) &&
  (!r.sha256 || p.sha256 === r.sha256);
const failed = (state: SimState, reason: string): Outcome => ({
  status: "failed",
  reason,
  state,
  events: [],
});

export function applyCommand(cmd: CommandPayload, state: SimState, now: Date): Outcome {
  const params = cmd.params as Record<string, unknown>;
  const ref = params.plugin as PluginRef | undefined;
  const targets = ref ? state.inventory.filter((p) => matches(p, ref)) : [];
  const pluginOf = (p: Plugin) => ({ name: p.name, version: p.version, sha256: p.sha256 });
  switch (cmd.type) {
    case "revoke_permissions": {
      if (!targets.length) return failed(state, `plugin ${ref?.name} is not installed here`);
      const want = params.permissions as string[] | "all";
      const revoked = new Set<string>();
      const inventory = state.inventory.map((p) => {
        if (!matches(p, ref!)) return p;
        const drop = want === "all" ? p.permissions : p.permissions.filter((x) => want.includes(x));
        drop.forEach((x) => revoked.add(x));
        return { ...p, permissions: p.permissions.filter((x) => !drop.includes(x)) };
      });
      return {
        status: "succeeded",
        result: { revoked: [...revoked].sort(), plugins: targets.map(pluginOf) },
        state: { ...state, inventory },
        events: [
          {
            type: "containment_applied",
            severity: "medium",
            plugin: pluginOf(targets[0]),
            details: {
              commandId: cmd.id,
              action: "revoke_permissions",
              revoked: [...revoked].sort(),
            },
          },
        ],
      };
    }
    case "restore_permissions": {
      if (!targets.length) return failed(state, `plugin ${ref?.name} is not installed here`);
      const add = params.permissions as string[];
      const inventory = state.inventory.map((p) =>
        matches(p, ref!) ? { ...p, permissions: [...new Set([...p.permissions, ...add])] } : p,
      );
      return {
        status: "succeeded",
        result: { restored: [...add].sort() },
        state: { ...state, inventory },
        events: [],
      };
    }
    case "quarantine_plugin": {
      if (!targets.length) return failed(state, `plugin ${ref?.name} is not installed here`);
      const inventory = state.inventory.map((p) =>
        matches(p, ref!) ? { ...p, state: "quarantined" as const } : p,
      );
      return {
        status: "succeeded",
        result: { quarantined: targets.map(pluginOf) },
        state: { ...state, inventory },
        events: [
          {
            type: "plugin_quarantined",
            severity: "medium",
            plugin: pluginOf(targets[0]),
            details: { commandId: cmd.id },
          },
        ],
      };
    }
    case "kill_process": {
      if (ref && !targets.length) return failed(state, `plugin ${ref.name} is not installed here`);
      return {
        status: "succeeded",
        result: { killed: ref ? targets.map(pluginOf) : [{ pid: params.pid }] },
        state,
        events: [],
      };
    }
    case "isolate_host": {
      const allow = (params.allow as string[] | undefined) ?? [];
      return {
        status: "succeeded",
        result: { isolated: true, allow },
        state: { ...state, isolation: { isolated: true, allow, since: now.toISOString() } },
        events: [
          {
            type: "containment_applied",
            severity: "high",
            details: { commandId: cmd.id, action: "isolate_host", allow },
          },
        ],
      };
    }
    case "release_host":
      return {
        status: "succeeded",
        result: { isolated: false },
        state: { ...state, isolation: { isolated: false, allow: [], since: null } },
        events: [],
      };
    case "rollback_runtime": {
      if (params.to !== "last_known_good")
        return failed(
          state,
          `runtime snapshot "${String(params.to)}" is not known on this host (only last_known_good)`,
        );
      return {
        status: "succeeded",
        result: { restored: state.lastKnownGood.map((p) => `${p.name}@${p.version}`) },
        state: {
          ...state,
          inventory: state.lastKnownGood.map((p) => ({ ...p, permissions: [...p.permissions] })),
        },
        events: [
          {
            type: "rollback_completed",
            severity: "medium",
            details: { commandId: cmd.id, plugins: state.lastKnownGood.length },
          },
        ],
      };
    }
    default:
      // collect_artifact is executed by collect-artifact.ts in the command loop (it uploads over
      // tus) and never reaches here; anything else unknown is refused plainly.
      return failed(state, `${cmd.type} is not supported by this agent build`);
  }
}
