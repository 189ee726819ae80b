// The user API (/api/v1): people, incidents, hosts, playbooks, notifications, webhooks.
import {
  ADMIN_OK,
  adminOnly,
  allRoles,
  type BaseEntry,
  LEADS_OK,
  leadsOnly,
  page,
  respondersUp,
  userApi,
} from "./types.ts";

export const USER_API_ROWS: BaseEntry[] = [
  // User API
  userApi("GET", "/api/v1/me", allRoles(200)),
  userApi("GET", "/api/v1/users", adminOnly(200)),
  userApi("POST", "/api/v1/users", adminOnly(400)),
  userApi("PATCH", "/api/v1/users/[id]", adminOnly(400)),
  userApi("GET", "/api/v1/incidents/[ref]/report", allRoles(404)),
  userApi("GET", "/api/v1/incidents/[ref]/follow-ups", allRoles(404)),
  userApi("POST", "/api/v1/incidents/[ref]/follow-ups", respondersUp(400)),
  userApi("GET", "/api/v1/follow-ups", allRoles(200)),
  userApi("PATCH", "/api/v1/follow-ups/[id]", respondersUp(400)),
  userApi("POST", "/api/v1/follow-ups/[id]/playbook-draft", leadsOnly(404)),
  userApi("GET", "/api/v1/metrics/dashboard", allRoles(200)),
  userApi("GET", "/api/v1/metrics/incidents", allRoles(200)),
  userApi("GET", "/api/v1/audit/verify", leadsOnly(200)),
  userApi("GET", "/api/v1/audit/entries", leadsOnly(200)),

  // Hosts, plugin fleet and enrollment tokens (issue 3). Unknown ids answer 404 once authorised.
  userApi("GET", "/api/v1/hosts", allRoles(200)),
  userApi("GET", "/api/v1/hosts/[id]", allRoles(404)),
  userApi("POST", "/api/v1/hosts/[id]/revoke", adminOnly(404)),
  userApi("GET", "/api/v1/plugins/fleet", allRoles(200), {
    path: "/api/v1/plugins/fleet?name=matrix-probe",
  }),
  userApi("GET", "/api/v1/plugins/names", allRoles(200)),
  userApi("GET", "/api/v1/enrollment-tokens", adminOnly(200)),
  userApi("POST", "/api/v1/enrollment-tokens", adminOnly(400)),
  userApi("POST", "/api/v1/enrollment-tokens/[id]/revoke", adminOnly(404)),
  userApi("GET", "/api/v1/incidents", allRoles(200)),
  userApi("GET", "/api/v1/incidents/[ref]", allRoles(404)),
  // Without a topic the stream is refused once authorised (a valid one would never end).
  userApi("GET", "/api/v1/live", allRoles(400)),
  userApi("GET", "/api/v1/incidents/[ref]/events", allRoles(404)),
  userApi("POST", "/api/v1/incidents/[ref]/transitions", respondersUp(400)),

  // Playbooks, incident roles, notifications, webhooks (issue 4).
  page("/playbooks/[slug]", allRoles(200)),
  page("/playbooks/drafts/[id]", LEADS_OK),
  userApi("GET", "/api/v1/playbooks", allRoles(200)),
  userApi("GET", "/api/v1/playbooks/[slug]/versions/[version]", allRoles(200), {
    path: "/api/v1/playbooks/sandbox-escape/versions/1",
  }),
  userApi("GET", "/api/v1/playbooks/[slug]/compare", allRoles(200), {
    path: "/api/v1/playbooks/sandbox-escape/compare?from=1&to=1",
  }),
  userApi("POST", "/api/v1/playbooks/validate", allRoles(400)),
  userApi("POST", "/api/v1/playbooks/drafts", leadsOnly(400)),
  userApi("GET", "/api/v1/playbooks/drafts/[id]", leadsOnly(404)),
  userApi("PUT", "/api/v1/playbooks/drafts/[id]", leadsOnly(400)),
  userApi("POST", "/api/v1/playbooks/drafts/[id]/publish", leadsOnly(404)),
  userApi("POST", "/api/v1/playbooks/import", leadsOnly(400)),
  userApi("GET", "/api/v1/incidents/[ref]/playbook", allRoles(404)),
  userApi("POST", "/api/v1/incidents/[ref]/playbook", respondersUp(400)),
  userApi("POST", "/api/v1/incidents/[ref]/comments", respondersUp(400)),
  userApi("POST", "/api/v1/incidents/[ref]/severity", respondersUp(400)),
  userApi("POST", "/api/v1/incidents/[ref]/links", respondersUp(400)),
  userApi("DELETE", "/api/v1/incidents/[ref]/links", respondersUp(400)),
  // Responders pass the wrapper (an incident's commander may merge it); merge-incident.ts refuses the rest.
  userApi("POST", "/api/v1/incidents/[ref]/merge", respondersUp(400)),
  userApi("PUT", "/api/v1/incidents/[ref]/roles", respondersUp(400)),
  userApi("POST", "/api/v1/playbook-steps/[id]", respondersUp(400)),
  userApi("GET", "/api/v1/notifications", allRoles(200)),
  userApi("POST", "/api/v1/notifications/read", allRoles(400)),
  userApi("GET", "/api/v1/webhooks", adminOnly(200)),
  userApi("POST", "/api/v1/webhooks", adminOnly(400)),
  userApi("GET", "/api/v1/webhooks/deliveries", adminOnly(200)),
  userApi("DELETE", "/api/v1/webhooks/[id]", adminOnly(404)),
  page("/settings/webhooks", ADMIN_OK),
];
