"use client";
import { IssueCommandForm } from "./issue-command-form";

/** Blast-radius action: one request for every active host running the plugin (resolved
 *  server-side, so a truncated host list never shrinks the target). Needs a second approver
 *  above the fleet threshold. */
export function FleetRevoke({
  plugin,
  hostCount,
  isAdmin,
}: {
  plugin: { name: string; version?: string; sha256?: string };
  hostCount: number;
  isAdmin?: boolean;
}) {
  if (!plugin.name || hostCount === 0) return null;
  return (
    <IssueCommandForm
      target={{ fleet: { plugin }, hostCount }}
      defaultPlugin={plugin}
      isAdmin={isAdmin}
      title={`Contain ${plugin.name}${plugin.version ? ` ${plugin.version}` : ""} across the fleet`}
    />
  );
}
