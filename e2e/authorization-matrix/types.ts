// Every route in app/ × who is asking → the HTTP status they must get. The matrix spec
// (e2e/authorization-matrix.spec.ts) walks app/ and fails when a route is missing from the
// rows files of this folder (index.ts gathers them),
// then replays every row over real HTTP against the production build.
//
// Who: anon (no credentials), the four user roles (session cookie), agent (a host token),
// and two API tokens of a responder (Authorization: Bearer bwu_…; see token-columns.ts).
// Outcomes are HTTP statuses; "login" means a redirect to /login. For writes, the sample
// body is deliberately invalid so an allowed caller gets 400 (auth passed, nothing written).
//
// Server actions: route is "<file>#<export>" (e.g. app/login/actions.ts#loginAction), method
// "ACTION", body = the argument array. The spec POSTs it with the Next-Action id from the
// build's server-reference-manifest.json; the outcome is 200 for { ok: true }, the status of
// the AppError code for { ok: false } (401 unauthenticated, 403 forbidden, 400 invalid_input,
// 409 conflict …), "login" for a redirect to /login and 303 for a redirect elsewhere.

/** The columns written by hand in the rows files. */
export type BaseWho = "anon" | "viewer" | "responder" | "manager" | "admin" | "agent";
/** Plus two API-token columns (issue 15), derived in token-columns.ts: a responder's token
 *  with every responder permission, and one scoped to console:read only. */
export type Who = BaseWho | "token" | "narrowToken";
export type Outcome = number | "login";

export type MatrixEntry = {
  /** Route as in app/ with dynamic segments, e.g. /api/v1/users/[id]. */
  route: string;
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "ACTION";
  kind: "page" | "api" | "agent" | "action" | "public";
  /** Concrete URL to request (dynamic segments filled in); defaults to route. */
  path?: string;
  /** JSON body; for an ACTION, the array of arguments. */
  body?: unknown;
  expect: Record<Who, Outcome>;
};
/** A row as the rows files write it: the token columns are derived (token-columns.ts). */
export type BaseEntry = Omit<MatrixEntry, "expect"> & {
  expect: Record<BaseWho, Outcome>;
  /** Only where derivation would be wrong: the token columns, said outright. */
  tokens?: { token: Outcome; narrowToken: Outcome };
};

/** The URL a row requests when it names none: every dynamic segment filled with a sample that
 *  exists nowhere (an incident of 1999, the nil UUID) but for [slug], the seeded sandbox-escape
 *  playbook. A route without segments keeps no path (the spec tells rows apart by route). */
const samplePath = (route: string) =>
  route.includes("[")
    ? route.replace(/\[(\w+)\]/g, (_, name: string) => SAMPLE_SEGMENTS[name] ?? NIL_UUID)
    : undefined;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const SAMPLE_SEGMENTS: Record<string, string> = { ref: "INC-1999-0001", slug: "sandbox-escape" };

/** `path` and `body` as a user- or agent-API row sends them: the sample path unless the row names
 *  one, and for a write the deliberately invalid empty body unless the row brings its own. */
const request = (
  method: MatrixEntry["method"],
  route: string,
  more: { path?: string; body?: unknown },
) => ({
  path: more.path ?? samplePath(route),
  ...(method === "GET" || method === "HEAD" ? {} : { body: more.body ?? {} }),
});

export const page = (
  route: string,
  roles: Partial<Record<BaseWho, Outcome>>,
  path = samplePath(route),
): BaseEntry => ({
  route,
  method: "GET",
  kind: "page",
  path,
  expect: {
    anon: "login",
    viewer: 403,
    responder: 403,
    manager: 403,
    admin: 403,
    agent: "login",
    ...roles,
  },
});

/** The four roles all getting `outcome`: 200 for what everyone reads, 404 for an unknown id. */
export const allRoles = (outcome: Outcome) => ({
  viewer: outcome,
  responder: outcome,
  manager: outcome,
  admin: outcome,
});
/** Viewers refused (403) and the roles that may write getting `outcome`: from responder up, from
 *  manager up (the leads), or the admin alone. */
export const respondersUp = (outcome: Outcome) => ({ ...allRoles(outcome), viewer: 403 });
export const leadsOnly = (outcome: Outcome) => ({ ...respondersUp(outcome), responder: 403 });
export const adminOnly = (outcome: Outcome) => ({ ...leadsOnly(outcome), manager: 403 });
export const LEADS_OK = { manager: 200, admin: 200 } as const;
export const ADMIN_OK = { admin: 200 } as const;

/** A user-API row (/api/v1/…): no session and a host token are both refused with 401 there, so a
 *  row states only what the four roles get. `path` and `body` as in request() above. */
export const userApi = (
  method: MatrixEntry["method"],
  route: string,
  roles: Record<"viewer" | "responder" | "manager" | "admin", Outcome>,
  more: { path?: string; body?: unknown } = {},
): BaseEntry => ({
  route,
  method,
  kind: "api",
  ...request(method, route, more),
  expect: { anon: 401, ...roles, agent: 401 },
});

/** A host-agent row (/api/agent/v1/…): only a host token gets past authentication, so every
 *  person and no-one at all get 401; `agent` is what the host gets. */
export const agentApi = (
  method: MatrixEntry["method"],
  route: string,
  agent: Outcome,
  more: { path?: string; body?: unknown } = {},
): BaseEntry => ({
  route,
  method,
  kind: "agent",
  ...request(method, route, more),
  expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent },
});

/** A row whose outcome is the same whoever asks (public endpoints, CORS preflights). */
export const sameForAll = (
  kind: MatrixEntry["kind"],
  method: MatrixEntry["method"],
  route: string,
  outcome: Outcome,
  more: { path?: string; body?: unknown } = {},
): BaseEntry => ({
  route,
  method,
  kind,
  ...more,
  expect: {
    anon: outcome,
    viewer: outcome,
    responder: outcome,
    manager: outcome,
    admin: outcome,
    agent: outcome,
  },
});
