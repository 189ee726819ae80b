import "server-only";
import crypto from "node:crypto";
import type { NextRequest } from "next/server";
import { getDb } from "../db/index.ts";
import { hashToken } from "../hosts/tokens.ts";
import { AppError } from "../errors/app-error.ts";
import { actorOfHost, type HostActor } from "../audit/actor.ts";
import { errorResponse } from "./problem.ts";
import { routeParams } from "./route-params.ts";



export type AgentHost = { id: string; hostname: string; simulated: boolean };
/** `actor` is the host as the audit log, timeline and custody name it (see with-user.ts). */
export type AgentContext<P> = { host: AgentHost; actor: HostActor; params: P; requestId: string };
type RouteContext<P> = { params: Promise<P> };

/** Resolves the host from its bearer token. The host is whoever the token says, never what
 *  the body says; a revoked host gets 401. Session cookies are ignored here on purpose. */
export async function authenticateAgent(req: Request): Promise<AgentHost> {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(bwh_[A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!m) throw new AppError("unauthenticated", "A host token is required (Authorization: Bearer …).");
  const db = await getDb();
  // lastSeenAt is kept to the nearest 5 s: an agent sending many batches a second
  // would otherwise pay a row write and a commit flush on every request (measured on ingest).
  const rows = await db.$queryRaw<AgentHost[]>`
    WITH h AS (
      SELECT "id", "hostname", "simulated", "lastSeenAt", "credentialUsedAt" FROM "Host"
      WHERE "tokenHash" = ${hashToken(m[1])} AND "status" = 'active'
    ), touched AS (
      -- The first use is always written: from then on the enrolment cannot be replayed.
      UPDATE "Host" SET "lastSeenAt" = now(), "credentialUsedAt" = COALESCE("Host"."credentialUsedAt", now()) FROM h
      WHERE "Host"."id" = h."id" AND (h."lastSeenAt" < now() - interval '5 seconds' OR h."credentialUsedAt" IS NULL)
    )
    SELECT "id", "hostname", "simulated" FROM h`;
  if (!rows.length) throw new AppError("unauthenticated", "Unknown or revoked host token.");
  return rows[0];
}

export function withAgent<P = Record<string, string>>(handler: (req: NextRequest, ctx: AgentContext<P>) => Promise<Response>) {
  return async (req: NextRequest, route: RouteContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const host = await authenticateAgent(req);
      const params = await routeParams(route);
      const res = await handler(req, { host, actor: actorOfHost(host), params, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

/** For the unauthenticated /enroll only: same error mapping, no credential. */
export function withPublic(handler: (req: NextRequest, ctx: { requestId: string }) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const res = await handler(req, { requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}
