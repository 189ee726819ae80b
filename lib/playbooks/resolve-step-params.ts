import { AppError } from "../errors/app-error.ts";
import type { CommandTypeName } from "../protocol/commands.ts";

// A playbook is written once for every incident, so its command steps leave out what only
// the incident knows: which plugin, which permission was abused. Published files are
// immutable, so these rules — not new file versions — are what make a shipped step runnable.

export type StepIncidentContext = {
  plugin: { name: string; version?: string; sha256?: string } | null;
  /** Distinct `details.permission` of the incident's permission_violation events. */
  violatedPermissions: string[];
};

const TARGETS_PLUGIN = new Set<CommandTypeName>([
  "revoke_permissions",
  "restore_permissions",
  "quarantine_plugin",
]);

/** The params a command step sends, filled in from the incident. Throws a conflict naming
 *  what is missing when the incident cannot supply it (the person completes by hand). */
export function resolveStepParams(
  type: CommandTypeName,
  stepParams: Record<string, unknown>,
  ctx: StepIncidentContext,
): Record<string, unknown> {
  const params: Record<string, unknown> = { ...stepParams };
  // kill_process needs a plugin or a pid; a playbook cannot know a pid, so it kills the
  // incident's plugin process unless the step names a pid itself.
  const wantsPlugin =
    TARGETS_PLUGIN.has(type) || (type === "kill_process" && params.pid === undefined);
  if (wantsPlugin && !params.plugin) {
    if (!ctx.plugin)
      throw new AppError(
        "conflict",
        "This incident names no plugin, so the command has no target; complete the step by hand with a note.",
        { errors: [{ path: "params.plugin", message: "the incident names no plugin" }] },
      );
    params.plugin = ctx.plugin;
  }
  // An empty list in a restore step means "what this incident revoked for a reason": the
  // permissions its violations were about.
  if (
    type === "restore_permissions" &&
    Array.isArray(params.permissions) &&
    params.permissions.length === 0
  ) {
    if (!ctx.violatedPermissions.length)
      throw new AppError(
        "conflict",
        "No permission violation is recorded on this incident, so there is nothing to restore; complete the step by hand with a note.",
        {
          errors: [
            { path: "params.permissions", message: "no violated permission on this incident" },
          ],
        },
      );
    params.permissions = ctx.violatedPermissions;
  }
  return params;
}
