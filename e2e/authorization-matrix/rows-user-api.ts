// The user API (/api/v1): people, incidents, hosts, playbooks, notifications, webhooks.
import { ADMIN_OK, allRoles, type BaseEntry, LEADS_OK, page, userApi } from "./types.ts";

export const USER_API_ROWS: BaseEntry[] = [
  // User API
  userApi("GET", "/api/v1/me", allRoles(200)),
  userApi("GET", "/api/v1/users", { viewer: 403, responder: 403, manager: 403, admin: 200 }),
  userApi(
    "POST",
    "/api/v1/users",
    { viewer: 403, responder: 403, manager: 403, admin: 400 },
    { body: {} },
  ),
  userApi(
    "PATCH",
    "/api/v1/users/[id]",
    { viewer: 403, responder: 403, manager: 403, admin: 400 },
    { path: "/api/v1/users/00000000-0000-0000-0000-000000000000", body: {} },
  ),
  userApi("GET", "/api/v1/incidents/[ref]/report", allRoles(404), {
    path: "/api/v1/incidents/INC-1999-0001/report",
  }),
  userApi("GET", "/api/v1/incidents/[ref]/follow-ups", allRoles(404), {
    path: "/api/v1/incidents/INC-1999-0001/follow-ups",
  }),
  userApi(
    "POST",
    "/api/v1/incidents/[ref]/follow-ups",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/follow-ups", body: {} },
  ),
  userApi("GET", "/api/v1/follow-ups", allRoles(200)),
  userApi(
    "PATCH",
    "/api/v1/follow-ups/[id]",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/follow-ups/00000000-0000-0000-0000-000000000000", body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/follow-ups/[id]/playbook-draft",
    { viewer: 403, responder: 403, manager: 404, admin: 404 },
    { path: "/api/v1/follow-ups/00000000-0000-0000-0000-000000000000/playbook-draft", body: {} },
  ),
  userApi("GET", "/api/v1/metrics/dashboard", allRoles(200)),
  userApi("GET", "/api/v1/metrics/incidents", allRoles(200)),
  userApi("GET", "/api/v1/audit/verify", { viewer: 403, responder: 403, manager: 200, admin: 200 }),
  userApi("GET", "/api/v1/audit/entries", {
    viewer: 403,
    responder: 403,
    manager: 200,
    admin: 200,
  }),

  // Hosts, plugin fleet and enrollment tokens (issue 3). Unknown ids answer 404 once authorised.
  userApi("GET", "/api/v1/hosts", allRoles(200)),
  userApi("GET", "/api/v1/hosts/[id]", allRoles(404), {
    path: "/api/v1/hosts/00000000-0000-0000-0000-000000000000",
  }),
  userApi(
    "POST",
    "/api/v1/hosts/[id]/revoke",
    { viewer: 403, responder: 403, manager: 403, admin: 404 },
    { path: "/api/v1/hosts/00000000-0000-0000-0000-000000000000/revoke", body: {} },
  ),
  userApi("GET", "/api/v1/plugins/fleet", allRoles(200), {
    path: "/api/v1/plugins/fleet?name=matrix-probe",
  }),
  userApi("GET", "/api/v1/plugins/names", allRoles(200)),
  userApi("GET", "/api/v1/enrollment-tokens", {
    viewer: 403,
    responder: 403,
    manager: 403,
    admin: 200,
  }),
  userApi(
    "POST",
    "/api/v1/enrollment-tokens",
    { viewer: 403, responder: 403, manager: 403, admin: 400 },
    { body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/enrollment-tokens/[id]/revoke",
    { viewer: 403, responder: 403, manager: 403, admin: 404 },
    { path: "/api/v1/enrollment-tokens/00000000-0000-0000-0000-000000000000/revoke", body: {} },
  ),
  userApi("GET", "/api/v1/incidents", allRoles(200)),
  userApi("GET", "/api/v1/incidents/[ref]", allRoles(404), {
    path: "/api/v1/incidents/INC-1999-0001",
  }),
  // Without a topic the stream is refused once authorised (a valid one would never end).
  userApi("GET", "/api/v1/live", allRoles(400)),
  userApi("GET", "/api/v1/incidents/[ref]/events", allRoles(404), {
    path: "/api/v1/incidents/INC-1999-0001/events",
  }),
  userApi(
    "POST",
    "/api/v1/incidents/[ref]/transitions",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/transitions", body: {} },
  ),

  // Playbooks, incident roles, notifications, webhooks (issue 4).
  page("/playbooks/[slug]", allRoles(200), "/playbooks/sandbox-escape"),
  page(
    "/playbooks/drafts/[id]",
    LEADS_OK,
    "/playbooks/drafts/00000000-0000-0000-0000-000000000000",
  ),
  userApi("GET", "/api/v1/playbooks", allRoles(200)),
  userApi("GET", "/api/v1/playbooks/[slug]/versions/[version]", allRoles(200), {
    path: "/api/v1/playbooks/sandbox-escape/versions/1",
  }),
  userApi("GET", "/api/v1/playbooks/[slug]/compare", allRoles(200), {
    path: "/api/v1/playbooks/sandbox-escape/compare?from=1&to=1",
  }),
  userApi("POST", "/api/v1/playbooks/validate", allRoles(400), { body: {} }),
  userApi(
    "POST",
    "/api/v1/playbooks/drafts",
    { viewer: 403, responder: 403, manager: 400, admin: 400 },
    { body: {} },
  ),
  userApi(
    "GET",
    "/api/v1/playbooks/drafts/[id]",
    { viewer: 403, responder: 403, manager: 404, admin: 404 },
    { path: "/api/v1/playbooks/drafts/00000000-0000-0000-0000-000000000000" },
  ),
  userApi(
    "PUT",
    "/api/v1/playbooks/drafts/[id]",
    { viewer: 403, responder: 403, manager: 400, admin: 400 },
    { path: "/api/v1/playbooks/drafts/00000000-0000-0000-0000-000000000000", body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/playbooks/drafts/[id]/publish",
    { viewer: 403, responder: 403, manager: 404, admin: 404 },
    { path: "/api/v1/playbooks/drafts/00000000-0000-0000-0000-000000000000/publish", body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/playbooks/import",
    { viewer: 403, responder: 403, manager: 400, admin: 400 },
    { body: {} },
  ),
  userApi("GET", "/api/v1/incidents/[ref]/playbook", allRoles(404), {
    path: "/api/v1/incidents/INC-1999-0001/playbook",
  }),
  userApi(
    "POST",
    "/api/v1/incidents/[ref]/playbook",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/playbook", body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/incidents/[ref]/comments",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/comments", body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/incidents/[ref]/severity",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/severity", body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/incidents/[ref]/links",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/links", body: {} },
  ),
  userApi(
    "DELETE",
    "/api/v1/incidents/[ref]/links",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/links", body: {} },
  ),
  // Responders pass the wrapper (an incident's commander may merge it); merge-incident.ts refuses the rest.
  userApi(
    "POST",
    "/api/v1/incidents/[ref]/merge",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/merge", body: {} },
  ),
  userApi(
    "PUT",
    "/api/v1/incidents/[ref]/roles",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/incidents/INC-1999-0001/roles", body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/playbook-steps/[id]",
    { viewer: 403, responder: 400, manager: 400, admin: 400 },
    { path: "/api/v1/playbook-steps/00000000-0000-0000-0000-000000000000", body: {} },
  ),
  userApi("GET", "/api/v1/notifications", allRoles(200)),
  userApi("POST", "/api/v1/notifications/read", allRoles(400), { body: {} }),
  userApi("GET", "/api/v1/webhooks", { viewer: 403, responder: 403, manager: 403, admin: 200 }),
  userApi(
    "POST",
    "/api/v1/webhooks",
    { viewer: 403, responder: 403, manager: 403, admin: 400 },
    { body: {} },
  ),
  userApi("GET", "/api/v1/webhooks/deliveries", {
    viewer: 403,
    responder: 403,
    manager: 403,
    admin: 200,
  }),
  userApi(
    "DELETE",
    "/api/v1/webhooks/[id]",
    { viewer: 403, responder: 403, manager: 403, admin: 404 },
    { path: "/api/v1/webhooks/00000000-0000-0000-0000-000000000000", body: {} },
  ),
  page("/settings/webhooks", ADMIN_OK),
];
