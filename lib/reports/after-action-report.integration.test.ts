import fs from "node:fs";
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { seedMetricsIncidents } from "../../test/metrics-fixtures.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { createFollowUp } from "../follow-ups/create-follow-up.ts";
import { listFollowUps } from "../follow-ups/list-follow-ups.ts";
import { proposePlaybookChange } from "../follow-ups/propose-playbook-change.ts";
import { updateFollowUp } from "../follow-ups/update-follow-up.ts";
import { publishDraft } from "../playbooks/publish-draft.ts";
import { getAfterActionReport } from "./get-after-action-report.ts";
import { renderReportMarkdown } from "./render-report-markdown.ts";

describeDb("after-action report and follow-ups", (t) => {
  it("assembles the incident's figures, SLA outcomes, commands, curve and notes, and renders Markdown", async () => {
    await seedMetricsIncidents(t.db);
    const r = await getAfterActionReport("INC-2026-0901", t.db, new Date("2026-11-10T00:00:00Z"));
    expect(r.metrics).toMatchObject({
      mttdSeconds: 60,
      mttaSeconds: 120,
      mttcSeconds: 600,
      mttrSeconds: 3600,
      containmentBasis: "receipts",
    });
    expect(r.curve).toMatchObject({ hosts: 2, contained: 2 });
    expect(r.commands.flatMap((c) => c.commands.map((x) => x.status))).toEqual([
      "succeeded",
      "succeeded",
    ]);
    const md = renderReportMarkdown(r);
    for (const h of [
      "# After-action report — INC-2026-0901",
      "## Summary",
      "## Roles",
      "## Playbook",
      "## Commands",
      "## Artifacts",
      "## Notes",
      "## Follow-ups",
      "## Timeline",
    ])
      expect(md).toContain(h);
    expect(md).toContain(
      "| Time to contain (MTTC) | 10 m 00 s | opened → containment verified by receipts |",
    );
    const c = await getAfterActionReport("INC-2026-0903", t.db);
    expect(c.metrics.containmentBasis).toBe("transition");
    expect(renderReportMarkdown(c)).toContain("“contained” click (no containment command issued)");
    await expect(getAfterActionReport("INC-1999-0001", t.db)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("tracks follow-ups with owner and due date, shows overdue, and closes the loop when the proposed draft is published", async () => {
    const alice = await t.db.user.create({
      data: { email: "alice@example.test", name: "Alice Example", role: "manager" },
    });
    const actor = { type: "user" as const, id: alice.id, label: alice.name };
    await t.db.playbookVersion.update({
      where: { slug_version: { slug: "sandbox-escape", version: 1 } },
      data: { content: fs.readFileSync("playbooks/sandbox-escape/v1.yaml", "utf8") },
    });
    const f = await createFollowUp(
      "INC-2026-0901",
      {
        title: "Revoke faster: pre-approve revoke for critical plugins",
        ownerId: alice.id,
        dueAt: "2026-11-05T00:00:00Z",
      },
      actor,
    );
    await expect(createFollowUp("INC-2026-0901", { title: "" }, actor)).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(
      createFollowUp(
        "INC-2026-0901",
        { title: "x", ownerId: "00000000-0000-4000-8000-000000000000" },
        actor,
      ),
    ).rejects.toMatchObject({ code: "invalid_input" });
    let items = (await listFollowUps({ status: "open" }, t.db, new Date("2026-11-10T00:00:00Z")))
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      title: f.title,
      overdue: true,
      owner: { name: "Alice Example" },
      incident: { key: "INC-2026-0901" },
      draft: null,
    });

    const proposed = await proposePlaybookChange(f.id, actor);
    expect(proposed).toMatchObject({ slug: "sandbox-escape", baseVersion: 1 });
    await expect(proposePlaybookChange(f.id, actor)).rejects.toMatchObject({ code: "conflict" });
    items = (await listFollowUps({ status: "all" }, t.db)).items;
    expect(items[0].draft).toEqual({
      id: proposed.draftId,
      publishedAt: null,
      publishedVersion: null,
    });
    const draft = await t.db.playbookDraft.findUniqueOrThrow({ where: { id: proposed.draftId } });
    expect(draft.note).toContain("INC-2026-0901");

    await publishDraft({ id: proposed.draftId, actor });
    items = (await listFollowUps({ status: "all" }, t.db)).items;
    expect(items[0].draft).toMatchObject({ id: proposed.draftId, publishedVersion: 2 });

    await updateFollowUp(f.id, { status: "done" }, actor);
    items = (await listFollowUps({ status: "open" }, t.db)).items;
    expect(items).toHaveLength(0);
    const report = await getAfterActionReport("INC-2026-0901", t.db);
    expect(report.followUps[0]).toMatchObject({ status: "done", overdue: false });
    expect(renderReportMarkdown(report)).toContain("published as sandbox-escape v2");
    const timeline = report.timeline.map((x) => x.type);
    expect(timeline).toEqual(
      expect.arrayContaining([
        "follow_up.created",
        "follow_up.proposed_playbook_change",
        "follow_up.updated",
      ]),
    );
    expect((await verifyAudit(t.db)).ok).toBe(true);
    await expect(
      updateFollowUp("00000000-0000-4000-8000-000000000000", { status: "done" }, actor),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
