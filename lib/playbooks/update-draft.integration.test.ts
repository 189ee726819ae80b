import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestUser } from "../../test/playbook-fixtures.ts";
import { createDraft } from "./create-draft.ts";
import { getDraft } from "./get-draft.ts";
import { publishDraft } from "./publish-draft.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";
import { updateDraft, updateDraftFromBody } from "./update-draft.ts";

describeDb("saving a draft from two editors", (t) => {
  it("a save over the version the editor loaded wins; a save over a newer one is a conflict", async () => {
    await syncPlaybookFiles({ db: t.db });
    const lead = await createTestUser(t.db, "manager");
    const draft = await createDraft(
      { slug: "permission-violation", baseVersion: 1, actor: lead.actor },
      t.db,
    );
    const loaded = (await getDraft(draft.id, t.db)).draft.updatedAt;
    const first = draft.content.replace("slaMinutes: 15", "slaMinutes: 5");
    await updateDraft(
      { id: draft.id, content: first, actor: lead.actor, expectedUpdatedAt: loaded },
      t.db,
    );
    // A second editor that loaded the same version saves later: refused, first save kept.
    await expect(
      updateDraft(
        {
          id: draft.id,
          content: draft.content.replace("slaMinutes: 15", "slaMinutes: 9"),
          actor: lead.actor,
          expectedUpdatedAt: loaded,
        },
        t.db,
      ),
    ).rejects.toMatchObject({ code: "conflict", message: /saved this draft after you opened it/ });
    const now = (await getDraft(draft.id, t.db)).draft;
    expect(now.content).toBe(first);
    expect(now.updatedAt.getTime()).toBeGreaterThanOrEqual(loaded.getTime());

    // Without an expected version (the CLI, older clients) the last save wins as before.
    await updateDraft({ id: draft.id, content: draft.content, actor: lead.actor }, t.db);
    expect((await getDraft(draft.id, t.db)).draft.content).toBe(draft.content);

    // Once published, even an up-to-date editor gets "already published", not "someone saved".
    const current = (await getDraft(draft.id, t.db)).draft.updatedAt;
    await publishDraft({ id: draft.id, actor: lead.actor }, t.db);
    await expect(
      updateDraft(
        { id: draft.id, content: first, actor: lead.actor, expectedUpdatedAt: current },
        t.db,
      ),
    ).rejects.toMatchObject({ code: "conflict", message: /already published/ });
  });

  it("an expected version that is not a timestamp is a 400 naming the field", async () => {
    const lead = await createTestUser(t.db, "manager");
    await expect(
      updateDraftFromBody(
        "00000000-0000-4000-8000-000000000000",
        { content: "x", expectedUpdatedAt: "yesterday" },
        lead.actor,
      ),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });
});
