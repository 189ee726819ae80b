import "server-only";
import { stringify } from "yaml";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { getDb, type Db } from "../db/index.ts";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../errors/app-error.ts";
import { parsePlaybookYaml } from "./definition.ts";
import { hashContent } from "./files.ts";
import { semanticDiff } from "./semantic-diff.ts";

const draftSelect = { id: true, slug: true, baseVersion: true, content: true, note: true, createdAt: true, updatedAt: true, publishedAt: true } as const;

/** A draft starts from any published version (or from scratch / an import) with its YAML. */
export async function createDraft(input: { slug?: string; baseVersion?: number; content?: string; note?: string; actor: Extract<Actor, { type: "user" }> }, db?: Db) {
  return inTransaction(db, async (tx) => {
    let content = input.content;
    let slug = input.slug;
    if (input.slug && input.baseVersion) {
      const base = await tx.playbookVersion.findUnique({ where: { slug_version: { slug: input.slug, version: input.baseVersion } }, select: { content: true } });
      if (!base) throw new AppError("not_found", `No published ${input.slug} v${input.baseVersion}.`);
      content ??= base.content;
    }
    if (!content) throw new AppError("invalid_input", "Give a base version or YAML content.");
    if (!slug) {
      const parsed = parsePlaybookYaml(content);
      slug = parsed.ok ? parsed.definition.slug : "untitled";
    }
    const draft = await tx.playbookDraft.create({ data: { slug, baseVersion: input.baseVersion ?? null, content, note: input.note ?? null, createdById: input.actor.id }, select: draftSelect });
    await appendAudit(tx, { actor: input.actor, action: "playbook.draft_created", target: { type: "playbook_draft", id: draft.id }, details: { slug, baseVersion: input.baseVersion ?? null } });
    return draft;
  });
}

export async function updateDraft(input: { id: string; content: string; actor: Extract<Actor, { type: "user" }> }, db?: Db) {
  return inTransaction(db, async (tx) => {
    const res = await tx.playbookDraft.updateMany({ where: { id: input.id, publishedAt: null }, data: { content: input.content, updatedAt: new Date() } });
    if (res.count !== 1) {
      throw await notEditableError(tx, input.id);
    }
    await appendAudit(tx, { actor: input.actor, action: "playbook.draft_updated", target: { type: "playbook_draft", id: input.id }, details: { bytes: input.content.length } });
    return { id: input.id };
  });
}

/** The draft, its live validation result and its semantic diff against its base version. */
export async function getDraft(id: string, db?: Db) {
  const client = db ?? (await getDb());
  const draft = await client.playbookDraft.findUnique({ where: { id }, select: draftSelect });
  if (!draft) throw new AppError("not_found", "No such draft.");
  const parsed = parsePlaybookYaml(draft.content);
  const base = draft.baseVersion ? await client.playbookVersion.findUnique({ where: { slug_version: { slug: draft.slug, version: draft.baseVersion } }, select: { content: true } }) : null;
  const baseParsed = base ? parsePlaybookYaml(base.content) : null;
  const diff = parsed.ok && baseParsed?.ok ? semanticDiff(baseParsed.definition, parsed.definition) : [];
  const latest = await client.playbookVersion.findFirst({ where: { slug: parsed.ok ? parsed.definition.slug : draft.slug }, orderBy: { version: "desc" }, select: { version: true } });
  // Publishing writes the version number into the draft, so a published draft reads as what it became.
  const publishedVersion = draft.publishedAt && parsed.ok ? parsed.definition.version : null;
  return { draft, issues: parsed.ok ? [] : parsed.issues, diff, nextVersion: (latest?.version ?? 0) + 1, publishedVersion };
}

/**
 * Publishes a draft as the next version. The stored YAML is the draft with its version
 * field set to that number, so the downloaded file is exactly what was hashed and can be
 * committed as playbooks/<slug>/v<N>.yaml (the loader then sees an identical hash).
 */
export async function publishDraft(input: { id: string; actor: Extract<Actor, { type: "user" }> }, db?: Db) {
  return inTransaction(db, async (tx) => {
    // Claim the draft first, in the write: of two concurrent publishes the second waits on
    // this row and then finds it published. (Checking publishedAt on an unlocked read let
    // both pass and publish one draft as two versions.) A failure below rolls the claim back.
    const claimed = await tx.playbookDraft.updateMany({ where: { id: input.id, publishedAt: null }, data: { publishedAt: new Date() } });
    if (claimed.count !== 1) {
      throw await notEditableError(tx, input.id);
    }
    const draft = await tx.playbookDraft.findUniqueOrThrow({ where: { id: input.id }, select: draftSelect });
    const parsed = parsePlaybookYaml(draft.content);
    if (!parsed.ok) throw new AppError("invalid_input", "The draft does not validate.", { errors: parsed.issues.map((i) => ({ path: i.path, message: i.message })) });
    const slug = parsed.definition.slug;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ${":playbook:" + slug}))`;
    const latest = await tx.playbookVersion.findFirst({ where: { slug }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (latest?.version ?? 0) + 1;
    const definition = { ...parsed.definition, version };
    const content = setVersion(draft.content, version);
    const check = parsePlaybookYaml(content);
    if (!check.ok) throw new AppError("internal", "Re-serialised playbook failed validation.");
    const row = await tx.playbookVersion.create({
      data: { slug, version, title: definition.title, contentHash: hashContent(content), content, definition: check.definition as never, source: "ui", publishedById: input.actor.id },
      select: { id: true, slug: true, version: true, contentHash: true },
    });
    // The draft page kept showing the draft's own "version: 1" after it became vN.
    await tx.playbookDraft.update({ where: { id: draft.id }, data: { content, publishedVersion: version } });
    await appendAudit(tx, { actor: input.actor, action: "playbook.published", target: { type: "playbook_version", id: row.id }, details: { slug, version, contentHash: row.contentHash, draftId: draft.id } });
    return row;
  });
}

/** Why a conditional write on an unpublished draft matched nothing. */
async function notEditableError(tx: Tx, id: string) {
  const exists = await tx.playbookDraft.findUnique({ where: { id }, select: { id: true } });
  return exists ? new AppError("conflict", "This draft was already published.") : new AppError("not_found", "No such draft.");
}

function setVersion(yamlText: string, version: number): string {
  if (/^version:\s*\d+\s*$/m.test(yamlText)) return yamlText.replace(/^version:\s*\d+\s*$/m, `version: ${version}`);
  const parsed = parsePlaybookYaml(yamlText);
  return stringify({ ...(parsed.ok ? parsed.definition : {}), version });
}
