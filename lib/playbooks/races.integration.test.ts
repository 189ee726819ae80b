// Playbook writes raced against themselves (on PostgreSQL they really overlap), and the
// step-hijack hole: only a step's own command completes it.
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestUser, startRunWithHost } from "../../test/playbook-fixtures.ts";
import { claimCommands } from "../commands/deliver-commands.ts";
import { issueCommand } from "../commands/issue-command.ts";
import { recordReceipt } from "../commands/record-receipt.ts";
import { createDraft } from "./create-draft.ts";
import { issueStepCommand } from "./issue-step-command.ts";
import { publishDraft } from "./publish-draft.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";

describeDb("playbook races and step links", (t) => {
  const runWithHost = (slug: string) => startRunWithHost(t.db, slug);

  it("one draft published twice at once becomes one version; the other publish is a 409", async () => {
    await syncPlaybookFiles({ db: t.db });
    const lead = await createTestUser(t.db, "manager");
    const draft = await createDraft({ slug: "unsigned-plugin", baseVersion: 1, actor: lead.actor });
    const before = await t.db.playbookVersion.count({ where: { slug: "unsigned-plugin" } });
    const results = await Promise.allSettled([
      publishDraft({ id: draft.id, actor: lead.actor }),
      publishDraft({ id: draft.id, actor: lead.actor }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "conflict" },
    });
    expect(await t.db.playbookVersion.count({ where: { slug: "unsigned-plugin" } })).toBe(
      before + 1,
    );
    expect(
      await t.db.auditEntry.count({
        where: { action: "playbook.published", details: { path: ["draftId"], equals: draft.id } },
      }),
    ).toBe(1);
  });

  it("a step's command sent twice at once goes out once; the second click is a 409", async () => {
    const { responder, step } = await runWithHost("unsigned-plugin");
    const s = await step("quarantine");
    expect(s.status).toBe("ready");
    const actor = { ...responder.actor, role: "responder" as const };
    const results = await Promise.allSettled([
      issueStepCommand({ stepRunId: s.id, actor }),
      issueStepCommand({ stepRunId: s.id, actor }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "conflict" },
    });
    expect(await t.db.commandRequest.count({ where: { stepRunId: s.id } })).toBe(1);
    const linked = await step("quarantine");
    expect(linked.commandId).toBe(
      (
        await t.db.commandRequest.findFirstOrThrow({
          where: { stepRunId: s.id },
          select: { id: true },
        })
      ).id,
    );
  });

  it("POST /api/v1/commands cannot link a command to a step: a collect_artifact never completes an isolate_host step", async () => {
    const { responder, host, inc, step } = await runWithHost("sandbox-escape");
    const isolate = await step("isolate-host");
    // The decision that readies it is not under test here.
    await t.db.stepRun.update({
      where: { id: isolate.id },
      data: { status: "ready", readyAt: new Date() },
    });
    const actor = { ...responder.actor, role: "responder" as const };
    const collect = {
      type: "collect_artifact",
      params: { kind: "log", what: "agent log", maxBytes: 1024 },
      hostIds: [host.id],
      comment: "grab the log",
      incidentId: inc.id,
    };
    const before = await t.db.commandRequest.count();
    await expect(issueCommand({ ...collect, stepRunId: isolate.id }, actor)).rejects.toMatchObject({
      code: "invalid_input",
      status: 400,
    });
    expect(await t.db.commandRequest.count()).toBe(before);

    // The same command without the link runs to success and leaves the step alone.
    const r = await issueCommand(collect, actor);
    const [env] = await claimCommands(host);
    expect(env.payload.id).toBe(r.commandIds[0]);
    await recordReceipt(host, env.payload.id, {
      status: "succeeded",
      at: new Date().toISOString(),
      result: { artifactId: "x" },
    });
    expect(await step("isolate-host")).toMatchObject({ status: "ready", commandId: null });
  });
});
