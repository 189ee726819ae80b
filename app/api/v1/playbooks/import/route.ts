// POST /api/v1/playbooks/import — import a CACAO 2.0 playbook as a draft, with a mapping report
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { importCacao } from "@/lib/playbooks/cacao-import";
import { createDraft } from "@/lib/playbooks/drafts";
import { stringify } from "yaml";

export const POST = withUser(
  async (req, { user }) => {
    const r = importCacao(await readJson(req, 2 * 1024 * 1024));
    if (!r.definition) throw new AppError("invalid_input", "This CACAO playbook cannot be imported.", { errors: r.issues, extra: { report: r.report } });
    const draft = await createDraft({ slug: r.definition.slug, content: stringify(r.definition), note: "Imported from CACAO 2.0", actor: { type: "user", id: user.id, label: user.name } });
    return json({ draftId: draft.id, slug: r.definition.slug, report: r.report }, { status: 201 });
  },
  { permission: "playbooks:publish" },
);
