import fs from "node:fs";
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestIncident, createTestUser, stepsByKey } from "../../test/playbook-fixtures.ts";
import { createDraft } from "./create-draft.ts";
import { hashContent, readPlaybookFiles } from "./files.ts";
import { getDraft } from "./get-draft.ts";
import { publishDraft } from "./publish-draft.ts";
import { startMatchingPlaybooks, startPlaybookRun } from "./start-playbook-run.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";

const MIN = 60_000;

describeDb("playbook runs", (t) => {
  const steps = (runId: string) => stepsByKey(t.db, runId);

  it("loads the shipped files once and refuses a changed published file, naming it and both hashes", async () => {
    const first = await syncPlaybookFiles({ db: t.db });
    expect(first.published.sort()).toEqual([
      "permission-violation v1",
      "sandbox-escape v1",
      "unsigned-plugin v1",
    ]);
    expect((await syncPlaybookFiles({ db: t.db })).published).toEqual([]);
    const files = readPlaybookFiles();
    const f = files.find((x) => x.slug === "sandbox-escape")!;
    const changed = {
      ...f,
      content: f.content + "\n# sneaky edit\n",
      contentHash: hashContent(f.content + "\n# sneaky edit\n"),
    };
    await expect(
      syncPlaybookFiles({ db: t.db, files: files.map((x) => (x === f ? changed : x)) }),
    ).rejects.toThrow(
      new RegExp(
        `${f.file.replace(/[./]/g, "\\$&")} changed.*published sha256 ${f.contentHash}, file sha256 ${changed.contentHash}`,
      ),
    );
    expect(await t.db.playbookVersion.count({ where: { slug: "sandbox-escape" } })).toBe(1);
  });

  it("auto-starts the matching playbook when an incident opens, with roles to fill and the first step due", async () => {
    const inc = await createTestIncident(t.db, { severity: "critical" });
    const started = await t.db.$transaction((tx) =>
      startMatchingPlaybooks(tx, inc, { type: "sandbox_escape_attempt" }),
    );
    expect(started).toEqual(["sandbox-escape"]);
    const run = await t.db.playbookRun.findFirstOrThrow({ where: { incidentId: inc.id } });
    expect(run).toMatchObject({ slug: "sandbox-escape", version: 1, status: "active" });
    const s = await steps(run.id);
    expect(s.triage.status).toBe("ready");
    expect(s.triage.dueAt!.getTime() - s.triage.readyAt!.getTime()).toBe(10 * MIN);
    expect(s["revoke-permissions"].status).toBe("pending");
    const roles = await t.db.incidentRole.findMany({
      where: { incidentId: inc.id },
      orderBy: { key: "asc" },
    });
    expect(roles.map((r) => r.key)).toEqual([
      "commander",
      "communications",
      "containment-lead",
      "investigator",
      "scribe",
    ]);
    expect(roles.every((r) => r.userId === null)).toBe(true);
    const timeline = await t.db.timelineEntry.findMany({
      where: { incidentId: inc.id },
      orderBy: { id: "asc" },
    });
    expect(timeline.map((e) => e.type)).toEqual(["playbook.run_started", "playbook.step_ready"]);
    // A low-severity escape attempt does not match (minSeverity: high).
    const low = await createTestIncident(t.db, { severity: "low" });
    expect(
      await t.db.$transaction((tx) =>
        startMatchingPlaybooks(tx, low, { type: "sandbox_escape_attempt" }),
      ),
    ).toEqual([]);
  });

  it("pins the version: publishing v2 never changes a run on v1", async () => {
    const manager = await createTestUser(t.db, "manager");
    const inc = await createTestIncident(t.db);
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: "permission-violation",
      actor: manager.actor,
    });
    const before = await t.db.playbookRun.findUniqueOrThrow({ where: { id: runId } });
    const draft = await createDraft({
      slug: "permission-violation",
      baseVersion: 1,
      actor: manager.actor,
    });
    const edited = draft.content
      .replace("slaMinutes: 15", "slaMinutes: 5")
      .replace("title: Permission violation", "title: Permission violation (faster)");
    const { updateDraft } = await import("./update-draft.ts");
    await updateDraft({ id: draft.id, content: edited, actor: manager.actor });
    const view = await getDraft(draft.id);
    expect(view.issues).toEqual([]);
    expect(view.diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "changed",
          path: "steps.triage.slaMinutes",
          before: 15,
          after: 5,
        }),
        expect.objectContaining({ path: "title" }),
      ]),
    );
    const v2 = await publishDraft({ id: draft.id, actor: manager.actor });
    expect(v2.version).toBe(2);
    const stored = await t.db.playbookVersion.findUniqueOrThrow({ where: { id: v2.id } });
    expect(stored.content).toMatch(/^version: 2$/m);
    expect(hashContent(stored.content)).toBe(stored.contentHash);
    const after = await t.db.playbookRun.findUniqueOrThrow({ where: { id: runId } });
    expect(after).toMatchObject({
      version: 1,
      contentHash: before.contentHash,
      definition: before.definition,
    });
    expect(
      (await steps(runId)).triage.dueAt!.getTime() - (await steps(runId)).triage.readyAt!.getTime(),
    ).toBe(15 * MIN);
    // A new incident gets v2.
    const inc2 = await createTestIncident(t.db, { severity: "high" });
    await t.db.$transaction((tx) =>
      startMatchingPlaybooks(tx, inc2, { type: "permission_violation" }),
    );
    expect(
      await t.db.playbookRun.findFirstOrThrow({
        where: { incidentId: inc2.id },
        select: { version: true },
      }),
    ).toEqual({ version: 2 });
    await expect(publishDraft({ id: draft.id, actor: manager.actor })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

it("playbook files exist for the loader", () =>
  expect(fs.existsSync("playbooks/sandbox-escape/v1.yaml")).toBe(true));
