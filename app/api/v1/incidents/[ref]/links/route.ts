// POST|DELETE /api/v1/incidents/{key or id}/links — link this incident to another as "related to", or remove that link

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { linkIncidents } from "@/lib/incidents/link-incidents";
import { unlinkIncidents } from "@/lib/incidents/unlink-incidents";

type P = { ref: string };

export const POST = withUser<P>(
  async (req, { actor, params }) =>
    json(await linkIncidents(params.ref, await readJson(req, 4 * 1024), actor), { status: 201 }),
  { permission: "incidents:write" },
);
export const DELETE = withUser<P>(
  async (req, { actor, params }) =>
    json(await unlinkIncidents(params.ref, await readJson(req, 4 * 1024), actor)),
  { permission: "incidents:write" },
);
