import { expect, it } from "vitest";
import { stringify } from "yaml";
import { cacaoAction, cacaoId, foreignPlaybook } from "../../test/cacao-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { createTestIncident, createTestUser } from "../../test/playbook-fixtures.ts";
import { actOnStep } from "./act-on-step.ts";
import { importCacao } from "./cacao-import.ts";
import { createDraft } from "./create-draft.ts";
import { publishDraft } from "./publish-draft.ts";
import { startPlaybookRun } from "./start-playbook-run.ts";

// "A CACAO playbook from another tool imports and runs": import → draft → publish → a run on
// a real incident whose steps a responder completes until the run itself completes.
const id = cacaoId;
const foreign = foreignPlaybook({
  n: 7,
  name: "Vendor plugin takedown",
  description: "Exported from another SOAR",
  workflow: {
    [id("start", 1)]: { type: "start", on_completion: id("action", 1) },
    [id("action", 1)]: cacaoAction(
      "Confirm the report",
      { type: "manual", description: "Check the vendor advisory" },
      id("action", 2),
    ),
    [id("action", 2)]: cacaoAction(
      "Disable the plugin",
      { type: "bash", description: "plugctl disable $PLUGIN" },
      id("end", 1),
    ),
    [id("end", 1)]: { type: "end" },
  },
  agent_definitions: { [id("individual", 1)]: { type: "individual", name: "On-call responder" } },
});

describeDb("CACAO import runs", (t) => {
  it("imports another tool's CACAO playbook, publishes it and runs it to completion on an incident", async () => {
    const lead = await createTestUser(t.db, "manager");
    const responder = await createTestUser(t.db, "responder");
    const imported = importCacao(foreign);
    expect(imported.issues).toEqual([]);
    const def = imported.definition!;
    const draft = await createDraft({
      slug: def.slug,
      content: stringify(def),
      note: "Imported from CACAO 2.0",
      actor: lead.actor,
    });
    await publishDraft({ id: draft.id, actor: lead.actor });

    const inc = await createTestIncident(t.db);
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: def.slug,
      actor: responder.actor,
    });
    const steps = async () =>
      t.db.stepRun.findMany({
        where: { runId },
        orderBy: { key: "asc" },
        select: { id: true, title: true, status: true },
      });
    for (let guard = 0; guard < 10; guard++) {
      const ready = (await steps()).filter((s) => s.status === "ready");
      if (!ready.length) break;
      for (const s of ready) {
        await actOnStep({
          stepRunId: s.id,
          action: { action: "complete", checklist: [true], note: `done: ${s.title}` },
          actor: responder.actor,
        });
      }
    }
    const all = await steps();
    expect(all.map((s) => s.title).sort()).toEqual(["Confirm the report", "Disable the plugin"]);
    expect(all.map((s) => s.status)).toEqual(["done", "done"]);
    expect(
      (await t.db.playbookRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } }))
        .status,
    ).toBe("completed");
  });
});
