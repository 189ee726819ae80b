import "server-only";
import { actorOfHost } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { inventoryInput } from "../protocol/hosts.ts";
import type { AgentHost } from "./authenticate-host.ts";

export type InventoryResult = { plugins: number; added: number; removed: number; changed: number };

const key = (p: { name: string; version: string }) => `${p.name}\u0000${p.version}`;

/** PUT /inventory: the host's plugin list becomes exactly the one sent, in one transaction
 *  (readers never see a half-replaced list). The audit entry records what changed, and is
 *  written only when something did. */
export async function replaceInventory(
  host: AgentHost,
  raw: unknown,
  db?: Db,
  now = new Date(),
): Promise<InventoryResult> {
  const { plugins } = inventoryInput.parse(raw);
  return inTransaction(db, async (tx) => {
    // Serialise concurrent inventories of one host: the later one wins whole.
    await tx.$queryRaw`SELECT 1 FROM "Host" WHERE "id" = ${host.id} FOR NO KEY UPDATE`;
    const before = await tx.hostPlugin.findMany({
      where: { hostId: host.id },
      select: {
        name: true,
        version: true,
        sha256: true,
        state: true,
        permissions: true,
        signer: true,
        origin: true,
      },
    });
    const old = new Map(before.map((p) => [key(p), p]));
    const next = new Set(plugins.map(key));
    const added = plugins.filter((p) => !old.has(key(p)));
    const changed = plugins.filter((p) => {
      const o = old.get(key(p));
      return (
        o &&
        (o.sha256 !== p.sha256 ||
          o.state !== p.state ||
          o.signer !== p.signer ||
          o.origin !== p.origin ||
          o.permissions.join("\n") !== p.permissions.join("\n"))
      );
    });
    const removed = before.filter((p) => !next.has(key(p)));
    // A heartbeat re-sends the same list every poll: only a change is a security-relevant
    // event (and worth rewriting the rows). The report itself is kept as inventoryAt.
    const unchanged =
      !added.length && !removed.length && !changed.length && plugins.length === before.length;
    await tx.host.update({
      where: { id: host.id },
      data: { inventoryAt: now },
      select: { id: true },
    });
    if (unchanged) return { plugins: plugins.length, added: 0, removed: 0, changed: 0 };
    await tx.hostPlugin.deleteMany({ where: { hostId: host.id } });
    if (plugins.length)
      await tx.hostPlugin.createMany({
        data: plugins.map((p) => ({ ...p, hostId: host.id, updatedAt: now })),
      });
    const brief = (p: { name: string; version: string; state?: string }) => ({
      name: p.name,
      version: p.version,
      ...(p.state ? { state: p.state } : {}),
    });
    await appendAudit(tx, {
      actor: actorOfHost(host),
      action: "host.inventory_replaced",
      target: { type: "host", id: host.id },
      // Capped so a thousand-plugin host cannot bloat the audit chain.
      details: {
        plugins: plugins.length,
        added: added.slice(0, 50).map(brief),
        removed: removed.slice(0, 50).map(brief),
        changed: changed.slice(0, 50).map(brief),
      },
    });
    return {
      plugins: plugins.length,
      added: added.length,
      removed: removed.length,
      changed: changed.length,
    };
  });
}
