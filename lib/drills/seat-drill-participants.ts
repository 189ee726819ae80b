import "server-only";
import type { Tx } from "../db/transaction.ts";
import type { OpenedIncident } from "../incidents/apply-correlation.ts";
import { assignIncidentRole } from "../playbooks/incident-roles.ts";
import { drillActor } from "./append-drill-timeline.ts";
import type { Scenario } from "./scenario-schema.ts";

/**
 * When a drill host's events open an incident, the run's participants take their roles in
 * it, so the playbook's steps, notifications and escalations reach them as on a real night.
 * A role the scenario scores as "role_assigned" is left empty: filling it is the team's task.
 */
export async function seatDrillParticipants(
  tx: Tx,
  opened: OpenedIncident[],
  host: { drillRunId?: string | null },
) {
  if (!host.drillRunId) return;
  const run = await tx.drillRun.findUnique({
    where: { id: host.drillRunId },
    select: { key: true, status: true, scenario: true, participants: true },
  });
  if (!run || run.status === "ended") return;
  const scenario = run.scenario as unknown as Scenario;
  const scored = new Set(
    scenario.expected.filter((e) => e.action === "role_assigned").map((e) => e.assignRole),
  );
  const seats = run.participants.filter((p) => p.role !== "facilitator" && !scored.has(p.role));
  for (const o of opened) {
    const roles = await tx.incidentRole.findMany({
      where: { incidentId: o.id, userId: null },
      select: { key: true },
    });
    const open = new Set(roles.map((r) => r.key));
    for (const p of seats) {
      if (!open.has(p.role)) continue;
      open.delete(p.role);
      await assignIncidentRole(
        { incidentId: o.id, key: p.role, userId: p.userId, actor: drillActor(run.key) },
        tx,
      );
    }
  }
}
