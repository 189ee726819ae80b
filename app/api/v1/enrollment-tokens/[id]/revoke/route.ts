// POST /api/v1/enrollment-tokens/{id}/revoke — stop further enrolments with a token (admins)

import { revokeEnrollmentToken } from "@/lib/hosts/revoke-enrollment-token";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (_req, { actor, params }) => json(await revokeEnrollmentToken(params.id, actor)),
  { permission: "hosts:manage" },
);
