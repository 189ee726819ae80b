// POST /api/admin/v1/cli — run an `npm run bw` command inside the server (local admin token only)

import { runCliRequest } from "@/lib/admin/run-cli-request";
import { withAdminToken } from "@/lib/admin/with-admin-token";

export const dynamic = "force-dynamic";

export const POST = withAdminToken(async (req) =>
  Response.json(await runCliRequest(req), { headers: { "cache-control": "no-store" } }),
);
