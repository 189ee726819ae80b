import "server-only";
import { SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { formatIssues, type PlaybookFile, readPlaybookFiles } from "./files.ts";

export class PlaybookStartupError extends Error {}

/**
 * Loads playbooks/<slug>/v<N>.yaml at start. An invalid file, or a file whose bytes differ
 * from the version already published under that number, makes startup refuse: a published
 * version is immutable, new behaviour needs a new version file. New versions are published.
 */
export async function syncPlaybookFiles(opts: { db?: Db; files?: PlaybookFile[] } = {}) {
  const files = opts.files ?? readPlaybookFiles();
  const invalid = files.flatMap(formatIssues);
  if (invalid.length)
    throw new PlaybookStartupError(
      `Refusing to start: invalid playbook files:\n  ${invalid.join("\n  ")}`,
    );
  return inTransaction(opts.db, async (tx) => {
    const published: string[] = [];
    for (const f of files) {
      const existing = await tx.playbookVersion.findUnique({
        where: { slug_version: { slug: f.slug, version: f.version } },
        select: { contentHash: true },
      });
      if (existing) {
        if (existing.contentHash !== f.contentHash) {
          throw new PlaybookStartupError(
            `Refusing to start: ${f.file} changed after ${f.slug} v${f.version} was published ` +
              `(published sha256 ${existing.contentHash}, file sha256 ${f.contentHash}). ` +
              `Published versions are immutable: restore the file and put the change in v${f.version + 1}.yaml.`,
          );
        }
        continue;
      }
      const row = await tx.playbookVersion.create({
        data: {
          slug: f.slug,
          version: f.version,
          title: f.definition!.title,
          contentHash: f.contentHash,
          content: f.content,
          definition: f.definition as never,
          source: "file",
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: SYSTEM,
        action: "playbook.published",
        target: { type: "playbook_version", id: row.id },
        details: { slug: f.slug, version: f.version, contentHash: f.contentHash, source: f.file },
      });
      published.push(`${f.slug} v${f.version}`);
    }
    return { published, checked: files.length };
  });
}
