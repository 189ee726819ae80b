// TanStack Query hooks for drills (client-only), with their key factory. The run, list and
// scenario shapes are the API's JSON views (views.ts); score and comparison are the server
// functions' results as JSON delivers them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { compareDrillRuns } from "./compare-drill-runs.ts";
import type { DrillRunSummary, DrillRunView, DrillScore, ScenarioSummary } from "./views.ts";

export type DrillComparisonData = Jsonify<Awaited<ReturnType<typeof compareDrillRuns>>>;
export type StartDrillBody = {
  scenario: string;
  speed: number;
  participants: { userId: string; role: string }[];
};

export const drillKeys = {
  all: ["drills"] as const,
  scenarios: () => [...drillKeys.all, "scenarios"] as const,
  runs: (scenario?: string) => [...drillKeys.all, "runs", scenario ?? "all"] as const,
  run: (id: string) => [...drillKeys.all, "run", id] as const,
  score: (id: string) => [...drillKeys.all, "run", id, "score"] as const,
  comparison: (id: string) => [...drillKeys.all, "run", id, "comparison"] as const,
};

const enc = encodeURIComponent;

export function useScenarios() {
  return useQuery({
    queryKey: drillKeys.scenarios(),
    queryFn: () => apiFetch<ScenarioSummary[]>("/api/v1/drills/scenarios"),
  });
}

export function useDrillRuns() {
  return useQuery({
    queryKey: drillKeys.runs(),
    queryFn: () => apiFetch<DrillRunSummary[]>("/api/v1/drills"),
    refetchInterval: 5_000,
  });
}

/** A running drill changes by itself (injects fire, hosts drop): poll while it runs. */
export function useDrillRun(id: string) {
  return useQuery({
    queryKey: drillKeys.run(id),
    queryFn: () => apiFetch<DrillRunView>(`/api/v1/drills/${enc(id)}`),
    refetchInterval: (q) => (q.state.data?.status === "ended" ? false : 2_000),
  });
}

export function useDrillScore(id: string, running: boolean) {
  return useQuery({
    queryKey: drillKeys.score(id),
    queryFn: () =>
      apiFetch<{ live: boolean; score: DrillScore }>(`/api/v1/drills/${enc(id)}/score`),
    refetchInterval: running ? 5_000 : false,
  });
}

export function useDrillComparison(id: string, enabled: boolean) {
  return useQuery({
    queryKey: drillKeys.comparison(id),
    queryFn: () => apiFetch<DrillComparisonData>(`/api/v1/drills/${enc(id)}/comparison`),
    enabled,
  });
}

export function useStartDrill() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StartDrillBody) =>
      apiFetch<DrillRunView>("/api/v1/drills", { method: "POST", body: JSON.stringify(body) }),
    onSettled: () => qc.invalidateQueries({ queryKey: drillKeys.all }),
  });
}

export type DrillControl =
  | { action: "pause" | "resume" | "end" }
  | { action: "speed"; speed: number }
  | { action: "notes"; notes: string };

/** Pause, resume, speed, end and notes: one hook, each a POST (PUT for notes) on the run. */
export function useDrillControl(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: DrillControl) =>
      apiFetch<DrillRunView>(`/api/v1/drills/${enc(id)}/${c.action}`, {
        method: c.action === "notes" ? "PUT" : "POST",
        body:
          c.action === "speed"
            ? JSON.stringify({ speed: c.speed })
            : c.action === "notes"
              ? JSON.stringify({ notes: c.notes })
              : JSON.stringify({}),
      }),
    onSuccess: (view) => qc.setQueryData(drillKeys.run(id), view),
    onSettled: () => qc.invalidateQueries({ queryKey: drillKeys.all }),
  });
}
