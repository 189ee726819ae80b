import "server-only";
import { AppError } from "../errors/app-error.ts";
import { exportCacao } from "./cacao-export.ts";
import type { PlaybookDefinition } from "./definition.ts";
import { getPlaybookVersion } from "./list-playbooks.ts";

/**
 * GET /playbooks/{slug}/versions/{n}?format=: the raw version segment (`3` or `v3`) and
 * format. yaml is the exact stored file (what was hashed), cacao the CACAO 2.0 export, json
 * the version as the API shows it. An unknown version is a 404 before a bad format is a 400.
 */
export async function exportPlaybookVersion(slug: string, rawVersion: string, format = "json") {
  const n = Number(rawVersion.replace(/^v/, ""));
  if (!Number.isInteger(n) || n < 1)
    throw new AppError("invalid_input", "The version must be a positive integer.");
  const v = await getPlaybookVersion(slug, n);
  if (format === "yaml")
    return {
      format,
      content: v.content,
      filename: `v${v.version}.yaml`,
      contentHash: v.contentHash,
    } as const;
  if (format === "cacao") {
    const body = exportCacao(v.definition as unknown as PlaybookDefinition, {
      created: v.firstPublishedAt,
      modified: v.publishedAt,
    });
    return {
      format,
      content: JSON.stringify(body, null, 2),
      filename: `${v.slug}-v${v.version}.cacao.json`,
    } as const;
  }
  if (format !== "json") throw new AppError("invalid_input", "format must be json, yaml or cacao.");
  return { format, version: v } as const;
}
