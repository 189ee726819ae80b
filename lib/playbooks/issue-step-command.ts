import "server-only";
import { getDb } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../http/app-error.ts";
import { issueCommand, type IssueActor } from "../commands/issue-command.ts";
import { recordPlaybookEvent } from "./record.ts";
import type { PlaybookDefinition } from "./definition.ts";
import { resolveStepParams } from "./resolve-step-params.ts";

/**
 * A responder sends a ready command step's agent command to the incident's hosts. The
 * commands capability owns issuing (signing, approval, queueing — in its own transaction);
 * the step then completes when the receipts say succeeded (completeCommandStep).
 */
export async function issueStepCommand(input: { stepRunId: string; actor: IssueActor & { type: "user" } }) {
  const db = await getDb();
  const step = await db.stepRun.findUnique({ where: { id: input.stepRunId }, select: { id: true, key: true, kind: true, title: true, status: true, run: { select: { incidentId: true, status: true, definition: true } } } });
  if (!step) throw new AppError("not_found", "No such step.");
  if (step.kind !== "command") throw new AppError("invalid_input", "Only a command step issues a command.");
  if (step.status !== "ready" || step.run.status !== "active") throw new AppError("conflict", `This step is ${step.status}, not ready.`);
  const def = (step.run.definition as unknown as PlaybookDefinition).steps.find((s) => s.id === step.key);
  if (def?.kind !== "command") throw new AppError("internal", "Step definition missing from the frozen run.");
  const incident = await db.incident.findUniqueOrThrow({ where: { id: step.run.incidentId }, select: { pluginName: true, pluginVersion: true, pluginSha256: true, hosts: { select: { hostId: true } } } });
  if (!incident.hosts.length) throw new AppError("conflict", "This incident has no hosts to send the command to; complete the step by hand with a note.");
  const violations = def.command.type === "restore_permissions"
    ? await db.event.findMany({ where: { incidentId: step.run.incidentId, type: "permission_violation" }, select: { details: true }, take: 1000 })
    : [];
  const violatedPermissions = [...new Set(violations.map((v) => (v.details as { permission?: unknown } | null)?.permission).filter((p): p is string => typeof p === "string" && p.length > 0))].sort();
  const plugin = incident.pluginName ? { name: incident.pluginName, ...(incident.pluginVersion ? { version: incident.pluginVersion } : {}), ...(incident.pluginSha256 ? { sha256: incident.pluginSha256 } : {}) } : null;
  const params = resolveStepParams(def.command.type, def.command.params, { plugin, violatedPermissions });
  const res = await issueCommand(
    { type: def.command.type, params, hostIds: incident.hosts.map((h) => h.hostId), comment: `Playbook step: ${step.title}`, incidentId: step.run.incidentId, stepRunId: step.id },
    input.actor,
  );
  await inTransaction(undefined, async (tx) => {
    await tx.stepRun.update({ where: { id: step.id }, data: { commandId: res.requestId } });
    await recordPlaybookEvent(tx, {
      incidentId: step.run.incidentId, actor: input.actor, type: "playbook.command_issued",
      // Say what happened: a command awaiting approval has not been sent anywhere yet.
      summary: res.approval === "pending"
        ? `Command ${def.command.type} requested for ${hostsText(res.commandIds.length)} for step "${step.title}": waiting for a second person's approval, nothing sent yet`
        : `Command ${def.command.type} signed and queued for ${hostsText(res.commandIds.length)} for step "${step.title}"`,
      target: { type: "step_run", id: step.id }, details: { requestId: res.requestId, approval: res.approval },
    });
  });
  return res;
}

const hostsText = (n: number) => `${n} host${n === 1 ? "" : "s"}`;
