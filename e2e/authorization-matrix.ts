// Every route in app/ × who is asking → the HTTP status they must get. The matrix spec
// (e2e/authorization-matrix.spec.ts) walks app/ and fails when a route is missing here,
// then replays every row over real HTTP against the production build.
//
// Who: anon (no credentials), the four user roles (session cookie), agent (a host token).
// Outcomes are HTTP statuses; "login" means a redirect to /login. For writes, the sample
// body is deliberately invalid so an allowed caller gets 400 (auth passed, nothing written).
//
// Server actions: route is "<file>#<export>" (e.g. app/login/actions.ts#loginAction), method
// "ACTION", body = the argument array. The spec POSTs it with the Next-Action id from the
// build's server-reference-manifest.json; the outcome is 200 for { ok: true }, the status of
// the AppError code for { ok: false } (401 unauthenticated, 403 forbidden, 400 invalid_input,
// 409 conflict …), "login" for a redirect to /login and 303 for a redirect elsewhere.

export type Who = "anon" | "viewer" | "responder" | "manager" | "admin" | "agent";
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

const page = (route: string, roles: Partial<Record<Who, Outcome>>, path?: string): MatrixEntry => ({
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

const ALL_ROLES_OK = { viewer: 200, responder: 200, manager: 200, admin: 200 } as const;
const LEADS_OK = { manager: 200, admin: 200 } as const;
const ADMIN_OK = { admin: 200 } as const;

export const MATRIX: MatrixEntry[] = [
  // Public
  {
    route: "/login",
    method: "GET",
    kind: "public",
    expect: { anon: 200, viewer: 307, responder: 307, manager: 307, admin: 307, agent: 200 },
  },
  // Once the first admin exists, setup sends everyone to the login page.
  {
    route: "/setup",
    method: "GET",
    kind: "public",
    expect: {
      anon: "login",
      viewer: "login",
      responder: "login",
      manager: "login",
      admin: "login",
      agent: "login",
    },
  },
  {
    route: "/api/health",
    method: "GET",
    kind: "public",
    expect: { anon: 200, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 200 },
  },
  // next-auth's own endpoints: the session read is public (null without a session); a
  // credentials post without a CSRF token is bounced back to the login page.
  {
    route: "/api/auth/[...nextauth]",
    method: "GET",
    kind: "public",
    path: "/api/auth/session",
    expect: { anon: 200, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 200 },
  },
  {
    route: "/api/auth/[...nextauth]",
    method: "POST",
    kind: "public",
    path: "/api/auth/callback/credentials",
    body: {},
    expect: {
      anon: "login",
      viewer: "login",
      responder: "login",
      manager: "login",
      admin: "login",
      agent: "login",
    },
  },

  // Pages
  page("/", { viewer: 307, responder: 307, manager: 307, admin: 307 }),
  page("/incidents", ALL_ROLES_OK),
  page("/hosts", ALL_ROLES_OK),
  page("/playbooks", ALL_ROLES_OK),
  page("/commands", ALL_ROLES_OK),
  page("/artifacts", ALL_ROLES_OK),
  page("/metrics", ALL_ROLES_OK),
  page("/follow-ups", ALL_ROLES_OK),
  page(
    "/incidents/[ref]/report",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/incidents/INC-1999-0001/report",
  ),
  page("/drills", ALL_ROLES_OK),
  page("/audit", LEADS_OK),
  page("/settings", ADMIN_OK),
  page("/settings/users", ADMIN_OK),
  // Hosts (issue 3): an unknown host id is a 404 for anyone allowed to look.
  page(
    "/hosts/[id]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/hosts/00000000-0000-0000-0000-000000000000",
  ),
  page("/hosts/plugins", ALL_ROLES_OK),
  page("/settings/enrollment-tokens", ADMIN_OK),
  // Incidents (issue 3): an unknown incident key is a 404 for anyone allowed to look.
  page(
    "/incidents/[ref]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/incidents/INC-1999-0001",
  ),

  // User API
  {
    route: "/api/v1/me",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/users",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/users",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/users/[id]",
    method: "PATCH",
    kind: "api",
    path: "/api/v1/users/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/report",
    method: "GET",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/report",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/follow-ups",
    method: "GET",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/follow-ups",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/follow-ups",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/follow-ups",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/follow-ups",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/follow-ups/[id]",
    method: "PATCH",
    kind: "api",
    path: "/api/v1/follow-ups/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/follow-ups/[id]/playbook-draft",
    method: "POST",
    kind: "api",
    path: "/api/v1/follow-ups/00000000-0000-0000-0000-000000000000/playbook-draft",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/metrics/dashboard",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/metrics/incidents",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/audit/verify",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/audit/entries",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 200, admin: 200, agent: 401 },
  },

  // Hosts, plugin fleet and enrollment tokens (issue 3). Unknown ids answer 404 once authorised.
  {
    route: "/api/v1/hosts",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/hosts/[id]",
    method: "GET",
    kind: "api",
    path: "/api/v1/hosts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/hosts/[id]/revoke",
    method: "POST",
    kind: "api",
    path: "/api/v1/hosts/00000000-0000-0000-0000-000000000000/revoke",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/plugins/fleet",
    method: "GET",
    kind: "api",
    path: "/api/v1/plugins/fleet?name=matrix-probe",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/plugins/names",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/enrollment-tokens",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/enrollment-tokens",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/enrollment-tokens/[id]/revoke",
    method: "POST",
    kind: "api",
    path: "/api/v1/enrollment-tokens/00000000-0000-0000-0000-000000000000/revoke",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/incidents",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]",
    method: "GET",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  // Without a topic the stream is refused once authorised (a valid one would never end).
  {
    route: "/api/v1/live",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/events",
    method: "GET",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/events",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/transitions",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/transitions",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },

  // Playbooks, incident roles, notifications, webhooks (issue 4).
  page("/playbooks/[slug]", ALL_ROLES_OK, "/playbooks/sandbox-escape"),
  page(
    "/playbooks/drafts/[id]",
    LEADS_OK,
    "/playbooks/drafts/00000000-0000-0000-0000-000000000000",
  ),
  {
    route: "/api/v1/playbooks",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/[slug]/versions/[version]",
    method: "GET",
    kind: "api",
    path: "/api/v1/playbooks/sandbox-escape/versions/1",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/[slug]/compare",
    method: "GET",
    kind: "api",
    path: "/api/v1/playbooks/sandbox-escape/compare?from=1&to=1",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/validate",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/drafts",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/drafts/[id]",
    method: "GET",
    kind: "api",
    path: "/api/v1/playbooks/drafts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/drafts/[id]",
    method: "PUT",
    kind: "api",
    path: "/api/v1/playbooks/drafts/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/drafts/[id]/publish",
    method: "POST",
    kind: "api",
    path: "/api/v1/playbooks/drafts/00000000-0000-0000-0000-000000000000/publish",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/playbooks/import",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/playbook",
    method: "GET",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/playbook",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/playbook",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/playbook",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/comments",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/comments",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/severity",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/severity",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/links",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/links",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/links",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/links",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  // Responders pass the wrapper (an incident's commander may merge it); merge-incident.ts refuses the rest.
  {
    route: "/api/v1/incidents/[ref]/merge",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/merge",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/roles",
    method: "PUT",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/roles",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/playbook-steps/[id]",
    method: "POST",
    kind: "api",
    path: "/api/v1/playbook-steps/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/notifications",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  // Prometheus (issue 15): only BREAKWATER_METRICS_TOKEN opens it, never a session or host token.
  {
    route: "/api/metrics",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 },
  },
  {
    route: "/api/v1/me/notification-preferences",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/me/notification-preferences",
    method: "PUT",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/notifications/read",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/webhooks",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/webhooks",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/webhooks/deliveries",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/webhooks/[id]",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/webhooks/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 404, agent: 401 },
  },
  page("/settings/webhooks", ADMIN_OK),
  // Everybody's own e-mail preferences (issue 15).
  page("/settings/notifications", ALL_ROLES_OK),

  // Host-agent API (issue 3): session cookies are never an agent credential. Enrol is the
  // one unauthenticated call; its invalid sample body is a 400 for everyone.
  // Commands (issue 5)
  page(
    "/commands/[id]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/commands/00000000-0000-0000-0000-000000000000",
  ),
  {
    route: "/api/v1/commands",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/commands",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/commands/[id]",
    method: "GET",
    kind: "api",
    path: "/api/v1/commands/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/commands/[id]/cancel",
    method: "POST",
    kind: "api",
    path: "/api/v1/commands/00000000-0000-0000-0000-000000000000/cancel",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  // Separation of duties (issue 9): only a lead approves or rejects a command request, never a peer responder.
  {
    route: "/api/v1/command-requests/[id]/approve",
    method: "POST",
    kind: "api",
    path: "/api/v1/command-requests/00000000-0000-0000-0000-000000000000/approve",
    body: { comment: 5 },
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/command-requests/[id]/reject",
    method: "POST",
    kind: "api",
    path: "/api/v1/command-requests/00000000-0000-0000-0000-000000000000/reject",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/command-requests/[id]/extend",
    method: "POST",
    kind: "api",
    path: "/api/v1/command-requests/00000000-0000-0000-0000-000000000000/extend",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 400, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/signing-keys/rotate",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/agent/v1/commands",
    method: "GET",
    kind: "agent",
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 200 },
  },
  {
    route: "/api/agent/v1/commands/[id]/receipts",
    method: "POST",
    kind: "agent",
    path: "/api/agent/v1/commands/00000000-0000-0000-0000-000000000000/receipts",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },
  {
    route: "/api/agent/v1/server-keys",
    method: "GET",
    kind: "agent",
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 200 },
  },
  {
    route: "/api/agent/v1/enroll",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 400, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 400 },
  },
  {
    route: "/api/agent/v1/inventory",
    method: "PUT",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },
  {
    route: "/api/agent/v1/events",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },
  {
    route: "/api/agent/v1/ocsf",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 400 },
  },

  // Artifact vault (issue 6). tus endpoints: the invalid sample lacks Tus-Resumable, so an
  // authorised caller gets 412 before anything is looked up or written.
  page(
    "/artifacts/[id]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/artifacts/00000000-0000-0000-0000-000000000000",
  ),
  page(
    "/artifacts/reports/[ref]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/artifacts/reports/INC-1999-0001",
  ),
  page("/settings/artifacts", ADMIN_OK),
  {
    route: "/api/v1/artifacts",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/[id]",
    method: "GET",
    kind: "api",
    path: "/api/v1/artifacts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/[id]",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/artifacts/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/[id]/download",
    method: "GET",
    kind: "api",
    path: "/api/v1/artifacts/00000000-0000-0000-0000-000000000000/download",
    expect: { anon: 401, viewer: 403, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/retention",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/retention",
    method: "PUT",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/uploads",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 412, manager: 412, admin: 412, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "PATCH",
    kind: "api",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 412, manager: 412, admin: 412, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 412, manager: 412, admin: 412, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/legal-hold",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/legal-hold",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/legal-hold",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/legal-hold",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/custody-report",
    method: "GET",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/custody-report",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/agent/v1/artifacts",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 412 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "PATCH",
    kind: "agent",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 412 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "HEAD",
    kind: "agent",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 404 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "HEAD",
    kind: "api",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 403, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  // tus discovery (OPTIONS) is public by design: it reveals only the protocol version and size limit.
  {
    route: "/api/agent/v1/artifacts",
    method: "OPTIONS",
    kind: "public",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "OPTIONS",
    kind: "public",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/v1/artifacts/uploads",
    method: "OPTIONS",
    kind: "public",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "OPTIONS",
    kind: "public",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "DELETE",
    kind: "agent",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 412 },
  },

  // Local admin API for `npm run bw` (issue 2): only the server's admin token (in <data dir>/admin-token)
  // opens it; no session cookie of any role and no host token does.
  {
    route: "/api/admin/v1/cli",
    method: "POST",
    kind: "agent",
    body: { argv: ["users", "list"] },
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 },
  },

  // Server actions. Login and setup are public by necessity; what must hold is that calling
  // them directly changes nothing it should not.
  {
    route: "app/login/actions.ts#loginAction",
    method: "ACTION",
    kind: "action",
    body: [{ email: "not-an-email", password: "x" }],
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 },
  },
  // OIDC is off in the test server: signIn("oidc") falls back to next-auth's sign-in page.
  {
    route: "app/login/actions.ts#oidcLoginAction",
    method: "ACTION",
    kind: "action",
    body: ["/incidents"],
    expect: { anon: 303, viewer: 303, responder: 303, manager: 303, admin: 303, agent: 303 },
  },
  {
    route: "app/login/actions.ts#logoutAction",
    method: "ACTION",
    kind: "action",
    body: [],
    expect: {
      anon: "login",
      viewer: "login",
      responder: "login",
      manager: "login",
      admin: "login",
      agent: "login",
    },
  },
  // A well-formed second admin is refused: setup is one-time.
  {
    route: "app/setup/actions.ts#setupAction",
    method: "ACTION",
    kind: "action",
    body: [
      { name: "Late", email: "late-admin@e2e.breakwater.test", password: "a-long-enough-password" },
    ],
    expect: { anon: 409, viewer: 409, responder: 409, manager: 409, admin: 409, agent: 409 },
  },
];

// Separation-of-duties rules that depend on who did what before (the requester, the role
// holder, the releaser of a hold), so an invalid sample body cannot replay them. Each is a row
// naming the route, who is refused and allowed, and the integration test that proves it on a
// real database; the matrix spec checks every named test exists. docs/INCIDENTS.md explains them.
export type DutyRule = {
  rule: string;
  route: string;
  method: MatrixEntry["method"];
  refused: string;
  allowed: string;
  test: { file: string; name: string };
};

export const DUTY_RULES: DutyRule[] = [
  {
    rule: "A command request is approved by a manager or admin who did not request it",
    route: "/api/v1/command-requests/[id]/approve",
    method: "POST",
    refused: "any responder (403); the requester, whatever their role (403)",
    allowed: "another manager or admin",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "only a manager or admin who is not the requester approves: two responders cannot approve an isolate_host",
    },
  },
  {
    rule: "A whole request is rejected, with a reason, by the same people who may approve it",
    route: "/api/v1/command-requests/[id]/reject",
    method: "POST",
    refused: "responders and the requester (403); a decided request (409)",
    allowed: "another manager or admin",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "a manager rejects a whole request with a reason: every command cancelled, nothing signed, on the timeline and audited",
    },
  },
  {
    rule: "The approval threshold counts hosts per incident and command type over BREAKWATER_COMMAND_APPROVAL_WINDOW_MINUTES",
    route: "/api/v1/commands",
    method: "POST",
    refused:
      "a split request that takes the window's distinct hosts over the threshold goes to awaiting approval",
    allowed: "requests whose window total stays at or under the threshold",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "counts the threshold per incident and type over the window: splitting a fleet command does not avoid approval",
    },
  },
  {
    rule: "One live command request per playbook step",
    route: "/api/v1/playbook-steps/[id]",
    method: "POST",
    refused: "a second issue_command while the first awaits approval or runs (409)",
    allowed: "a retry after a rejection, failure or expiry",
    test: {
      file: "lib/commands/separation-of-duties.integration.test.ts",
      name: "two clicks at once on a step's Send command create exactly one request",
    },
  },
  {
    rule: "Whoever released a legal hold cannot delete that incident's artifacts for BREAKWATER_HOLD_RELEASE_DELETE_DELAY_HOURS",
    route: "/api/v1/artifacts/[id]",
    method: "DELETE",
    refused: "the releaser within the delay (403)",
    allowed: "another manager or admin at once; the releaser after the delay",
    test: {
      file: "lib/artifacts/retention.integration.test.ts",
      name: "separation of duties: whoever released the hold cannot delete the artifacts for 24 h; another lead can at once",
    },
  },
  {
    rule: "Approvals and decisions of a step owned by an incident role are the role holder's",
    route: "/api/v1/playbook-steps/[id]",
    method: "POST",
    refused: "anyone but the holder (403) while the role is filled",
    allowed:
      "the holder; an admin (override, on the timeline and audited); anyone while the role is unfilled",
    test: {
      file: "lib/playbooks/step-roles.integration.test.ts",
      name: "a decision reserved for the commander is refused to another responder; an admin may override, audited",
    },
  },
];
