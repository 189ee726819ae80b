// Public entry points and console pages.
import { ADMIN_OK, allRoles, type BaseEntry, LEADS_OK, page, sameForAll } from "./types.ts";

export const PUBLIC_AND_PAGE_ROWS: BaseEntry[] = [
  // Public
  {
    route: "/login",
    method: "GET",
    kind: "public",
    expect: { anon: 200, viewer: 307, responder: 307, manager: 307, admin: 307, agent: 200 },
  },
  // Once the first admin exists, setup sends everyone to the login page.
  sameForAll("public", "GET", "/setup", "login"),
  sameForAll("public", "GET", "/api/health", 200),
  // next-auth's own endpoints: the session read is public (null without a session); a
  // credentials post without a CSRF token is bounced back to the login page.
  sameForAll("public", "GET", "/api/auth/[...nextauth]", 200, { path: "/api/auth/session" }),
  sameForAll("public", "POST", "/api/auth/[...nextauth]", "login", {
    path: "/api/auth/callback/credentials",
    body: {},
  }),

  // Pages
  page("/", allRoles(307)),
  page("/incidents", allRoles(200)),
  page("/hosts", allRoles(200)),
  page("/playbooks", allRoles(200)),
  page("/commands", allRoles(200)),
  page("/artifacts", allRoles(200)),
  page("/metrics", allRoles(200)),
  page("/follow-ups", allRoles(200)),
  page("/incidents/[ref]/report", allRoles(404)),
  page("/drills", allRoles(200)),
  // The run page loads its data in the browser, so the page itself answers 200.
  page("/drills/[id]", allRoles(200)),
  page("/drills/[id]/report", allRoles(404)),
  page("/audit", LEADS_OK),
  page("/settings", ADMIN_OK),
  page("/settings/users", ADMIN_OK),
  // Hosts (issue 3): an unknown host id is a 404 for anyone allowed to look.
  page("/hosts/[id]", allRoles(404)),
  page("/hosts/plugins", allRoles(200)),
  page("/settings/enrollment-tokens", ADMIN_OK),
  // Incidents (issue 3): an unknown incident key is a 404 for anyone allowed to look.
  page("/incidents/[ref]", allRoles(404)),
];
