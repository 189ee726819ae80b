// GET /api/v1/artifacts — artifacts (newest first), optionally of one incident or status
import { withUser, json } from "@/lib/http/with-user";
import { listArtifacts } from "@/lib/artifacts/get-artifact";

export const dynamic = "force-dynamic";

export const GET = withUser(async (req) => json(await listArtifacts(Object.fromEntries(req.nextUrl.searchParams))), { permission: "artifacts:read" });
