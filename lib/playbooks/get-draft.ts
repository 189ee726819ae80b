import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { parsePlaybookYaml } from "./definition.ts";
import { assertDraftId, draftSelect } from "./draft-rows.ts";
import { semanticDiff } from "./semantic-diff.ts";

/** The draft, its live validation result and its semantic diff against its base version. */
export async function getDraft(id: string, db?: Db) {
  assertDraftId(id);
  const client = db ?? (await getDb());
  const draft = await client.playbookDraft.findUnique({ where: { id }, select: draftSelect });
  if (!draft) throw new AppError("not_found", "No such draft.");
  const parsed = parsePlaybookYaml(draft.content);
  const base = draft.baseVersion
    ? await client.playbookVersion.findUnique({
        where: { slug_version: { slug: draft.slug, version: draft.baseVersion } },
        select: { content: true },
      })
    : null;
  const baseParsed = base ? parsePlaybookYaml(base.content) : null;
  const diff =
    parsed.ok && baseParsed?.ok ? semanticDiff(baseParsed.definition, parsed.definition) : [];
  const latest = await client.playbookVersion.findFirst({
    where: { slug: parsed.ok ? parsed.definition.slug : draft.slug },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  // Publishing writes the version number into the draft, so a published draft reads as what it became.
  const publishedVersion = draft.publishedAt && parsed.ok ? parsed.definition.version : null;
  return {
    draft,
    issues: parsed.ok ? [] : parsed.issues,
    diff,
    nextVersion: (latest?.version ?? 0) + 1,
    publishedVersion,
  };
}
