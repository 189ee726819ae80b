import "server-only";
import { stringify } from "yaml";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parsePlaybookYaml } from "./definition.ts";
import { assertDraftId, draftSelect, notEditableError } from "./draft-rows.ts";
import { hashContent } from "./files.ts";

/**
 * Publishes a draft as the next version. The stored YAML is the draft with its version
 * field set to that number, so the downloaded file is exactly what was hashed and can be
 * committed as playbooks/<slug>/v<N>.yaml (the loader then sees an identical hash).
 */
export async function publishDraft(
  input: { id: string; actor: Extract<Actor, { type: "user" }> },
  db?: Db,
) {
  assertDraftId(input.id);
  return inTransaction(db, async (tx) => {
    // Claim the draft first, in the write: of two concurrent publishes the second waits on
    // this row and then finds it published. (Checking publishedAt on an unlocked read let
    // both pass and publish one draft as two versions.) A failure below rolls the claim back.
    const claimed = await tx.playbookDraft.updateMany({
      where: { id: input.id, publishedAt: null },
      data: { publishedAt: new Date() },
    });
    if (claimed.count !== 1) {
      throw await notEditableError(tx, input.id);
    }
    const draft = await tx.playbookDraft.findUniqueOrThrow({
      where: { id: input.id },
      select: draftSelect,
    });
    const parsed = parsePlaybookYaml(draft.content);
    if (!parsed.ok)
      throw new AppError("invalid_input", "The draft does not validate.", {
        errors: parsed.issues.map((i) => ({ path: i.path, message: i.message })),
      });
    const slug = parsed.definition.slug;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ${":playbook:" + slug}))`;
    const latest = await tx.playbookVersion.findFirst({
      where: { slug },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const version = (latest?.version ?? 0) + 1;
    const definition = { ...parsed.definition, version };
    const content = setVersion(draft.content, version);
    const check = parsePlaybookYaml(content);
    if (!check.ok) throw new AppError("internal", "Re-serialised playbook failed validation.");
    const row = await tx.playbookVersion.create({
      data: {
        slug,
        version,
        title: definition.title,
        contentHash: hashContent(content),
        content,
        definition: check.definition as never,
        source: "ui",
        publishedById: input.actor.id,
      },
      select: { id: true, slug: true, version: true, contentHash: true },
    });
    // The draft page kept showing the draft's own "version: 1" after it became vN.
    await tx.playbookDraft.update({
      where: { id: draft.id },
      data: { content, publishedVersion: version },
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: "playbook.published",
      target: { type: "playbook_version", id: row.id },
      details: { slug, version, contentHash: row.contentHash, draftId: draft.id },
    });
    return row;
  });
}

function setVersion(yamlText: string, version: number): string {
  if (/^version:\s*\d+\s*$/m.test(yamlText))
    return yamlText.replace(/^version:\s*\d+\s*$/m, `version: ${version}`);
  const parsed = parsePlaybookYaml(yamlText);
  return stringify({ ...(parsed.ok ? parsed.definition : {}), version });
}
