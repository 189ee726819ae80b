// POST /api/v1/incidents/{key or id}/merge — close this incident as a duplicate merged into another (leads, or its commander)

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { mergeIncident } from "@/lib/incidents/merge-incident";

// incidents:write admits responders; mergeIncident lets through only leads and this
// incident's commander, checked under the row lock.
export const POST = withUser<{ ref: string }>(
  async (req, { user, params }) =>
    json(await mergeIncident(params.ref, await readJson(req, 8 * 1024), user)),
  { permission: "incidents:write" },
);
