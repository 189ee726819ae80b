import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestUser } from "../../test/playbook-fixtures.ts";
import { compareVersions } from "./compare-versions.ts";
import { createDraft } from "./create-draft.ts";
import { getDraft } from "./get-draft.ts";
import { publishDraft } from "./publish-draft.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";
import { updateDraft } from "./update-draft.ts";

describeDb("publishing a draft and comparing versions", (t) => {
  it("a published draft shows the version it became, and v1↔v2 compares semantically", async () => {
    await syncPlaybookFiles({ db: t.db });
    const lead = await createTestUser(t.db, "manager");
    const draft = await createDraft(
      { slug: "permission-violation", baseVersion: 1, actor: lead.actor },
      t.db,
    );
    await updateDraft(
      {
        id: draft.id,
        content: draft.content.replace("slaMinutes: 15", "slaMinutes: 5"),
        actor: lead.actor,
      },
      t.db,
    );
    const v2 = await publishDraft({ id: draft.id, actor: lead.actor }, t.db);
    const view = await getDraft(draft.id, t.db);
    expect(view.publishedVersion).toBe(v2.version);
    expect(view.draft.content).toMatch(new RegExp(`^version: ${v2.version}$`, "m"));
    expect(view.draft.content).not.toMatch(/^version: 1$/m);

    const cmp = await compareVersions(
      "permission-violation",
      { from: "1", to: String(v2.version) },
      t.db,
    );
    expect(cmp.diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "changed",
          path: "steps.triage.slaMinutes",
          before: 15,
          after: 5,
        }),
      ]),
    );
    expect(
      (await compareVersions("permission-violation", { from: "1", to: "1" }, t.db)).diff,
    ).toEqual([]);
  });

  it("refuses a bad comparison with a 4xx code, not a crash", async () => {
    await syncPlaybookFiles({ db: t.db });
    await expect(
      compareVersions("permission-violation", { from: "0", to: "1" }, t.db),
    ).rejects.toMatchObject({ name: "ZodError" });
    await expect(
      compareVersions("permission-violation", { from: "1", to: "999" }, t.db),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      compareVersions("permission-violation", { from: "1", to: "2", extra: "x" }, t.db),
    ).rejects.toMatchObject({ name: "ZodError" });
  });
});
