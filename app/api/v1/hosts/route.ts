// GET /api/v1/hosts — enrolled hosts with connectivity, isolation and open incidents

import { listHosts } from "@/lib/hosts/list-hosts";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(
  async (req) => json(await listHosts(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "hosts:read" },
);
