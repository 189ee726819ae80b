// The artifact vault, the local admin API and the server actions.
import { ADMIN_OK, type BaseEntry, page } from "./types.ts";

export const ARTIFACT_ADMIN_ACTION_ROWS: BaseEntry[] = [
  // Artifact vault (issue 6). tus endpoints: the invalid sample lacks Tus-Resumable, so an
  // authorised caller gets 412 before anything is looked up or written.
  page(
    "/artifacts/[id]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/artifacts/00000000-0000-0000-0000-000000000000",
  ),
  page(
    "/artifacts/reports/[ref]",
    { viewer: 404, responder: 404, manager: 404, admin: 404 },
    "/artifacts/reports/INC-1999-0001",
  ),
  page("/settings/artifacts", ADMIN_OK),
  {
    route: "/api/v1/artifacts",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 200, responder: 200, manager: 200, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/[id]",
    method: "GET",
    kind: "api",
    path: "/api/v1/artifacts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/[id]",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/artifacts/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/[id]/download",
    method: "GET",
    kind: "api",
    path: "/api/v1/artifacts/00000000-0000-0000-0000-000000000000/download",
    expect: { anon: 401, viewer: 403, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/retention",
    method: "GET",
    kind: "api",
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 200, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/retention",
    method: "PUT",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 403, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/uploads",
    method: "POST",
    kind: "api",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 412, manager: 412, admin: 412, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "PATCH",
    kind: "api",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 412, manager: 412, admin: 412, agent: 401 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 412, manager: 412, admin: 412, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/legal-hold",
    method: "POST",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/legal-hold",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/legal-hold",
    method: "DELETE",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/legal-hold",
    body: {},
    expect: { anon: 401, viewer: 403, responder: 403, manager: 400, admin: 400, agent: 401 },
  },
  {
    route: "/api/v1/incidents/[ref]/custody-report",
    method: "GET",
    kind: "api",
    path: "/api/v1/incidents/INC-1999-0001/custody-report",
    expect: { anon: 401, viewer: 404, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  {
    route: "/api/agent/v1/artifacts",
    method: "POST",
    kind: "agent",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 412 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "PATCH",
    kind: "agent",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 412 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "HEAD",
    kind: "agent",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 404 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "HEAD",
    kind: "api",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    expect: { anon: 401, viewer: 403, responder: 404, manager: 404, admin: 404, agent: 401 },
  },
  // tus discovery (OPTIONS) is public by design: it reveals only the protocol version and size limit.
  {
    route: "/api/agent/v1/artifacts",
    method: "OPTIONS",
    kind: "public",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "OPTIONS",
    kind: "public",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/v1/artifacts/uploads",
    method: "OPTIONS",
    kind: "public",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/v1/artifacts/uploads/[uploadId]",
    method: "OPTIONS",
    kind: "public",
    path: "/api/v1/artifacts/uploads/00000000-0000-0000-0000-000000000000",
    expect: { anon: 204, viewer: 204, responder: 204, manager: 204, admin: 204, agent: 204 },
  },
  {
    route: "/api/agent/v1/artifacts/[uploadId]",
    method: "DELETE",
    kind: "agent",
    path: "/api/agent/v1/artifacts/00000000-0000-0000-0000-000000000000",
    body: {},
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 412 },
  },

  // Local admin API for `npm run bw` (issue 2): only the server's admin token (in <data dir>/admin-token)
  // opens it; no session cookie of any role and no host token does.
  {
    route: "/api/admin/v1/cli",
    method: "POST",
    kind: "agent",
    body: { argv: ["users", "list"] },
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 },
  },

  // Server actions. Login and setup are public by necessity; what must hold is that calling
  // them directly changes nothing it should not.
  {
    route: "app/login/actions.ts#loginAction",
    method: "ACTION",
    kind: "action",
    body: [{ email: "not-an-email", password: "x" }],
    expect: { anon: 401, viewer: 401, responder: 401, manager: 401, admin: 401, agent: 401 },
  },
  // OIDC is off in the test server: signIn("oidc") falls back to next-auth's sign-in page.
  {
    route: "app/login/actions.ts#oidcLoginAction",
    method: "ACTION",
    kind: "action",
    body: ["/incidents"],
    expect: { anon: 303, viewer: 303, responder: 303, manager: 303, admin: 303, agent: 303 },
  },
  {
    route: "app/login/actions.ts#logoutAction",
    method: "ACTION",
    kind: "action",
    body: [],
    expect: {
      anon: "login",
      viewer: "login",
      responder: "login",
      manager: "login",
      admin: "login",
      agent: "login",
    },
  },
  // A well-formed second admin is refused: setup is one-time.
  {
    route: "app/setup/actions.ts#setupAction",
    method: "ACTION",
    kind: "action",
    body: [
      { name: "Late", email: "late-admin@e2e.breakwater.test", password: "a-long-enough-password" },
    ],
    expect: { anon: 409, viewer: 409, responder: 409, manager: 409, admin: 409, agent: 409 },
  },
];
