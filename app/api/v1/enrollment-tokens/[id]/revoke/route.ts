// POST /api/v1/enrollment-tokens/{id}/revoke — stop further enrolments with a token (admins)
import { withUser, json } from "@/lib/http/with-user";
import { revokeEnrollmentToken } from "@/lib/hosts/revoke-enrollment-token";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ id: string }>(
  async (_req, { user, params }) => json(await revokeEnrollmentToken(params.id, userActor(user))),
  { permission: "hosts:manage" },
);
