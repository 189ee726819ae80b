// GET /api/v1/artifacts — artifacts (newest first), optionally of one incident or status

import { listArtifacts } from "@/lib/artifacts/get-artifact";
import { json, withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";

export const GET = withUser(
  async (req) => json(await listArtifacts(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "artifacts:read" },
);
