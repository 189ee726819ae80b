import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { appendTimelineBatch } from "../incidents/append-timeline.ts";
import { hostIdSchema, hostSummarySelect } from "./schemas.ts";

/** Revokes a host: its token stops working on the very next call (withAgent only accepts
 *  active hosts). Open incidents that involve the host get a timeline entry. */
export async function revokeHost(id: string, actor: Actor, db?: Db, now = new Date()) {
  const hostId = hostIdSchema.parse(id);
  return inTransaction(db, async (tx) => {
    const { count } = await tx.host.updateMany({
      where: { id: hostId, status: "active" },
      data: { status: "revoked", revokedAt: now },
    });
    const host = await tx.host.findUnique({ where: { id: hostId }, select: hostSummarySelect });
    if (!host) throw new AppError("not_found", "No such host.");
    if (count === 0) throw new AppError("conflict", "This host is already revoked.");
    const open = await tx.incidentHost.findMany({
      where: { hostId, incident: { status: { not: "closed" } } },
      select: { incidentId: true },
    });
    await appendTimelineBatch(
      tx,
      open.map((o) => ({
        incidentId: o.incidentId,
        at: now,
        type: "host_revoked",
        actor,
        source: "hosts",
        summary: `Host ${host.hostname} revoked: its agent credential no longer works`,
        details: { hostId },
      })),
    );
    await appendAudit(tx, {
      actor,
      action: "host.revoked",
      target: { type: "host", id: hostId },
      details: { hostname: host.hostname, openIncidents: open.length },
    });
    return host;
  });
}
