import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { IncidentDetail } from "./get-incident.ts";
import type { IncidentEventsPage } from "./list-incident-events.ts";
import type { IncidentListItem } from "./list-incidents.ts";
import type { IncidentStatus } from "./transitions.ts";

// Dates arrive as ISO strings over JSON.
export type IncidentRow = Jsonify<IncidentListItem>;
export type IncidentView = Jsonify<IncidentDetail>;
export type IncidentEvents = Jsonify<IncidentEventsPage>;
export type IncidentEventFilters = {
  host?: string;
  type?: string;
  severity?: string;
  page?: number;
  pageSize?: number;
};
export type IncidentFilters = {
  status?: string;
  severity?: string;
  plugin?: string;
  host?: string;
  q?: string;
  page?: number;
};

// Live views poll: a new incident must show up within 2 s without a reload.
export const LIVE_MS = 1_000;

export const incidentKeys = {
  all: ["incidents"] as const,
  lists: () => [...incidentKeys.all, "list"] as const,
  list: (f: IncidentFilters) => [...incidentKeys.lists(), f] as const,
  detail: (ref: string) => [...incidentKeys.all, "detail", ref] as const,
  events: (ref: string, f: IncidentEventFilters) =>
    [...incidentKeys.all, "events", ref, f] as const,
};

/** One page of the event stream; the first page stays live, older pages hold still to read. */
export function useIncidentEvents(ref: string, f: IncidentEventFilters) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
  return useQuery({
    queryKey: incidentKeys.events(ref, f),
    queryFn: () =>
      apiFetch<IncidentEvents>(`/api/v1/incidents/${encodeURIComponent(ref)}/events?${p}`),
    refetchInterval: (f.page ?? 1) === 1 ? 5_000 : false,
    placeholderData: keepPreviousData,
  });
}

export function useIncidents(filters: IncidentFilters) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, String(v));
  return useQuery({
    queryKey: incidentKeys.list(filters),
    queryFn: () =>
      apiFetch<{ incidents: IncidentRow[]; total: number; page: number; pageSize: number }>(
        `/api/v1/incidents?${p}`,
      ),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useIncident(ref: string) {
  return useQuery({
    queryKey: incidentKeys.detail(ref),
    queryFn: () => apiFetch<IncidentView>(`/api/v1/incidents/${encodeURIComponent(ref)}`),
    refetchInterval: LIVE_MS,
  });
}

export function useTransitionIncident(ref: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { from: IncidentStatus; to: IncidentStatus; note?: string }) =>
      apiFetch<{ status: IncidentStatus }>(
        `/api/v1/incidents/${encodeURIComponent(ref)}/transitions`,
        { method: "POST", body: JSON.stringify(body) },
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

/** One write on an incident's sub-resource; every incident view refetches when it settles
 *  (the live feed would tell them too, but the person who clicked should not wait for it). */
function useIncidentWrite<B>(ref: string, path: string, method: "POST" | "DELETE" = "POST") {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) =>
      apiFetch<unknown>(`/api/v1/incidents/${encodeURIComponent(ref)}/${path}`, {
        method,
        body: JSON.stringify(body),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

export const useCommentIncident = (ref: string) =>
  useIncidentWrite<{ text: string }>(ref, "comments");
export const useChangeSeverity = (ref: string) =>
  useIncidentWrite<{ severity: string; reason?: string }>(ref, "severity");
export const useLinkIncident = (ref: string) =>
  useIncidentWrite<{ incident: string }>(ref, "links");
export const useUnlinkIncident = (ref: string) =>
  useIncidentWrite<{ incident: string }>(ref, "links", "DELETE");
export const useMergeIncident = (ref: string) =>
  useIncidentWrite<{ into: string; note?: string }>(ref, "merge");
