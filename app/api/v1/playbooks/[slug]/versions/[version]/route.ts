// GET /api/v1/playbooks/{slug}/versions/{n}?format=json|yaml|cacao — one published version; yaml is the exact hashed file
import { json, withUser } from "@/lib/http/with-user";
import { exportPlaybookVersion } from "@/lib/playbooks/export-playbook-version";

export const GET = withUser<{ slug: string; version: string }>(
  async (req, { params }) => {
    const out = await exportPlaybookVersion(
      params.slug,
      params.version,
      req.nextUrl.searchParams.get("format") ?? undefined,
    );
    if (out.format === "json") return json(out.version);
    const type = out.format === "yaml" ? "application/yaml; charset=utf-8" : "application/json";
    const headers: Record<string, string> = {
      "content-type": type,
      "content-disposition": `attachment; filename="${out.filename}"`,
      "cache-control": "no-store",
    };
    if (out.format === "yaml") headers["x-content-sha256"] = out.contentHash;
    return new Response(out.content, { headers });
  },
  { permission: "playbooks:read" },
);
