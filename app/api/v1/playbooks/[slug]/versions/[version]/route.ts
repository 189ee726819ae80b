// GET /api/v1/playbooks/{slug}/versions/{n}?format=json|yaml|cacao — one published version; yaml is the exact hashed file
import { withUser, json } from "@/lib/http/with-user";
import { AppError } from "@/lib/errors/app-error";
import { getPlaybookVersion } from "@/lib/playbooks/list-playbooks";
import { exportCacao } from "@/lib/playbooks/cacao-export";
import type { PlaybookDefinition } from "@/lib/playbooks/definition";

export const GET = withUser<{ slug: string; version: string }>(
  async (req, { params }) => {
    const n = Number(params.version.replace(/^v/, ""));
    if (!Number.isInteger(n) || n < 1) throw new AppError("invalid_input", "The version must be a positive integer.");
    const v = await getPlaybookVersion(params.slug, n);
    const format = req.nextUrl.searchParams.get("format") ?? "json";
    if (format === "yaml") {
      return new Response(v.content, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="v${v.version}.yaml"`, "x-content-sha256": v.contentHash, "cache-control": "no-store" } });
    }
    if (format === "cacao") {
      const body = exportCacao(v.definition as unknown as PlaybookDefinition, { created: v.firstPublishedAt, modified: v.publishedAt });
      return new Response(JSON.stringify(body, null, 2), { headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${v.slug}-v${v.version}.cacao.json"`, "cache-control": "no-store" } });
    }
    if (format !== "json") throw new AppError("invalid_input", "format must be json, yaml or cacao.");
    return json(v);
  },
  { permission: "playbooks:read" },
);
