// GET /api/v1/hosts — enrolled hosts with connectivity, isolation and open incidents
import { withUser, json } from "@/lib/http/with-user";
import { listHosts } from "@/lib/hosts/list-hosts";

export const GET = withUser(async (req) => json(await listHosts(Object.fromEntries(req.nextUrl.searchParams))), { permission: "hosts:read" });
