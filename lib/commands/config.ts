import { env } from "../env.ts";
import { CONTAINMENT_COMMAND_TYPES } from "../incidents/containment-types.ts";
import { COMMAND_TYPES, type CommandTypeName } from "../protocol/commands.ts";
import { commandExpiryOverrides } from "../signing/command-validity.ts";

/** Destructive on their own, whatever the host count: a second person must approve. */
export const ALWAYS_NEEDS_APPROVAL: ReadonlySet<CommandTypeName> = new Set([
  "isolate_host",
  "rollback_runtime",
]);

/** Types that contain an incident (the incidents' rule); typed here, so a name that is no command type fails to compile. */
export const CONTAINMENT_TYPES: ReadonlySet<CommandTypeName> = new Set<CommandTypeName>(
  CONTAINMENT_COMMAND_TYPES,
);

/** Time-boxable types and the command that undoes each when the box ends. */
export const REVERSE_OF: Partial<Record<CommandTypeName, CommandTypeName>> = {
  isolate_host: "release_host",
  revoke_permissions: "restore_permissions",
};

// The signing code parses the overrides (it needs the longest); the type names are checked here.
for (const [k, n] of Object.entries(commandExpiryOverrides)) {
  if (!(COMMAND_TYPES as readonly string[]).includes(k))
    throw new Error(
      `BREAKWATER_COMMAND_EXPIRY_BY_TYPE: bad entry "${k}=${n}" (want type=seconds, seconds ≥ 30)`,
    );
}

export const commandExpirySeconds = (type: CommandTypeName) =>
  commandExpiryOverrides[type] ?? env.BREAKWATER_COMMAND_EXPIRY_SECONDS;
