import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { assertDraftId, notEditableError } from "./draft-rows.ts";
import { getDraft } from "./get-draft.ts";
import { updateDraftInput } from "./schemas.ts";

/** PUT /playbooks/drafts/{id}: `body` is the raw { content, expectedUpdatedAt? }; answers with
 *  the draft as saved (its validation and diff), which the editor shows. */
export async function updateDraftFromBody(
  id: string,
  body: unknown,
  actor: Extract<Actor, { type: "user" }>,
) {
  const { content, expectedUpdatedAt } = parseInput(updateDraftInput, body);
  await updateDraft({
    id: assertDraftId(id),
    content,
    actor,
    expectedUpdatedAt: expectedUpdatedAt ? new Date(expectedUpdatedAt) : undefined,
  });
  return getDraft(id);
}

export async function updateDraft(
  input: {
    id: string;
    content: string;
    actor: Extract<Actor, { type: "user" }>;
    /** Optimistic concurrency: save only over the version the editor loaded. */
    expectedUpdatedAt?: Date;
  },
  db?: Db,
) {
  return inTransaction(db, async (tx) => {
    // The expected version is part of the write's condition, so two editors saving at once
    // cannot both pass a check made before the write.
    const res = await tx.playbookDraft.updateMany({
      where: {
        id: input.id,
        publishedAt: null,
        ...(input.expectedUpdatedAt ? { updatedAt: input.expectedUpdatedAt } : {}),
      },
      // updatedAt is the version: it must move even when two saves share a millisecond.
      data: {
        content: input.content,
        updatedAt: new Date(Math.max(Date.now(), (input.expectedUpdatedAt?.getTime() ?? 0) + 1)),
      },
    });
    if (res.count !== 1) {
      const row = await tx.playbookDraft.findUnique({
        where: { id: input.id },
        select: { publishedAt: true },
      });
      if (row && !row.publishedAt && input.expectedUpdatedAt)
        throw new AppError(
          "conflict",
          "Someone saved this draft after you opened it. Reload to see their version; copy your changes first.",
        );
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
