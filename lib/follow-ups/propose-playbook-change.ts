import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { createDraft } from "../playbooks/create-draft.ts";
import { recordFollowUpChange } from "./record.ts";

/** Opens a draft of the playbook version the incident ran, linked to the follow-up. Once that
 *  draft is published the follow-up shows the new version: the lesson made it into the playbook. */
export async function proposePlaybookChange(
  id: string,
  actor: Extract<Actor, { type: "user" }>,
  db?: Db,
) {
  return inTransaction(db, async (tx) => {
    // Lock the follow-up so two clicks open one draft, not two.
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "FollowUp" WHERE "id" = ${id} FOR NO KEY UPDATE`;
    if (rows.length === 0) throw new AppError("not_found", "That follow-up does not exist.");
    const f = await tx.followUp.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        title: true,
        incidentId: true,
        draftId: true,
        incident: {
          select: {
            key: true,
            playbookRuns: {
              orderBy: { startedAt: "asc" },
              take: 1,
              select: { slug: true, version: true },
            },
          },
        },
      },
    });
    if (f.draftId)
      throw new AppError("conflict", "This follow-up already proposed a playbook draft.", {
        extra: { draftId: f.draftId },
      });
    const run = f.incident.playbookRuns[0];
    if (!run)
      throw new AppError(
        "conflict",
        `${f.incident.key} ran no playbook, so there is no version to change.`,
      );
    const draft = await createDraft(
      {
        slug: run.slug,
        baseVersion: run.version,
        note: `From ${f.incident.key}: ${f.title}`.slice(0, 500),
        actor,
      },
      tx,
    );
    await tx.followUp.update({
      where: { id },
      data: { draftId: draft.id, playbookSlug: run.slug, playbookVersion: run.version },
    });
    await recordFollowUpChange(tx, {
      incidentId: f.incidentId,
      followUpId: f.id,
      actor,
      action: "proposed_playbook_change",
      summary: `Proposed a change to ${run.slug} v${run.version}: ${f.title}`,
      details: { draftId: draft.id, slug: run.slug, baseVersion: run.version },
    });
    return { draftId: draft.id, slug: run.slug, baseVersion: run.version };
  });
}
