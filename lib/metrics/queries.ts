import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { MetricsDashboard } from "./get-metrics-dashboard.ts";

export type MetricsDashboardView = Jsonify<MetricsDashboard>;
export type MetricsFilters = {
  range: string;
  from?: string;
  to?: string;
  severity?: string;
  playbook?: string;
  plugin?: string;
  drills: string;
  tz: string;
};

export const metricsKeys = {
  all: ["metrics"] as const,
  dashboard: (f: MetricsFilters) => [...metricsKeys.all, "dashboard", f] as const,
};

export function metricsSearch(f: MetricsFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
  return p.toString();
}

export function useMetricsDashboard(f: MetricsFilters) {
  return useQuery({
    queryKey: metricsKeys.dashboard(f),
    queryFn: () => apiFetch<MetricsDashboardView>(`/api/v1/metrics/dashboard?${metricsSearch(f)}`),
    // Managers read this page; a minute is live enough and keeps the database quiet.
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}
