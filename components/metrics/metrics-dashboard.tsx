"use client";
import { useMemo, useState } from "react";
import { FilterSelect } from "@/components/ui/filter-select";
import { InputField, SelectField } from "@/components/ui/input";
import { type MetricsFilters, metricsSearch, useMetricsDashboard } from "@/lib/metrics/queries";
import { SEVERITIES } from "@/lib/protocol/events";
import { CommandOutcomesChart, OpenByAgeChart, StepSlaChart, TopPluginsChart } from "./bar-charts";
import { ContainmentCurveChart } from "./containment-curve-chart";
import { FigureCards } from "./figure-cards";
import { TrendChart } from "./trend-chart";

const viewerZone = () =>
  (typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC") || "UTC";

/** A drop-down whose first choice clears its filter; its id is `mf-<key>`. */
type FilterRow = {
  key: "severity" | "playbook" | "plugin";
  label: string;
  options: readonly string[];
  extra?: React.ReactNode;
};

/** The manager's Monday page: filters, the four figures, and the charts behind them. */
export function MetricsDashboard({
  playbooks,
  plugins,
}: {
  playbooks: string[];
  plugins: string[];
}) {
  const [f, setF] = useState<MetricsFilters>(() => ({
    range: "30d",
    drills: "exclude",
    tz: viewerZone(),
  }));
  const filters = useMemo(
    () => (f.range === "custom" ? f : { ...f, from: undefined, to: undefined }),
    [f],
  );
  const q = useMetricsDashboard(filters);
  const d = q.data;
  const set = (patch: Partial<MetricsFilters>) => setF((x) => ({ ...x, ...patch }));
  const filterSelects: FilterRow[] = [
    {
      key: "severity",
      label: "Severity",
      options: SEVERITIES,
      extra: <option value="high,critical">high + critical</option>,
    },
    { key: "playbook", label: "Playbook", options: playbooks },
    { key: "plugin", label: "Plugin", options: plugins },
  ];
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Metrics filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          id="mf-range"
          label="Range"
          value={f.range}
          onChange={(e) => set({ range: e.target.value })}
        >
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="90d">Last 90 days</option>
          <option value="custom">Custom…</option>
        </SelectField>
        {f.range === "custom" ? (
          <>
            <DayInput
              id="mf-from"
              label="From"
              value={f.from}
              time="T00:00:00Z"
              onChange={(from) => set({ from })}
            />
            <DayInput
              id="mf-to"
              label="To"
              value={f.to}
              time="T23:59:59Z"
              onChange={(to) => set({ to })}
            />
          </>
        ) : null}
        {filterSelects.map((s) => (
          <FilterSelect
            key={s.key}
            id={`mf-${s.key}`}
            label={s.label}
            value={f[s.key]}
            onChange={(v) => set({ [s.key]: v })}
            options={s.options}
            extra={s.extra}
          />
        ))}
        <SelectField
          id="mf-drills"
          label="Incidents"
          value={f.drills}
          onChange={(e) => set({ drills: e.target.value })}
        >
          <option value="exclude">Real only</option>
          <option value="only">Drills only</option>
          <option value="include">Real and drills</option>
        </SelectField>
        <SelectField
          id="mf-tz"
          label="Weeks in"
          value={f.tz}
          onChange={(e) => set({ tz: e.target.value })}
        >
          <option value={viewerZone()}>{viewerZone()} (yours)</option>
          {viewerZone() !== "UTC" ? <option value="UTC">UTC</option> : null}
        </SelectField>
        <a
          className="rounded-md border border-line bg-panel-2 px-3 py-1.5 text-sm hover:bg-line"
          href={`/api/v1/metrics/incidents?${metricsSearch({ ...filters, format: "csv" } as MetricsFilters)}`}
          download
        >
          Export CSV
        </a>
        <p className="text-xs text-muted" aria-live="polite">
          {q.isFetching
            ? "updating…"
            : d
              ? `${d.incidents} incident(s) · ${new Date(d.filter.from).toISOString().slice(0, 10)} → ${new Date(d.filter.to).toISOString().slice(0, 10)}`
              : ""}
        </p>
      </form>
      {q.error ? (
        <p role="alert" className="text-sm text-danger">
          {(q.error as Error).message}
        </p>
      ) : null}
      {d && f.drills !== "exclude" ? (
        <p className="rounded border border-warn/50 px-3 py-2 text-sm text-warn">
          {f.drills === "only"
            ? "Showing drills only — these are rehearsals, not real incidents."
            : "Drills are mixed into these numbers."}
        </p>
      ) : null}
      {d ? (
        <>
          <FigureCards d={d} />
          <div className="grid gap-3 lg:grid-cols-2">
            <TrendChart trend={d.trend} tz={d.filter.tz} />
            <ContainmentCurveChart curve={d.curve} />
            <StepSlaChart slas={d.slas} />
            <OpenByAgeChart openByAge={d.openByAge} />
            <TopPluginsChart plugins={d.topPlugins} />
            <CommandOutcomesChart outcomes={d.outcomes} by="type" />
            <CommandOutcomesChart outcomes={d.outcomes} by="agentVersion" />
          </div>
        </>
      ) : q.isLoading ? (
        <div
          className="h-2 w-full overflow-hidden rounded bg-panel-2"
          role="progressbar"
          aria-label="Loading metrics"
        >
          <div className="h-2 w-1/3 animate-pulse bg-accent" />
        </div>
      ) : null}
    </div>
  );
}

/** A date picker for one end of the custom range: the day, at `time` in UTC. */
function DayInput({
  id,
  label,
  value,
  time,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  time: string;
  onChange: (iso: string | undefined) => void;
}) {
  return (
    <InputField
      id={id}
      label={label}
      type="date"
      value={value?.slice(0, 10) ?? ""}
      onChange={(e) => onChange(e.target.value ? `${e.target.value}${time}` : undefined)}
    />
  );
}
