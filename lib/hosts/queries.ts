import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { EnrollmentTokenDto } from "./enrollment-token-dto.ts";
import type { findPluginFleet } from "./find-plugin-fleet.ts";
import type { getHost } from "./get-host.ts";
import type { listHosts } from "./list-hosts.ts";
import type { listPluginNames } from "./list-plugin-names.ts";
import type { Connectivity } from "./schemas.ts";

// Client-side data hooks for hosts. The *Json types are the server functions' results as JSON
// delivers them (Dates as strings), derived rather than copied so the two cannot drift.
export type { Connectivity };
export type HostRowJson = Jsonify<Awaited<ReturnType<typeof listHosts>>["hosts"][number]>;
export type HostDetailJson = Jsonify<Awaited<ReturnType<typeof getHost>>>;
export type PluginJson = HostDetailJson["plugins"][number];
export type PluginFleetJson = Jsonify<Awaited<ReturnType<typeof findPluginFleet>>>;
export type EnrollmentTokenJson = Jsonify<EnrollmentTokenDto>;
type PluginNames = Jsonify<Awaited<ReturnType<typeof listPluginNames>>>;
export type FleetFilter = {
  name?: string;
  version?: string;
  sha256?: string;
  signer?: string;
  origin?: string;
  state?: string;
};
export type HostFilter = { q?: string; connectivity?: Connectivity | "" };

const qs = (o: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v) p.set(k, v);
  return p.toString();
};

export const hostKeys = {
  all: ["hosts"] as const,
  list: (f: HostFilter) => [...hostKeys.all, "list", f] as const,
  detail: (id: string) => [...hostKeys.all, "detail", id] as const,
  fleet: (f: FleetFilter) => [...hostKeys.all, "fleet", f] as const,
  pluginNames: () => [...hostKeys.all, "plugin-names"] as const,
  tokens: () => ["enrollment-tokens"] as const,
};

const LIVE_MS = 5_000;

export function useHosts(f: HostFilter) {
  return useQuery({
    queryKey: hostKeys.list(f),
    queryFn: () =>
      apiFetch<{ hosts: HostRowJson[]; total: number }>(
        `/api/v1/hosts?${qs({ q: f.q, connectivity: f.connectivity || undefined })}`,
      ),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useHost(id: string) {
  return useQuery({
    queryKey: hostKeys.detail(id),
    queryFn: () => apiFetch<HostDetailJson>(`/api/v1/hosts/${encodeURIComponent(id)}`),
    refetchInterval: LIVE_MS,
  });
}

export function usePluginFleet(f: FleetFilter) {
  return useQuery({
    queryKey: hostKeys.fleet(f),
    queryFn: () => apiFetch<PluginFleetJson>(`/api/v1/plugins/fleet?${qs(f)}`),
    enabled: Boolean(f.name || f.sha256),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}

export function usePluginNames() {
  return useQuery({
    queryKey: hostKeys.pluginNames(),
    queryFn: () => apiFetch<{ plugins: PluginNames }>("/api/v1/plugins/names"),
    staleTime: 30_000,
  });
}

export function useRevokeHost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/v1/hosts/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: hostKeys.all }),
  });
}

export function useEnrollmentTokens() {
  return useQuery({
    queryKey: hostKeys.tokens(),
    queryFn: () => apiFetch<{ tokens: EnrollmentTokenJson[] }>("/api/v1/enrollment-tokens"),
    refetchInterval: 10_000,
  });
}

export function useCreateEnrollmentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { label: string; expiresInSeconds: number; maxUses: number }) =>
      apiFetch<EnrollmentTokenJson & { token: string }>("/api/v1/enrollment-tokens", {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: hostKeys.tokens() }),
  });
}

export function useRevokeEnrollmentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/v1/enrollment-tokens/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: hostKeys.tokens() }),
  });
}
