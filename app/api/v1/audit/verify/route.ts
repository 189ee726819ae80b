// GET /api/v1/audit/verify — walk the hash chain and report the first broken entry
import { withUser, json } from "@/lib/http/with-user";
import { verifyAudit } from "@/lib/audit/verify-audit";

export const GET = withUser(async () => json(await verifyAudit()), { permission: "audit:read" });
