import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";

// Client-side data hooks for hosts. JSON turns Dates into strings, hence the *Json types.
export type Connectivity = "online" | "stale" | "offline";
export type HostRowJson = {
  id: string;
  hostname: string;
  os: string;
  agentVersion: string;
  status: "active" | "revoked";
  connectivity: Connectivity;
  isolation: "none" | "isolated";
  simulated: boolean;
  enrolledAt: string;
  lastSeenAt: string;
  openIncidents: number;
  plugins: number;
};
export type PluginJson = { name: string; version: string; origin: string; signer: string | null; sha256: string; permissions: string[]; state: string; updatedAt: string };
export type HostDetailJson = Omit<HostRowJson, "openIncidents" | "plugins"> & {
  revokedAt: string | null;
  isolationChangedAt: string | null;
  inventoryAt: string | null;
  enrollmentToken: { id: string; label: string } | null;
  plugins: PluginJson[];
  events: { id: string; eventId: string; type: string; severity: string; observedAt: string; receivedAt: string; pluginName: string | null; pluginVersion: string | null; incidentId: string | null }[];
  eventCount: number;
  incidents: { id: string; key: string; title: string; status: string; severity: string; openedAt: string; drill: boolean; firstSeenAt: string; lastSeenAt: string; hostEventCount: number }[];
};
export type FleetFilter = { name?: string; version?: string; sha256?: string; signer?: string; origin?: string; state?: string };
export type PluginFleetJson = {
  total: number;
  truncated: boolean;
  counts: { byState: Record<string, number>; byVersion: Record<string, number>; byVersionState: { version: string; state: string; hosts: number }[]; byBuild: { version: string; sha256: string; signer: string | null; hosts: number }[] };
  hosts: { hostId: string; hostname: string; os: string; hostStatus: string; isolation: string; connectivity: Connectivity; lastSeenAt: string; plugin: PluginJson }[];
};
export type EnrollmentTokenJson = {
  id: string;
  label: string;
  expiresAt: string;
  maxUses: number;
  uses: number;
  usesLeft: number;
  state: "active" | "expired" | "used_up" | "revoked";
  revokedAt: string | null;
  createdAt: string;
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
    queryFn: () => apiFetch<{ hosts: HostRowJson[]; total: number }>(`/api/v1/hosts?${qs({ q: f.q, connectivity: f.connectivity || undefined })}`),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
}

export function useHost(id: string) {
  return useQuery({ queryKey: hostKeys.detail(id), queryFn: () => apiFetch<HostDetailJson>(`/api/v1/hosts/${encodeURIComponent(id)}`), refetchInterval: LIVE_MS });
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
  return useQuery({ queryKey: hostKeys.pluginNames(), queryFn: () => apiFetch<{ plugins: { name: string; hosts: number }[] }>("/api/v1/plugins/names"), staleTime: 30_000 });
}

export function useRevokeHost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/hosts/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: hostKeys.all }),
  });
}

export function useEnrollmentTokens() {
  return useQuery({ queryKey: hostKeys.tokens(), queryFn: () => apiFetch<{ tokens: EnrollmentTokenJson[] }>("/api/v1/enrollment-tokens"), refetchInterval: 10_000 });
}

export function useCreateEnrollmentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { label: string; expiresInSeconds: number; maxUses: number }) =>
      apiFetch<EnrollmentTokenJson & { token: string }>("/api/v1/enrollment-tokens", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: hostKeys.tokens() }),
  });
}

export function useRevokeEnrollmentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/enrollment-tokens/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: hostKeys.tokens() }),
  });
}
