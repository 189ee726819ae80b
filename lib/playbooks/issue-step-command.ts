import "server-only";
import { getDb } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../http/app-error.ts";
import { issueCommand, type IssueActor } from "../commands/issue-command.ts";
import { recordPlaybookEvent } from "./record.ts";
import type { PlaybookDefinition } from "./definition.ts";

const NEEDS_PLUGIN = new Set(["revoke_permissions", "restore_permissions", "quarantine_plugin"]);

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
  const params: Record<string, unknown> = { ...def.command.params };
  if (NEEDS_PLUGIN.has(def.command.type) && !params.plugin) {
    if (!incident.pluginName) throw new AppError("conflict", "This incident names no plugin; complete the step by hand with a note.");
    params.plugin = { name: incident.pluginName, ...(incident.pluginVersion ? { version: incident.pluginVersion } : {}), ...(incident.pluginSha256 ? { sha256: incident.pluginSha256 } : {}) };
  }
  const res = await issueCommand(
    { type: def.command.type, params, hostIds: incident.hosts.map((h) => h.hostId), comment: `Playbook step: ${step.title}`, incidentId: step.run.incidentId, stepRunId: step.id },
    input.actor,
  );
  await inTransaction(undefined, async (tx) => {
    await tx.stepRun.update({ where: { id: step.id }, data: { commandId: res.requestId } });
    await recordPlaybookEvent(tx, {
      incidentId: step.run.incidentId, actor: input.actor, type: "playbook.command_issued",
      summary: `Command ${def.command.type} sent to ${res.commandIds.length} host(s) for step ${step.title}${res.approval === "pending" ? " (awaiting a second approver)" : ""}`,
      target: { type: "step_run", id: step.id }, details: { requestId: res.requestId, approval: res.approval },
    });
  });
  return res;
}
