// Drills (issue 14): everyone reads, leads run them (drills:run).
import { allRoles, type BaseEntry, leadsOnly, userApi } from "./types.ts";

const ZERO = "00000000-0000-0000-0000-000000000000";

export const DRILL_ROWS: BaseEntry[] = [
  userApi("GET", "/api/v1/drills/scenarios", allRoles(200)),
  userApi("GET", "/api/v1/drills", allRoles(200)),
  userApi("POST", "/api/v1/drills", leadsOnly(400)),
  userApi("GET", "/api/v1/drills/[id]", allRoles(404), { path: `/api/v1/drills/${ZERO}` }),
  userApi("POST", "/api/v1/drills/[id]/pause", leadsOnly(404), {
    path: `/api/v1/drills/${ZERO}/pause`,
  }),
  userApi("POST", "/api/v1/drills/[id]/resume", leadsOnly(404), {
    path: `/api/v1/drills/${ZERO}/resume`,
  }),
  userApi("POST", "/api/v1/drills/[id]/end", leadsOnly(404), {
    path: `/api/v1/drills/${ZERO}/end`,
  }),
  userApi("POST", "/api/v1/drills/[id]/speed", leadsOnly(400), {
    path: `/api/v1/drills/${ZERO}/speed`,
  }),
  userApi("PUT", "/api/v1/drills/[id]/notes", leadsOnly(400), {
    path: `/api/v1/drills/${ZERO}/notes`,
  }),
  // Scoring, comparison and the run's report: readers of drills; an unknown run is a 404.
  ...(["score", "comparison", "report"] as const).map(
    (what): BaseEntry => ({
      route: `/api/v1/drills/[id]/${what}`,
      method: "GET",
      kind: "api",
      path: `/api/v1/drills/${ZERO}/${what}`,
      expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
    }),
  ),
];
