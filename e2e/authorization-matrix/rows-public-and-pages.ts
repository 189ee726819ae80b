// Public entry points and console pages.
import { ADMIN_OK, ALL_ROLES_OK, type BaseEntry, LEADS_OK, page, sameForAll } from "./types.ts";

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
  // The run page loads its data in the browser, so the page itself answers 200.
  page("/drills/[id]", ALL_ROLES_OK, "/drills/00000000-0000-0000-0000-000000000000"),
  page(
    "/drills/[id]/report",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/drills/00000000-0000-0000-0000-000000000000/report",
  ),
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
];
