// Prometheus and e-mail preferences (issue 15).
import { ALL_ROLES_OK, type BaseEntry, page, userApi } from "./types.ts";

export const OPS_ROWS: BaseEntry[] = [
  // Only BREAKWATER_METRICS_TOKEN opens it, never a session, host or API token.
  userApi("GET", "/api/metrics", { viewer: 401, responder: 401, manager: 401, admin: 401 }),
  userApi("GET", "/api/v1/me/notification-preferences", {
    viewer: 200,
    responder: 200,
    manager: 200,
    admin: 200,
  }),
  userApi(
    "PUT",
    "/api/v1/me/notification-preferences",
    { viewer: 400, responder: 400, manager: 400, admin: 400 },
    { body: {} },
  ),
  // Everybody's own e-mail preferences.
  page("/settings/notifications", ALL_ROLES_OK),
];
