// TanStack Query hooks for commands (client-only). Live: lists and details poll every 2 s
// while open, so a responder watches delivered → acknowledged → succeeded happen.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";

export type CommandFilters = { status?: string; type?: string; hostId?: string; incidentId?: string; requestId?: string };
export type CommandListRow = {
  id: string;
  type: string;
  status: string;
  hostId: string;
  host: { hostname: string };
  incidentId: string | null;
  requestId: string;
  createdAt: string;
  queuedAt: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  succeededAt: string | null;
  failedAt: string | null;
  expiredAt: string | null;
  cancelledAt: string | null;
  expiresAt: string | null;
  deliveryCount: number;
  cancelRequestedAt: string | null;
  cancelRequestedBy: string | null;
  failureReason: string | null;
  containmentEndsAt: string | null;
  request: { comment: string; requestedById: string | null; requestedByLabel: string; approval: string; approvedByLabel: string | null; breakGlassReason: string | null; hostCount: number; incident: { key: string; title: string } | null };
};
export type CommandDetailDto = Omit<CommandListRow, "request"> & {
  params: unknown;
  kid: string | null;
  issuedAt: string | null;
  notBefore: string | null;
  leaseUntil: string | null;
  result: unknown;
  envelope: { payload: unknown; kid: string | null; signature: string | null } | null;
  request: CommandListRow["request"] & { id: string; requestedAt: string; approvedAt: string | null; durationSeconds: number | null; stepRunId: string | null; reverseOfId: string | null };
  receipts: { status: string; at: string; receivedAt: string; result: unknown; reason: string | null }[];
  step: { key: string; title: string; playbook: string } | null;
};

export const commandKeys = {
  all: ["commands"] as const,
  list: (f: CommandFilters) => [...commandKeys.all, "list", f] as const,
  detail: (id: string) => [...commandKeys.all, "detail", id] as const,
};

const qs = (f: CommandFilters) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

export function useCommands(f: CommandFilters) {
  return useQuery({
    queryKey: commandKeys.list(f),
    queryFn: () => apiFetch<{ items: CommandListRow[]; counts: Record<string, number> }>(`/api/v1/commands?${qs(f)}`),
    refetchInterval: 2000,
  });
}

export function useCommand(id: string) {
  return useQuery({ queryKey: commandKeys.detail(id), queryFn: () => apiFetch<CommandDetailDto>(`/api/v1/commands/${id}`), refetchInterval: 2000 });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: commandKeys.all }) });
}

export type IssueBody = {
  type: string;
  params: Record<string, unknown>;
  hostIds?: string[];
  fleet?: { plugin: { name: string; version?: string; sha256?: string } };
  comment: string;
  incidentId?: string;
  durationSeconds?: number;
  breakGlassReason?: string;
};
export const useIssueCommand = () =>
  useInvalidating((b: IssueBody) => apiFetch<{ requestId: string; approval: string; commandIds: string[] }>("/api/v1/commands", { method: "POST", body: JSON.stringify(b) }));
export const useApproveRequest = () =>
  useInvalidating((v: { requestId: string; comment?: string }) => apiFetch(`/api/v1/command-requests/${v.requestId}/approve`, { method: "POST", body: JSON.stringify({ comment: v.comment }) }));
export const useCancelCommand = () =>
  useInvalidating((v: { id: string; reason: string }) => apiFetch(`/api/v1/commands/${v.id}/cancel`, { method: "POST", body: JSON.stringify({ reason: v.reason }) }));
export const useExtendTimeBox = () =>
  useInvalidating((v: { requestId: string; seconds: number }) => apiFetch(`/api/v1/command-requests/${v.requestId}/extend`, { method: "POST", body: JSON.stringify({ seconds: v.seconds }) }));
