// POST /api/admin/v1/cli — run an `npm run bw` command inside the server (local admin token only)

import { CLI_MAX_BODY, runCliRequest } from "@/lib/admin/run-cli-request";
import { readJson } from "@/lib/http/read-json";
import { withAdminToken } from "@/lib/http/with-admin-token";

export const dynamic = "force-dynamic";

export const POST = withAdminToken(async (req) =>
  Response.json(await runCliRequest(await readJson(req, CLI_MAX_BODY)), {
    headers: { "cache-control": "no-store" },
  }),
);
