import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { listCommandsQuery } from "./schemas.ts";

// DTOs via explicit select: never a raw row (the request's approver ids etc. stay inside).
const rowSelect = {
  id: true,
  type: true,
  status: true,
  hostId: true,
  host: { select: { hostname: true } },
  incidentId: true,
  requestId: true,
  createdAt: true,
  queuedAt: true,
  deliveredAt: true,
  acknowledgedAt: true,
  succeededAt: true,
  failedAt: true,
  expiredAt: true,
  cancelledAt: true,
  expiresAt: true,
  deliveryCount: true,
  cancelRequestedAt: true,
  cancelRequestedBy: true,
  failureReason: true,
  containmentEndsAt: true,
  request: {
    select: {
      comment: true,
      requestedById: true,
      requestedByLabel: true,
      approval: true,
      approvedById: true,
      approvedByLabel: true,
      rejectedByLabel: true,
      rejectionReason: true,
      breakGlassReason: true,
      hostCount: true,
      incident: { select: { key: true, title: true } },
    },
  },
} as const;

type WithPeople = {
  requestedById: string | null;
  requestedByLabel: string;
  approvedById: string | null;
  approvedByLabel: string | null;
};

/** People by name: a label is whatever the actor was called when it was written (an e-mail
 *  in older rows), so the current name of the account wins wherever there is one. */
async function withNames<R extends { request: WithPeople }>(client: Db, rows: R[]) {
  const ids = [
    ...new Set(
      rows
        .flatMap((r) => [r.request.requestedById, r.request.approvedById])
        .filter((x): x is string => Boolean(x)),
    ),
  ];
  const users = ids.length
    ? await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const name = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => {
    const { requestedById, approvedById, ...request } = r.request;
    return {
      ...r,
      request: {
        ...request,
        requestedByLabel: (requestedById && name.get(requestedById)) || r.request.requestedByLabel,
        approvedByLabel: (approvedById && name.get(approvedById)) || r.request.approvedByLabel,
        requestedById,
      },
    };
  });
}

/** GET /commands: `query` is the raw search params. */
export async function listCommands(query: unknown, db?: Db) {
  const q = parseInput(listCommandsQuery, query, "Invalid filters.");
  const client = db ?? (await getDb());
  const where = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.hostId ? { hostId: q.hostId } : {}),
    ...(q.incidentId ? { incidentId: q.incidentId } : {}),
    ...(q.requestId ? { requestId: q.requestId } : {}),
  };
  const [items, counts] = await Promise.all([
    client.command.findMany({
      where,
      select: rowSelect,
      orderBy: { createdAt: "desc" },
      take: q.limit,
    }),
    client.command.groupBy({
      by: ["status"],
      where: { ...where, status: undefined },
      _count: { _all: true },
    }),
  ]);
  return {
    items: await withNames(client, items),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])),
  };
}
export type CommandRow = Awaited<ReturnType<typeof listCommands>>["items"][number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getCommandOrThrow(id: string, db?: Db) {
  // Not a uuid is no such command (a 404, like an unknown one), not a database error.
  if (!UUID.test(id)) throw new AppError("not_found", "No such command.");
  const client = db ?? (await getDb());
  const c = await client.command.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      params: true,
      payload: true,
      kid: true,
      signature: true,
      issuedAt: true,
      notBefore: true,
      leaseUntil: true,
      result: true,
      request: {
        select: {
          id: true,
          comment: true,
          requestedByLabel: true,
          requestedById: true,
          requestedAt: true,
          approval: true,
          approvedById: true,
          approvedByLabel: true,
          rejectedByLabel: true,
          rejectionReason: true,
          approvedAt: true,
          breakGlassReason: true,
          hostCount: true,
          durationSeconds: true,
          stepRunId: true,
          reverseOfId: true,
          incident: { select: { key: true, title: true } },
        },
      },
      receipts: {
        select: { status: true, at: true, receivedAt: true, result: true, reason: true },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!c) throw new AppError("not_found", "No such command.");
  const envelope = c.payload ? { payload: c.payload, kid: c.kid, signature: c.signature } : null;
  const { payload: _p, signature: _s, ...rest } = c;
  const [named] = await withNames(client, [rest]);
  // The step by its title and run, not its id: the page links back to the incident.
  const step = c.request.stepRunId
    ? await client.stepRun.findUnique({
        where: { id: c.request.stepRunId },
        select: { key: true, title: true, run: { select: { slug: true, version: true } } },
      })
    : null;
  return {
    ...named,
    step: step
      ? { key: step.key, title: step.title, playbook: `${step.run.slug} v${step.run.version}` }
      : null,
    envelope,
  };
}
export type CommandDetail = Awaited<ReturnType<typeof getCommandOrThrow>>;
