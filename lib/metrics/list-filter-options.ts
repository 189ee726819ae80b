import "server-only";
import { type Db, getDb } from "../db/index.ts";

/** What the metrics filters offer: playbooks that exist and plugins that had incidents. */
export async function listMetricsFilterOptions(
  db?: Db,
): Promise<{ playbooks: string[]; plugins: string[] }> {
  db ??= await getDb();
  const [playbooks, plugins] = await Promise.all([
    db.playbookVersion.findMany({
      distinct: ["slug"],
      select: { slug: true },
      orderBy: { slug: "asc" },
    }),
    db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT "pluginName" AS name FROM "Incident" WHERE "pluginName" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 200`,
    ),
  ]);
  return {
    playbooks: playbooks.map((p) => p.slug),
    plugins: plugins.map((p) => p.name).sort((a, b) => a.localeCompare(b)),
  };
}
