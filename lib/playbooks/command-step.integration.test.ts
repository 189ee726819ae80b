import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { startRunWithHost } from "../../test/playbook-fixtures.ts";
import { claimCommands } from "../commands/deliver-commands.ts";
import { recordReceipt } from "../commands/record-receipt.ts";
import { issueStepCommand } from "./issue-step-command.ts";

describeDb("command steps", (t) => {
  it("sends the step's agent command to the incident's hosts and completes the step on a succeeded receipt", async () => {
    const { responder, host, inc, step: stepOf } = await startRunWithHost(t.db, "unsigned-plugin");
    const step = await stepOf("quarantine");
    expect(step.status).toBe("ready");

    const res = await issueStepCommand({
      stepRunId: step.id,
      actor: { ...responder.actor, role: "responder" },
    });
    expect(res.commandIds).toHaveLength(1);
    const cmd = await t.db.command.findUniqueOrThrow({ where: { id: res.commandIds[0] } });
    expect(cmd).toMatchObject({ hostId: host.id, type: "quarantine_plugin", incidentId: inc.id });
    expect(cmd.params).toMatchObject({ plugin: { name: "acme-pdf" } });

    const envelopes = await claimCommands(host);
    expect(envelopes.map((e) => e.payload.id)).toEqual([cmd.id]);
    await recordReceipt(host, cmd.id, { status: "received", at: new Date().toISOString() });
    expect((await t.db.stepRun.findUniqueOrThrow({ where: { id: step.id } })).status).toBe("ready");
    await recordReceipt(host, cmd.id, { status: "succeeded", at: new Date().toISOString() });
    const done = await t.db.stepRun.findUniqueOrThrow({ where: { id: step.id } });
    expect(done).toMatchObject({
      status: "done",
      completedByName: "command receipt",
      commandId: res.requestId,
    });
    const types = (
      await t.db.timelineEntry.findMany({ where: { incidentId: inc.id }, select: { type: true } })
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["playbook.command_issued", "playbook.step_completed"]),
    );
  });
});
