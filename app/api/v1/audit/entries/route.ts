// GET /api/v1/audit/entries — newest audit entries first, paged by id

import { listAudit } from "@/lib/audit/list-audit";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(
  async (req) => json(await listAudit(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "audit:read" },
);
