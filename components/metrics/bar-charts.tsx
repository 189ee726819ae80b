"use client";
import { Bar, BarChart } from "recharts";
import type { MetricsDashboardView } from "@/lib/metrics/queries";
import { across, ChartFrame } from "./chart-frame";
import { ChartPanel, DataTable, DOTTED, HATCHED } from "./chart-panel";

type D = MetricsDashboardView;
const OUTCOME_FILL = {
  succeeded: "var(--color-ok)",
  failed: "url(#pat-diag)",
  rejected: "url(#pat-dots)",
  expired: "url(#pat-cross)",
} as const;
const OUTCOMES = ["succeeded", "failed", "rejected", "expired"] as const;

export function StepSlaChart({ slas }: { slas: D["slas"] }) {
  const data = slas.map((s) => ({ ...s, label: `${s.playbook} · ${s.title}` }));
  return (
    <ChartPanel
      id="slas"
      title="SLA breaches and escalations by step"
      description="Where the team is slow: steps whose SLA was breached (hatched) or escalated (dotted)."
      empty={slas.length === 0 ? "No step breached its SLA in this range." : false}
      table={
        <DataTable
          head={["Playbook", "Step", "Runs", "Breached", "Escalations"]}
          rows={slas.map((s) => [s.playbook, s.title, s.runs, s.breaches, s.escalations])}
        />
      }
    >
      <ChartFrame chart={BarChart} data={data} {...across("label", 150)} patterns legend>
        <Bar dataKey="breaches" name="SLA breached" {...HATCHED} isAnimationActive={false} />
        <Bar dataKey="escalations" name="escalations" {...DOTTED} isAnimationActive={false} />
      </ChartFrame>
    </ChartPanel>
  );
}

export function OpenByAgeChart({ openByAge }: { openByAge: D["openByAge"] }) {
  const total = openByAge.reduce((n, b) => n + b.open + b.acknowledged + b.contained, 0);
  return (
    <ChartPanel
      id="open-age"
      title="Open incidents by status and age"
      description={`Right now: ${total} not yet recovered. Open (hatched), acknowledged (dotted), contained (solid).`}
      empty={total === 0 ? "Nothing open right now." : false}
      table={
        <DataTable
          head={["Age", "Open", "Acknowledged", "Contained"]}
          rows={openByAge.map((b) => [b.age, b.open, b.acknowledged, b.contained])}
        />
      }
    >
      <ChartFrame
        chart={BarChart}
        data={openByAge}
        margin={{ top: 4, right: 8, bottom: 0, left: -16 }}
        x={{ dataKey: "age" }}
        y={{ allowDecimals: false }}
        patterns
        legend
      >
        <Bar dataKey="open" stackId="s" {...HATCHED} isAnimationActive={false} />
        <Bar dataKey="acknowledged" stackId="s" {...DOTTED} isAnimationActive={false} />
        <Bar dataKey="contained" stackId="s" fill="var(--color-ok)" isAnimationActive={false} />
      </ChartFrame>
    </ChartPanel>
  );
}

export function TopPluginsChart({ plugins }: { plugins: D["topPlugins"] }) {
  return (
    <ChartPanel
      id="plugins"
      title="Top plugins by incidents"
      description="Plugins behind the most incidents opened in this range."
      empty={plugins.length === 0 ? "No incidents in this range." : false}
      table={
        <DataTable
          head={["Plugin", "Incidents"]}
          rows={plugins.map((p) => [p.plugin, p.incidents])}
        />
      }
    >
      <ChartFrame chart={BarChart} data={plugins} {...across("plugin", 140)}>
        <Bar dataKey="incidents" fill="var(--color-accent)" isAnimationActive={false} />
      </ChartFrame>
    </ChartPanel>
  );
}

export function CommandOutcomesChart({
  outcomes,
  by,
}: {
  outcomes: D["outcomes"];
  by: "type" | "agentVersion";
}) {
  const pick = ({
    succeeded,
    failed,
    rejected,
    expired,
  }: Record<(typeof OUTCOMES)[number], number>) => ({ succeeded, failed, rejected, expired });
  const data =
    by === "type"
      ? outcomes.byType.map((r) => ({ ...pick(r), label: r.type }))
      : outcomes.byAgentVersion.map((r) => ({ ...pick(r), label: `agent ${r.agentVersion}` }));
  return (
    <ChartPanel
      id={`outcomes-${by}`}
      title={by === "type" ? "Command outcomes by type" : "Command outcomes by agent version"}
      description="Finished commands: succeeded (solid), failed (hatched), rejected by the agent (dotted), expired unanswered (crossed)."
      empty={data.length === 0 ? "No finished commands in this range." : false}
      table={
        <DataTable
          head={[by === "type" ? "Type" : "Agent version", ...OUTCOMES]}
          rows={data.map((r) => [r.label, ...OUTCOMES.map((o) => r[o])])}
        />
      }
    >
      <ChartFrame chart={BarChart} data={data} {...across("label", 140)} patterns legend>
        {OUTCOMES.map((o) => (
          <Bar
            key={o}
            dataKey={o}
            stackId="s"
            fill={OUTCOME_FILL[o]}
            stroke={o === "succeeded" ? undefined : "var(--color-line)"}
            isAnimationActive={false}
          />
        ))}
      </ChartFrame>
    </ChartPanel>
  );
}
