// API tokens (issue 15): the routes that manage them, the pages, and the OpenAPI document.
import { allRoles, type BaseEntry, page, sameForAll, userApi } from "./types.ts";

const ZERO = "00000000-0000-0000-0000-000000000000";

export const API_TOKEN_ROWS: BaseEntry[] = [
  page("/settings/api-tokens", allRoles(200)),
  page("/api-reference", allRoles(200)),
  userApi("GET", "/api/v1/api-tokens", allRoles(200)),
  // A token never mints a token, not even with console:read (refused before the body is read).
  {
    route: "/api/v1/api-tokens",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 400, responder: 400, manager: 400, admin: 400, agent: 401 },
    tokens: { token: 403, narrowToken: 403 },
  },
  userApi("POST", "/api/v1/api-tokens/[id]/revoke", allRoles(404), {
    path: `/api/v1/api-tokens/${ZERO}/revoke`,
  }),
  sameForAll("public", "GET", "/api/openapi.json", 200),
];
