import "server-only";
import { type IssueActor, issueCommandInTx } from "../commands/issue-command.ts";
import { notifyHosts } from "../commands/waiters.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { commandStepSelect, frozenStepOf, lockStep } from "./lock-step.ts";
import { recordPlaybookEvent } from "./record.ts";
import { resolveStepParams } from "./resolve-step-params.ts";

const OPEN = ["awaiting_approval", "queued", "delivered", "acknowledged"] as const;

/**
 * A responder sends a ready command step's agent command to the incident's hosts. This is
 * the only place a command is linked to a step: the command is built from the step's frozen
 * definition, for the run's incident, and issued in the same transaction that links it, under
 * the run lock; so two clicks (or two responders) send it once, and the step completes
 * only on the receipts of its own command (completeCommandStep checks the link).
 */
export async function issueStepCommand(
  input: { stepRunId: string; actor: IssueActor & { type: "user" } },
  db?: Db,
) {
  const out = await inTransaction(db, async (tx) => {
    const step = await lockStep(tx, input.stepRunId, commandStepSelect);
    if (!step) throw new AppError("not_found", "No such step.");
    if (step.kind !== "command")
      throw new AppError("invalid_input", "Only a command step issues a command.");
    if (step.status !== "ready" || step.run.status !== "active")
      throw new AppError("conflict", `This step is ${step.status}, not ready.`);
    if (
      step.commandId &&
      (await tx.command.count({
        where: { requestId: step.commandId, status: { in: [...OPEN] } },
      })) > 0
    ) {
      throw new AppError(
        "conflict",
        "This step's command was already sent and has not finished; wait for its receipts or cancel it.",
      );
    }
    const def = frozenStepOf(step);
    if (def?.kind !== "command")
      throw new AppError("internal", "Step definition missing from the frozen run.");
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: step.run.incidentId },
      select: {
        pluginName: true,
        pluginVersion: true,
        pluginSha256: true,
        hosts: { select: { hostId: true } },
      },
    });
    if (!incident.hosts.length)
      throw new AppError(
        "conflict",
        "This incident has no hosts to send the command to; complete the step by hand with a note.",
      );
    const violations =
      def.command.type === "restore_permissions"
        ? await tx.event.findMany({
            where: { incidentId: step.run.incidentId, type: "permission_violation" },
            select: { details: true },
            take: 1000,
          })
        : [];
    const violatedPermissions = [
      ...new Set(
        violations
          .map((v) => (v.details as { permission?: unknown } | null)?.permission)
          .filter((p): p is string => typeof p === "string" && p.length > 0),
      ),
    ].sort();
    const plugin = incident.pluginName
      ? {
          name: incident.pluginName,
          ...(incident.pluginVersion ? { version: incident.pluginVersion } : {}),
          ...(incident.pluginSha256 ? { sha256: incident.pluginSha256 } : {}),
        }
      : null;
    const params = resolveStepParams(def.command.type, def.command.params, {
      plugin,
      violatedPermissions,
    });
    const res = await issueCommandInTx(
      tx,
      {
        type: def.command.type,
        params,
        hostIds: incident.hosts.map((h) => h.hostId),
        comment: `Playbook step: ${step.title}`,
        incidentId: step.run.incidentId,
      },
      input.actor,
      { stepRunId: step.id },
    );
    await tx.stepRun.update({ where: { id: step.id }, data: { commandId: res.requestId } });
    await recordPlaybookEvent(tx, {
      incidentId: step.run.incidentId,
      actor: input.actor,
      type: "playbook.command_issued",
      // Say what happened: a command awaiting approval has not been sent anywhere yet.
      summary:
        res.approval === "pending"
          ? `Command ${def.command.type} requested for ${hostsText(res.commandIds.length)} for step "${step.title}": waiting for a second person's approval, nothing sent yet`
          : `Command ${def.command.type} signed and queued for ${hostsText(res.commandIds.length)} for step "${step.title}"`,
      target: { type: "step_run", id: step.id },
      details: { requestId: res.requestId, approval: res.approval },
    });
    return res;
  });
  if (out.approval !== "pending") notifyHosts(out.hostIds);
  return { requestId: out.requestId, approval: out.approval, commandIds: out.commandIds };
}

const hostsText = (n: number) => `${n} host${n === 1 ? "" : "s"}`;
