// GET /api/v1/audit/entries — newest audit entries first, paged by seq
import { withUser, json } from "@/lib/http/with-user";
import { listAudit } from "@/lib/audit/list-audit";

export const GET = withUser(async (req) => json(await listAudit(Object.fromEntries(req.nextUrl.searchParams))), { permission: "audit:read" });
