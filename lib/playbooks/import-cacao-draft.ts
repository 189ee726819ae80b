import "server-only";
import { stringify } from "yaml";
import type { Actor } from "../audit/actor.ts";
import { AppError } from "../errors/app-error.ts";
import { importCacao } from "./cacao-import.ts";
import { createDraft } from "./create-draft.ts";

/** POST /playbooks/import: `body` is a raw CACAO 2.0 playbook. What cannot be mapped is a 400
 *  that carries the mapping report, so the person sees which parts were the problem. */
export async function importCacaoDraft(body: unknown, actor: Extract<Actor, { type: "user" }>) {
  const r = importCacao(body);
  if (!r.definition)
    throw new AppError("invalid_input", "This CACAO playbook cannot be imported.", {
      errors: r.issues,
      extra: { report: r.report },
    });
  const draft = await createDraft({
    slug: r.definition.slug,
    content: stringify(r.definition),
    note: "Imported from CACAO 2.0",
    actor,
  });
  return { draftId: draft.id, slug: r.definition.slug, report: r.report };
}
