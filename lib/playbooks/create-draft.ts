import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { parsePlaybookYaml } from "./definition.ts";
import { draftSelect } from "./draft-rows.ts";
import { createDraftInput } from "./schemas.ts";

/** POST /playbooks/drafts: `body` is the raw { slug, baseVersion } or { content }. */
export async function createDraftFromBody(body: unknown, actor: Extract<Actor, { type: "user" }>) {
  return createDraft({ ...parseInput(createDraftInput, body), actor });
}

/** A draft starts from any published version (or from scratch / an import) with its YAML. */
export async function createDraft(
  input: {
    slug?: string;
    baseVersion?: number;
    content?: string;
    note?: string;
    actor: Extract<Actor, { type: "user" }>;
  },
  db?: Db,
) {
  return inTransaction(db, async (tx) => {
    let content = input.content;
    let slug = input.slug;
    if (input.slug && input.baseVersion) {
      const base = await tx.playbookVersion.findUnique({
        where: { slug_version: { slug: input.slug, version: input.baseVersion } },
        select: { content: true },
      });
      if (!base)
        throw new AppError("not_found", `No published ${input.slug} v${input.baseVersion}.`);
      content ??= base.content;
    }
    if (!content) throw new AppError("invalid_input", "Give a base version or YAML content.");
    if (!slug) {
      const parsed = parsePlaybookYaml(content);
      slug = parsed.ok ? parsed.definition.slug : "untitled";
    }
    const draft = await tx.playbookDraft.create({
      data: {
        slug,
        baseVersion: input.baseVersion ?? null,
        content,
        note: input.note ?? null,
        createdById: input.actor.id,
      },
      select: draftSelect,
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: "playbook.draft_created",
      target: { type: "playbook_draft", id: draft.id },
      details: { slug, baseVersion: input.baseVersion ?? null },
    });
    return draft;
  });
}
