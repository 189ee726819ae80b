// GET /api/v1/drills/scenarios — the drill scenario files that validate

import { listScenarios } from "@/lib/drills/list-scenarios";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(async () => json(listScenarios()), { permission: "drills:read" });
