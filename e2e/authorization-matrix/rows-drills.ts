// Drills (issue 14): everyone reads, leads run them (drills:run).
import { allRoles, type BaseEntry, userApi } from "./types.ts";

const ZERO = "00000000-0000-0000-0000-000000000000";

export const DRILL_ROWS: BaseEntry[] = [
  userApi("GET", "/api/v1/drills/scenarios", allRoles(200)),
  userApi("GET", "/api/v1/drills", allRoles(200)),
  userApi(
    "POST",
    "/api/v1/drills",
    { viewer: 403, responder: 403, manager: 400, admin: 400 },
    { body: {} },
  ),
  userApi("GET", "/api/v1/drills/[id]", allRoles(404), { path: `/api/v1/drills/${ZERO}` }),
  userApi(
    "POST",
    "/api/v1/drills/[id]/pause",
    { viewer: 403, responder: 403, manager: 404, admin: 404 },
    { path: `/api/v1/drills/${ZERO}/pause`, body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/drills/[id]/resume",
    { viewer: 403, responder: 403, manager: 404, admin: 404 },
    { path: `/api/v1/drills/${ZERO}/resume`, body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/drills/[id]/end",
    { viewer: 403, responder: 403, manager: 404, admin: 404 },
    { path: `/api/v1/drills/${ZERO}/end`, body: {} },
  ),
  userApi(
    "POST",
    "/api/v1/drills/[id]/speed",
    { viewer: 403, responder: 403, manager: 400, admin: 400 },
    { path: `/api/v1/drills/${ZERO}/speed`, body: {} },
  ),
  userApi(
    "PUT",
    "/api/v1/drills/[id]/notes",
    { viewer: 403, responder: 403, manager: 400, admin: 400 },
    { path: `/api/v1/drills/${ZERO}/notes`, body: {} },
  ),
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
