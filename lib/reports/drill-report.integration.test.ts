import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { seedDrillRun } from "../../test/drill-fixtures.ts";
import { actorOfUser } from "../audit/actor.ts";
import { inTransaction } from "../db/transaction.ts";
import { scoreDrillRun } from "../drills/score-drill-run.ts";
import { createFollowUp } from "../follow-ups/create-follow-up.ts";
import { getAfterActionReport } from "./get-after-action-report.ts";
import { getDrillReport } from "./get-drill-report.ts";
import { renderDrillReportMarkdown } from "./render-drill-report-markdown.ts";
import { renderReportMarkdown } from "./render-report-markdown.ts";

describeDb("drill run report", (t) => {
  it("reports the run: score, late actions with why, the facilitator's notes, lessons as follow-ups and each incident", async () => {
    const { run, incident, facilitator } = await seedDrillRun(t.db, { key: "DRL-2026-0101" });
    await t.db.drillRun.update({
      where: { id: run.id },
      data: { facilitatorNotes: "The approval sat with the commander: pre-approve quarantine." },
    });
    await inTransaction(t.db, (tx) => scoreDrillRun(tx, run.id));
    // A lesson becomes a follow-up on the drill's incident (the follow-ups domain as is).
    await createFollowUp(
      incident.key,
      { title: "Pre-approve quarantine for critical plugins" },
      actorOfUser(facilitator),
    );

    const r = await getDrillReport(run.id, { full: true }, t.db);
    expect(r.live).toBe(false);
    expect(r.score.overall).toBe(43);
    expect(r.late.map((a) => [a.id, a.outcome])).toEqual([
      ["approve", "late"],
      ["revoke", "missed"],
    ]);
    expect(r.followUps.map((f) => f.title)).toEqual([
      "Pre-approve quarantine for critical plugins",
    ]);
    expect(r.incidents.map((i) => i.key)).toEqual([incident.key]);
    expect(r.participants).toContainEqual({
      role: "commander",
      userId: expect.any(String),
      name: "Dana Reyes",
    });

    const md = renderDrillReportMarkdown(JSON.parse(JSON.stringify(r)));
    expect(md).toContain("# Drill report — DRL-2026-0101: Sandbox escape across the fleet");
    expect(md).toContain("## Score: 43 / 100");
    expect(md).toContain(
      '- **Quarantine approved ≤ 5 min** — late by 4 m 00 s: step "Approve quarantining the plugin fleet-wide" became ready at T+01:40; the approval waited 7 m 30 s for commander (Dana Reyes)',
    );
    expect(md).toContain("The approval sat with the commander: pre-approve quarantine.");
    expect(md).toContain("| DRL-2026-0101 (this run) |");
    // The incident's own report follows, one heading level down, and says it was a drill.
    expect(md).toContain(`## After-action report — ${incident.key} (DRILL)`);
    expect(md).toContain("DRILL — part of DRL-2026-0101");

    const inc = await getAfterActionReport(incident.key, t.db);
    expect(inc.incident.drillRun).toMatchObject({ id: run.id, key: "DRL-2026-0101" });
    expect(renderReportMarkdown(inc)).toContain("not a real incident");

    await expect(getDrillReport("nope", {}, t.db)).rejects.toMatchObject({ code: "invalid_input" });
  });
});
