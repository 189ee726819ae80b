// GET /api/v1/audit/verify — walk the hash chain and report the first broken entry

import { verifyAudit } from "@/lib/audit/verify-audit";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(async () => json(await verifyAudit()), { permission: "audit:read" });
