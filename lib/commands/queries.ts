// TanStack Query hooks for commands (client-only). Live: lists and details poll every 2 s
// while open, so a responder watches delivered → acknowledged → succeeded happen.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { getCommandOrThrow, listCommands } from "./list-commands.ts";

export type CommandFilters = {
  status?: string;
  type?: string;
  hostId?: string;
  incidentId?: string;
  requestId?: string;
};
// The server functions' results as JSON delivers them, derived so they cannot drift.
type CommandList = Jsonify<Awaited<ReturnType<typeof listCommands>>>;
export type CommandListRow = CommandList["items"][number];
export type CommandDetailDto = Jsonify<Awaited<ReturnType<typeof getCommandOrThrow>>>;

export const commandKeys = {
  all: ["commands"] as const,
  list: (f: CommandFilters) => [...commandKeys.all, "list", f] as const,
  detail: (id: string) => [...commandKeys.all, "detail", id] as const,
};

const qs = (f: CommandFilters) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();

export function useCommands(f: CommandFilters) {
  return useQuery({
    queryKey: commandKeys.list(f),
    queryFn: () => apiFetch<CommandList>(`/api/v1/commands?${qs(f)}`),
    refetchInterval: 2000,
  });
}

export function useCommand(id: string) {
  return useQuery({
    queryKey: commandKeys.detail(id),
    queryFn: () => apiFetch<CommandDetailDto>(`/api/v1/commands/${id}`),
    refetchInterval: 2000,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: commandKeys.all }),
  });
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
  useInvalidating((b: IssueBody) =>
    apiFetch<{ requestId: string; approval: string; commandIds: string[] }>("/api/v1/commands", {
      method: "POST",
      body: JSON.stringify(b),
    }),
  );
export const useApproveRequest = () =>
  useInvalidating((v: { requestId: string; comment?: string }) =>
    apiFetch(`/api/v1/command-requests/${v.requestId}/approve`, {
      method: "POST",
      body: JSON.stringify({ comment: v.comment }),
    }),
  );
export const useRejectRequest = () =>
  useInvalidating((v: { requestId: string; reason: string }) =>
    apiFetch(`/api/v1/command-requests/${v.requestId}/reject`, {
      method: "POST",
      body: JSON.stringify({ reason: v.reason }),
    }),
  );
export const useCancelCommand = () =>
  useInvalidating((v: { id: string; reason: string }) =>
    apiFetch(`/api/v1/commands/${v.id}/cancel`, {
      method: "POST",
      body: JSON.stringify({ reason: v.reason }),
    }),
  );
export const useExtendTimeBox = () =>
  useInvalidating((v: { requestId: string; seconds: number }) =>
    apiFetch(`/api/v1/command-requests/${v.requestId}/extend`, {
      method: "POST",
      body: JSON.stringify({ seconds: v.seconds }),
    }),
  );

/** What the request's approval means for this one command: a cancelled command of a still
 *  pending request is not "approval pending" any more. */
export function approvalLabel(
  status: string,
  r: Pick<
    CommandListRow["request"],
    "approval" | "approvedByLabel" | "rejectedByLabel" | "rejectionReason"
  >,
): string {
  if (r.approval === "rejected") return `rejected by ${r.rejectedByLabel}: ${r.rejectionReason}`;
  if (r.approval === "pending")
    return status === "awaiting_approval"
      ? "pending"
      : `pending for the rest of the request (this command is ${status})`;
  return `${r.approval.replace("_", " ")}${r.approvedByLabel ? ` by ${r.approvedByLabel}` : ""}`;
}
