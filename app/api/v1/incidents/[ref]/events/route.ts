// GET /api/v1/incidents/{key or id}/events?host=&type=&severity=&page=&pageSize= — one page of the incident's event stream
import { json, withUser } from "@/lib/http/with-user";
import { listIncidentEvents } from "@/lib/incidents/list-incident-events";

export const GET = withUser<{ ref: string }>(
  async (req, { params }) =>
    json(await listIncidentEvents(params.ref, Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "incidents:read" },
);
