// GET /api/v1/me — the signed-in user and their role
import { withUser, json } from "@/lib/http/with-user";

export const GET = withUser(async (_req, { user }) => json(user), { permission: "console:read" });
