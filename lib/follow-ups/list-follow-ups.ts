import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";
import { listFollowUpsQuery } from "./schemas.ts";

export type FollowUpItem = Awaited<ReturnType<typeof listFollowUps>>["items"][number];

/** Follow-ups with their owner's name, incident key and, when one was proposed, where the
 *  playbook draft stands (open, or published as version N). Overdue = open and past due. */
export async function listFollowUps(raw: unknown, db?: Db, now = new Date()) {
  const q = listFollowUpsQuery.parse(raw);
  db ??= await getDb();
  const where: Prisma.FollowUpWhereInput = {};
  if (q.status !== "all") where.status = q.status;
  if (q.incident) {
    const incident = await db.incident.findFirst({
      where: resolveIncidentRef(q.incident),
      select: { id: true },
    });
    if (!incident) throw new AppError("not_found", `Incident ${q.incident} does not exist.`);
    where.incidentId = incident.id;
  }
  const rows = await db.followUp.findMany({
    where,
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: 500,
    select: {
      id: true,
      title: true,
      status: true,
      dueAt: true,
      createdAt: true,
      doneAt: true,
      ownerId: true,
      draftId: true,
      playbookSlug: true,
      playbookVersion: true,
      incident: { select: { key: true, title: true, drill: true } },
    },
  });
  const userIds = [...new Set(rows.map((r) => r.ownerId).filter((x): x is string => !!x))];
  const draftIds = rows.map((r) => r.draftId).filter((x): x is string => !!x);
  const [users, drafts] = await Promise.all([
    userIds.length
      ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
      : [],
    draftIds.length
      ? db.playbookDraft.findMany({
          where: { id: { in: draftIds } },
          select: { id: true, publishedAt: true, publishedVersion: true },
        })
      : [],
  ]);
  const name = new Map(users.map((u) => [u.id, u.name]));
  const draft = new Map(drafts.map((d) => [d.id, d]));
  return {
    items: rows.map(({ ownerId, draftId, ...r }) => ({
      ...r,
      owner: ownerId ? { id: ownerId, name: name.get(ownerId) ?? "(unknown)" } : null,
      overdue: r.status === "open" && !!r.dueAt && r.dueAt < now,
      draft: draftId
        ? {
            id: draftId,
            publishedAt: draft.get(draftId)?.publishedAt ?? null,
            publishedVersion: draft.get(draftId)?.publishedVersion ?? null,
          }
        : null,
    })),
  };
}
