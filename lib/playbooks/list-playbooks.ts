import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";

// A published version as the list and the version page both describe it.
const versionSelect = {
  id: true,
  slug: true,
  version: true,
  title: true,
  contentHash: true,
  source: true,
  publishedAt: true,
} as const;

export async function listPlaybooks(db?: Db) {
  const client = db ?? (await getDb());
  const versions = await client.playbookVersion.findMany({
    orderBy: [{ slug: "asc" }, { version: "desc" }],
    select: { ...versionSelect, publishedById: true },
  });
  const drafts = await client.playbookDraft.findMany({
    where: { publishedAt: null },
    orderBy: { updatedAt: "desc" },
    select: { id: true, slug: true, baseVersion: true, updatedAt: true },
  });
  const runs = await client.playbookRun.groupBy({
    by: ["slug", "version"],
    _count: { _all: true },
  });
  const bySlug = new Map<string, typeof versions>();
  for (const v of versions) bySlug.set(v.slug, [...(bySlug.get(v.slug) ?? []), v]);
  return {
    playbooks: [...bySlug].map(([slug, vs]) => ({
      slug,
      title: vs[0].title,
      latest: vs[0].version,
      versions: vs.map((v) => ({
        ...v,
        runs: runs.find((r) => r.slug === slug && r.version === v.version)?._count._all ?? 0,
      })),
    })),
    drafts,
  };
}

export async function getPlaybookVersion(slug: string, version: number, db?: Db) {
  const client = db ?? (await getDb());
  const v = await client.playbookVersion.findUnique({
    where: { slug_version: { slug, version } },
    select: { ...versionSelect, content: true, definition: true },
  });
  if (!v) throw new AppError("not_found", `No published ${slug} v${version}.`);
  const first = await client.playbookVersion.findFirst({
    where: { slug },
    orderBy: { version: "asc" },
    select: { publishedAt: true },
  });
  return { ...v, firstPublishedAt: first?.publishedAt ?? v.publishedAt };
}
