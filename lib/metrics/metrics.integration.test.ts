import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { EXPECTED, FIXTURE_RANGE, seedMetricsIncidents } from "../../test/metrics-fixtures.ts";
import { exportIncidentMetrics } from "./export-incident-metrics.ts";
import { getMetricsDashboard } from "./get-metrics-dashboard.ts";
import { summarize } from "./stats.ts";

/** A small RFC 4180 reader, enough for what toCsv writes. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

describeDb("metrics", (t) => {
  it("computes the four figures from machine timestamps, drills excluded, with the fallback labelled", async () => {
    await seedMetricsIncidents(t.db);
    const d = await getMetricsDashboard(FIXTURE_RANGE);
    expect(d.incidents).toBe(4);
    const card = Object.fromEntries(d.cards.map((c) => [c.figure, c.now]));
    expect(card).toEqual(EXPECTED);
    expect(d.containmentByTransition).toBe(1);
    expect(d.reopened).toBe(1);
    expect(d.cards.every((c) => c.before.count === 0 && c.change.seconds === null)).toBe(true);
    expect(d.curve).toEqual({
      hosts: 5,
      contained: 3,
      points: [
        { minute: 0, contained: 0, share: 0 },
        { minute: 5, contained: 1, share: 0.2 },
        { minute: 10, contained: 2, share: 0.4 },
        { minute: 20, contained: 3, share: 0.6 },
      ],
    });
    expect(d.outcomes.byType).toEqual([
      { type: "isolate_host", succeeded: 1, failed: 0, rejected: 0, expired: 0 },
      { type: "revoke_permissions", succeeded: 2, failed: 0, rejected: 1, expired: 0 },
    ]);
    expect(d.slas).toEqual([
      {
        playbook: "sandbox-escape",
        step: "triage",
        title: "Triage",
        runs: 4,
        breaches: 1,
        escalated: 1,
        escalations: 1,
      },
    ]);
    expect(d.topPlugins).toEqual([
      { plugin: "acme-pdf", incidents: 3 },
      { plugin: "other-plugin", incidents: 1 },
    ]);
    expect(d.trend.map((w) => [w.week, w.incidents])).toEqual([
      ["2026-10-26", 0],
      ["2026-11-02", 4],
    ]);
    expect(d.trend[1].mttcP50).toBe(900);
  });

  it("mixes drills in only when asked, and filters by plugin and playbook", async () => {
    expect((await getMetricsDashboard({ ...FIXTURE_RANGE, drills: "include" })).incidents).toBe(5);
    const drills = await getMetricsDashboard({ ...FIXTURE_RANGE, drills: "only" });
    expect(drills.incidents).toBe(1);
    expect(drills.cards.find((c) => c.figure === "mttr")!.now).toEqual({
      count: 1,
      p50: 20,
      p90: 20,
      mean: 20,
    });
    expect(
      (await getMetricsDashboard({ ...FIXTURE_RANGE, plugin: "other-plugin" })).incidents,
    ).toBe(1);
    expect(
      (await getMetricsDashboard({ ...FIXTURE_RANGE, playbook: "no-such-playbook" })).incidents,
    ).toBe(0);
    expect((await getMetricsDashboard({ ...FIXTURE_RANGE, severity: "low" })).incidents).toBe(0);
  });

  it("the CSV recomputes to exactly the cards", async () => {
    const d = await getMetricsDashboard(FIXTURE_RANGE);
    const out = await exportIncidentMetrics(FIXTURE_RANGE, "csv");
    if (out.kind !== "csv") throw new Error("expected csv");
    const rows = parseCsv(out.csv);
    expect(rows.map((r) => r.key)).toEqual([
      "INC-2026-0901",
      "INC-2026-0902",
      "INC-2026-0903",
      "INC-2026-0904",
    ]);
    expect(rows.find((r) => r.key === "INC-2026-0903")!.containment_basis).toBe("transition");
    const num = (v: string) => (v === "" ? null : Number(v));
    for (const c of d.cards)
      expect(summarize(rows.map((r) => num(r[`${c.figure}_seconds`])))).toEqual(c.now);
  });

  it("refuses a bad filter with field reasons", async () => {
    await expect(getMetricsDashboard({ range: "custom" })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(getMetricsDashboard({ tz: "Mars/Olympus" })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(
      getMetricsDashboard({
        range: "custom",
        from: "2026-11-08T00:00:00Z",
        to: "2026-11-01T00:00:00Z",
      }),
    ).rejects.toMatchObject({ name: "ZodError" });
  });
});
