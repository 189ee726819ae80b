import { env } from "../env.ts";

// How long a signed command stays valid, per type (BREAKWATER_COMMAND_EXPIRY_BY_TYPE, e.g.
// `collect_artifact=3600`). The signing code owns it because a retired key stays published
// until the last command it can have signed expired, which needs the longest validity.
// lib/commands reads the per-type values and checks the names against its command types.

function parseOverrides(spec: string): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k, v] = part.split("=");
    const n = Number(v);
    if (!k || !Number.isInteger(n) || n < 30)
      throw new Error(
        `BREAKWATER_COMMAND_EXPIRY_BY_TYPE: bad entry "${part}" (want type=seconds, seconds ≥ 30)`,
      );
    out[k] = n;
  }
  return out;
}

export const commandExpiryOverrides = parseOverrides(env.BREAKWATER_COMMAND_EXPIRY_BY_TYPE);

/** Longest validity any command can have: a retired key stays published this long. */
export const maxCommandExpirySeconds = () =>
  Math.max(env.BREAKWATER_COMMAND_EXPIRY_SECONDS, ...Object.values(commandExpiryOverrides));
