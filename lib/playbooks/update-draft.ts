import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import { assertDraftId, notEditableError } from "./draft-rows.ts";
import { getDraft } from "./get-draft.ts";
import { updateDraftInput } from "./schemas.ts";

/** PUT /playbooks/drafts/{id}: `body` is the raw { content }; answers with the draft as saved
 *  (its validation and diff), which the editor shows. */
export async function updateDraftFromBody(
  id: string,
  body: unknown,
  actor: Extract<Actor, { type: "user" }>,
) {
  const { content } = parseInput(updateDraftInput, body);
  await updateDraft({ id: assertDraftId(id), content, actor });
  return getDraft(id);
}

export async function updateDraft(
  input: { id: string; content: string; actor: Extract<Actor, { type: "user" }> },
  db?: Db,
) {
  return inTransaction(db, async (tx) => {
    const res = await tx.playbookDraft.updateMany({
      where: { id: input.id, publishedAt: null },
      data: { content: input.content, updatedAt: new Date() },
    });
    if (res.count !== 1) {
      throw await notEditableError(tx, input.id);
    }
    await appendAudit(tx, {
      actor: input.actor,
      action: "playbook.draft_updated",
      target: { type: "playbook_draft", id: input.id },
      details: { bytes: input.content.length },
    });
    return { id: input.id };
  });
}
