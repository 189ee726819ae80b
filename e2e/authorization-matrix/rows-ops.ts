// Prometheus and e-mail preferences (issue 15).
import { allRoles, type BaseEntry, page, userApi } from "./types.ts";

export const OPS_ROWS: BaseEntry[] = [
  // Only BREAKWATER_METRICS_TOKEN opens it, never a session, host or API token.
  userApi("GET", "/api/metrics", allRoles(401)),
  userApi("GET", "/api/v1/me/notification-preferences", allRoles(200)),
  userApi("PUT", "/api/v1/me/notification-preferences", allRoles(400)),
  // Everybody's own e-mail preferences.
  page("/settings/notifications", allRoles(200)),
];
