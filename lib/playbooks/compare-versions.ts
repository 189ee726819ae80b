import "server-only";
import type { Db } from "../db/index.ts";
import type { PlaybookDefinition } from "./definition.ts";
import { getPlaybookVersion } from "./list-playbooks.ts";
import { compareVersionsQuery } from "./schemas.ts";
import { type DiffEntry, semanticDiff } from "./semantic-diff.ts";

export type VersionComparison = {
  slug: string;
  from: { version: number; contentHash: string };
  to: { version: number; contentHash: string };
  diff: DiffEntry[];
};

/** What changed between two published versions of one playbook, in its own terms. */
export async function compareVersions(
  slug: string,
  raw: unknown,
  db?: Db,
): Promise<VersionComparison> {
  const q = compareVersionsQuery.parse(raw);
  const [a, b] = await Promise.all([
    getPlaybookVersion(slug, q.from, db),
    getPlaybookVersion(slug, q.to, db),
  ]);
  return {
    slug,
    from: { version: a.version, contentHash: a.contentHash },
    to: { version: b.version, contentHash: b.contentHash },
    diff: semanticDiff(
      a.definition as unknown as PlaybookDefinition,
      b.definition as unknown as PlaybookDefinition,
    ),
  };
}
