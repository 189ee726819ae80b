// API tokens (issue 15): the routes that manage them, the pages, and the OpenAPI document.
import { ALL_ROLES_OK, type BaseEntry, page, sameForAll, userApi } from "./types.ts";

const ZERO = "00000000-0000-0000-0000-000000000000";

export const API_TOKEN_ROWS: BaseEntry[] = [
  page("/settings/api-tokens", ALL_ROLES_OK),
  page("/api-reference", ALL_ROLES_OK),
  userApi("GET", "/api/v1/api-tokens", ALL_ROLES_OK),
  // A token never mints a token, not even with console:read (refused before the body is read).
  {
    route: "/api/v1/api-tokens",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 401 },
    tokens: { token: 403, narrowToken: 403 },
  },
  userApi(
    "POST",
    "/api/v1/api-tokens/[id]/revoke",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    { path: `/api/v1/api-tokens/${ZERO}/revoke`, body: {} },
  ),
  sameForAll("public", "GET", "/api/openapi.json", 200),
];
