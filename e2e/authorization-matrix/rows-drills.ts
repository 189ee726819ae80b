// Drills (issue 14): everyone reads, leads run them (drills:run).
import type { BaseEntry } from "./types.ts";

const ZERO = "00000000-0000-0000-0000-000000000000";

export const DRILL_ROWS: BaseEntry[] = [
  {
    route: "/api/v1/drills/scenarios",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/drills",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/drills",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/drills/[id]",
    method: "GET",
    kind: "api",
    path: `/api/v1/drills/${ZERO}`,
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/drills/[id]/pause",
    method: "POST",
    kind: "api",
    path: `/api/v1/drills/${ZERO}/pause`,
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/drills/[id]/resume",
    method: "POST",
    kind: "api",
    path: `/api/v1/drills/${ZERO}/resume`,
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/drills/[id]/end",
    method: "POST",
    kind: "api",
    path: `/api/v1/drills/${ZERO}/end`,
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/drills/[id]/speed",
    method: "POST",
    kind: "api",
    path: `/api/v1/drills/${ZERO}/speed`,
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/drills/[id]/notes",
    method: "PUT",
    kind: "api",
    path: `/api/v1/drills/${ZERO}/notes`,
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
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
