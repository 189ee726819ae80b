// API tokens (issue 15): the routes that manage them, the pages, and the OpenAPI document.
import { ALL_ROLES_OK, type BaseEntry, page } from "./types.ts";

const ZERO = "00000000-0000-0000-0000-000000000000";

export const API_TOKEN_ROWS: BaseEntry[] = [
  page("/settings/api-tokens", ALL_ROLES_OK),
  page("/api-reference", ALL_ROLES_OK),
  {
    route: "/api/v1/api-tokens",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  // A token never mints a token, not even with console:read (refused before the body is read).
  {
    route: "/api/v1/api-tokens",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 401 },
    tokens: { token: 403, narrowToken: 403 },
  },
  {
    route: "/api/v1/api-tokens/[id]/revoke",
    method: "POST",
    kind: "api",
    path: `/api/v1/api-tokens/${ZERO}/revoke`,
    body: {},
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/openapi.json",
    method: "GET",
    kind: "public",
    expect: { anon: 200, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 200 },
  },
];
