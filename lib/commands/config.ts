import { env } from "../env.ts";
import { COMMAND_TYPES, type CommandTypeName } from "../protocol/commands.ts";

/** Destructive on their own, whatever the host count: a second person must approve. */
export const ALWAYS_NEEDS_APPROVAL: ReadonlySet<CommandTypeName> = new Set(["isolate_host", "rollback_runtime"]);

/** Types that contain an incident; the incident is "containment verified" when all of these it issued succeeded. */
export const CONTAINMENT_TYPES: ReadonlySet<CommandTypeName> = new Set([
  "revoke_permissions",
  "quarantine_plugin",
  "kill_process",
  "isolate_host",
  "rollback_runtime",
]);

/** Time-boxable types and the command that undoes each when the box ends. */
export const REVERSE_OF: Partial<Record<CommandTypeName, CommandTypeName>> = {
  isolate_host: "release_host",
  revoke_permissions: "restore_permissions",
};

function parseOverrides(spec: string): Partial<Record<CommandTypeName, number>> {
  const out: Partial<Record<CommandTypeName, number>> = {};
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split("=");
    const n = Number(v);
    if (!(COMMAND_TYPES as readonly string[]).includes(k) || !Number.isInteger(n) || n < 30) {
      throw new Error(`BREAKWATER_COMMAND_EXPIRY_BY_TYPE: bad entry "${part}" (want type=seconds, seconds ≥ 30)`);
    }
    out[k as CommandTypeName] = n;
  }
  return out;
}

const overrides = parseOverrides(env.BREAKWATER_COMMAND_EXPIRY_BY_TYPE);

export const commandExpirySeconds = (type: CommandTypeName) => overrides[type] ?? env.BREAKWATER_COMMAND_EXPIRY_SECONDS;

/** Longest validity any command can have: a retired key stays published this long. */
export const maxCommandExpirySeconds = () => Math.max(env.BREAKWATER_COMMAND_EXPIRY_SECONDS, ...Object.values(overrides));
