// Which command types contain an incident: it is "containment verified" when all of these it
// issued succeeded. An incident rule, so it lives here; lib/commands checks the names are
// command types (commands sits above incidents and may look down, not the other way round).
export const CONTAINMENT_COMMAND_TYPES = [
  "revoke_permissions",
  "quarantine_plugin",
  "kill_process",
  "isolate_host",
  "rollback_runtime",
] as const;
