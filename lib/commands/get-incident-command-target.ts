import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";

/** What the incident page's command form targets: the incident's hosts and its plugin. */
export async function getIncidentCommandTarget(ref: string, db?: Db) {
  const client = db ?? (await getDb());
  const inc = await client.incident.findFirst({
    where: resolveIncidentRef(ref),
    select: {
      id: true,
      pluginName: true,
      pluginVersion: true,
      containmentVerifiedAt: true,
      hosts: { select: { hostId: true } },
    },
  });
  if (!inc) return null;
  return {
    incidentId: inc.id,
    hostIds: inc.hosts.map((h) => h.hostId),
    plugin: inc.pluginName
      ? { name: inc.pluginName, ...(inc.pluginVersion ? { version: inc.pluginVersion } : {}) }
      : undefined,
    containmentVerifiedAt: inc.containmentVerifiedAt?.toISOString() ?? null,
  };
}
