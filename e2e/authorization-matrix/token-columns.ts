// The two API-token columns, derived from the hand-written ones so that every row has them
// without 600 more literals. Both tokens belong to a responder:
//   token        — scoped to every permission a responder holds;
//   narrowToken  — scoped to console:read only.
// The rules, each a property of withUser and the pages:
// - anything that is not the user API (pages, agent routes, public routes, server actions)
//   ignores a bearer API token: the answer is exactly the anonymous one (pages send to
//   /login, agent routes answer 401 because the token is not a host token);
// - on the user API, `token` answers as its responder owner does (same withUser check);
// - `narrowToken` answers as the responder where the responder is refused anyway or the
//   route needs only console:read, and 403 everywhere else (its scope is missing).
// A row whose truth differs says so in `tokens` (e.g. a token may not create tokens).
import type { BaseEntry, MatrixEntry, Outcome } from "./types.ts";

/** User-API routes whose permission is console:read (every role, every token scope list
 *  that includes it). Kept next to the derivation; the OpenAPI test checks each route's
 *  documented permission against its file, and these against the document. */
export const CONSOLE_READ_ROUTES = new Set([
  "GET /api/v1/me",
  "GET /api/v1/notifications",
  "POST /api/v1/notifications/read",
  "GET /api/v1/me/notification-preferences",
  "PUT /api/v1/me/notification-preferences",
  "GET /api/v1/api-tokens",
  "POST /api/v1/api-tokens",
  "POST /api/v1/api-tokens/[id]/revoke",
]);

const refused = (o: Outcome) => o === 401 || o === 403 || o === "login";

export function withTokenColumns(row: BaseEntry): MatrixEntry {
  const { tokens, ...rest } = row;
  if (tokens) return { ...rest, expect: { ...row.expect, ...tokens } };
  if (row.kind !== "api")
    return {
      ...rest,
      expect: { ...row.expect, token: row.expect.anon, narrowToken: row.expect.anon },
    };
  const responder = row.expect.responder;
  const narrow =
    refused(responder) || CONSOLE_READ_ROUTES.has(`${row.method} ${row.route}`) ? responder : 403;
  return { ...rest, expect: { ...row.expect, token: responder, narrowToken: narrow } };
}
