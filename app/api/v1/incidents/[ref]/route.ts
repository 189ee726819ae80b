// GET /api/v1/incidents/{key or id} — one incident with hosts, plugins, events and timeline
import { json, withUser } from "@/lib/http/with-user";
import { getIncident } from "@/lib/incidents/get-incident";

export const GET = withUser<{ ref: string }>(
  async (_req, { params }) => json(await getIncident(params.ref)),
  { permission: "incidents:read" },
);
