// Every route in app/ × who is asking → the HTTP status they must get. The matrix spec
// (e2e/authorization-matrix.spec.ts) walks app/ and fails when a route is missing here,
// then replays every row over real HTTP against the production build.
//
// Who: anon (no credentials), the four user roles (session cookie), agent (a host token).
// Outcomes are HTTP statuses; "login" means a redirect to /login. For writes, the sample
// body is deliberately invalid so an allowed caller gets 400 (auth passed, nothing written).

export type Who = "anon" | "viewer" | "responder" | "manager" | "admin" | "agent";
export type Outcome = number | "login";

export type MatrixEntry = {
  /** Route as in app/ with dynamic segments, e.g. /api/v1/users/[id]. */
  route: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "ACTION";
  kind: "page" | "api" | "agent" | "action" | "public";
  /** Concrete URL to request (dynamic segments filled in); defaults to route. */
  path?: string;
  body?: unknown;
  expect: Record<Who, Outcome>;
};

const page = (route: string, roles: Partial<Record<Who, Outcome>>, path?: string): MatrixEntry => ({
  route,
  method: "GET",
  kind: "page",
  path,
  expect: { anon: "login", viewer: 403, responder: 403, manager: 403, admin: 403, agent: "login", ...roles },
});

const ALL_ROLES_OK = { viewer: 200, responder: 200, manager: 200, admin: 200 } as const;
const LEADS_OK = { manager: 200, admin: 200 } as const;
const ADMIN_OK = { admin: 200 } as const;

export const MATRIX: MatrixEntry[] = [
  // Public
  { route: "/login", method: "GET", kind: "public", expect: { anon: 200, viewer: 307, responder: 307, manager: 307, admin: 307, agent: 200 } },
  { route: "/setup", method: "GET", kind: "public", expect: { anon: 307, viewer: 307, responder: 307, manager: 307, admin: 307, agent: 307 } },
  { route: "/api/health", method: "GET", kind: "public", expect: { anon: 200, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 200 } },

  // Pages
  page("/", { viewer: 307, responder: 307, manager: 307, admin: 307 }),
  page("/incidents", ALL_ROLES_OK),
  page("/hosts", ALL_ROLES_OK),
  page("/playbooks", ALL_ROLES_OK),
  page("/commands", ALL_ROLES_OK),
  page("/artifacts", ALL_ROLES_OK),
  page("/metrics", ALL_ROLES_OK),
  page("/drills", ALL_ROLES_OK),
  page("/audit", LEADS_OK),
  page("/settings", ADMIN_OK),
  page("/settings/users", ADMIN_OK),
  // Incidents (issue 3): an unknown incident key is a 404 for anyone allowed to look.
  page("/incidents/[ref]", { viewer: 404, responder: 404, manager: 404, admin: 404 }, "/incidents/INC-1999-0001"),

  // User API
  { route: "/api/v1/me", method: "GET", kind: "api", expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 } },
  { route: "/api/v1/users", method: "GET", kind: "api", expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 200, agent: 401 } },
  { route: "/api/v1/users", method: "POST", kind: "api", body: {}, expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 } },
  { route: "/api/v1/users/[id]", method: "PATCH", kind: "api", path: "/api/v1/users/00000000-0000-0000-0000-000000000000", body: {}, expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 } },
  { route: "/api/v1/audit/verify", method: "GET", kind: "api", expect: { anon: 401, viewer: 403, responder: 403, manager: 200, admin: 200, agent: 401 } },
  { route: "/api/v1/audit/entries", method: "GET", kind: "api", expect: { anon: 401, viewer: 403, responder: 403, manager: 200, admin: 200, agent: 401 } },
  { route: "/api/v1/incidents", method: "GET", kind: "api", expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 } },
  { route: "/api/v1/incidents/[ref]", method: "GET", kind: "api", path: "/api/v1/incidents/INC-1999-0001", expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 } },
  { route: "/api/v1/incidents/[ref]/transitions", method: "POST", kind: "api", path: "/api/v1/incidents/INC-1999-0001/transitions", body: {}, expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 } },
  { route: "/api/agent/v1/events", method: "POST", kind: "agent", body: {}, expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 } },
  { route: "/api/agent/v1/ocsf", method: "POST", kind: "agent", body: {}, expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 } },
  // Local admin API for `npm run bw` (issue 2): only the server's admin token (in <data dir>/admin-token)
  // opens it; no session cookie of any role and no host token does.
  { route: "/api/admin/v1/cli", method: "POST", kind: "agent", body: { argv: ["users", "list"] }, expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 } },
];
