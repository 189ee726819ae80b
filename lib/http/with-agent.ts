import "server-only";
import crypto from "node:crypto";
import type { NextRequest } from "next/server";
import { actorOfHost, type HostActor } from "../audit/actor.ts";
import { AppError } from "../errors/app-error.ts";
import { type AgentHost, findHostByToken } from "../hosts/authenticate-host.ts";
import { errorResponse } from "./problem.ts";
import { routeParams } from "./route-params.ts";

export type { AgentHost };
/** `actor` is the host as the audit log, timeline and custody name it (see with-user.ts). */
export type AgentContext<P> = { host: AgentHost; actor: HostActor; params: P; requestId: string };
type RouteContext<P> = { params: Promise<P> };

/** Resolves the host from its bearer token. The host is whoever the token says, never what
 *  the body says; a revoked host gets 401. Session cookies are ignored here on purpose. */
export async function authenticateAgent(req: Request): Promise<AgentHost> {
  const header = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(bwh_[A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!m)
    throw new AppError("unauthenticated", "A host token is required (Authorization: Bearer …).");
  const host = await findHostByToken(m[1]);
  if (!host) throw new AppError("unauthenticated", "Unknown or revoked host token.");
  return host;
}

export function withAgent<P = Record<string, string>>(
  handler: (req: NextRequest, ctx: AgentContext<P>) => Promise<Response>,
) {
  return async (req: NextRequest, route: RouteContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const host = await authenticateAgent(req);
      const params = await routeParams(route);
      const res = await handler(req, { host, actor: actorOfHost(host), params, requestId });
      return agentReply(res, requestId);
    } catch (e) {
      return agentReply(errorResponse(e, requestId), requestId);
    }
  };
}

/** For the unauthenticated /enroll only: same error mapping, no credential. */
export function withPublic(
  handler: (req: NextRequest, ctx: { requestId: string }) => Promise<Response>,
) {
  return async (req: NextRequest): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      return agentReply(await handler(req, { requestId }), requestId);
    } catch (e) {
      return agentReply(errorResponse(e, requestId), requestId);
    }
  };
}

/** Agent replies are small JSON read by programs: `no-transform` makes `next start`'s gzip
 *  (the `compression` middleware honours it) leave them alone — compressing every tiny reply
 *  was 6.6 % of the server's CPU under ingest load, for a few dozen bytes saved on loopback or
 *  LAN. The console's pages and assets are still compressed. */
export function agentReply(res: Response, requestId: string): Response {
  res.headers.set("x-request-id", requestId);
  const cc = res.headers.get("cache-control");
  if (!cc?.includes("no-transform"))
    res.headers.set("cache-control", cc ? `${cc}, no-transform` : "no-transform");
  return res;
}
