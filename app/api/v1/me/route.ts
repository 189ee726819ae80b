// GET /api/v1/me — the signed-in user and their role
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(async (_req, { user }) => json(user), { permission: "console:read" });
