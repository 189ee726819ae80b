// POST /api/admin/v1/cli — run an `npm run bw` command inside the server (local admin token only)
import { withAdminToken } from "@/lib/admin/with-admin-token";
import { runCliRequest } from "@/lib/admin/run-cli-request";

export const dynamic = "force-dynamic";

export const POST = withAdminToken(async (req) => Response.json(await runCliRequest(req), { headers: { "cache-control": "no-store" } }));
