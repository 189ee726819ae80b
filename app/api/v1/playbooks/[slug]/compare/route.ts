// GET /api/v1/playbooks/{slug}/compare?from=N&to=M — the semantic diff between two published versions
import { json, withUser } from "@/lib/http/with-user";
import { compareVersions } from "@/lib/playbooks/compare-versions";

export const GET = withUser<{ slug: string }>(
  async (req, { params }) =>
    json(await compareVersions(params.slug, Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "playbooks:read" },
);
