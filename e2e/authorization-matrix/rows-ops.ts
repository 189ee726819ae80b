// Prometheus and e-mail preferences (issue 15).
import { ALL_ROLES_OK, type BaseEntry, page } from "./types.ts";

export const OPS_ROWS: BaseEntry[] = [
  // Only BREAKWATER_METRICS_TOKEN opens it, never a session, host or API token.
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
  // Everybody's own e-mail preferences.
  page("/settings/notifications", ALL_ROLES_OK),
];
