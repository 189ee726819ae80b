import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { FollowUpItem } from "./list-follow-ups.ts";

export type FollowUpRow = Jsonify<FollowUpItem>;

export const followUpKeys = {
  all: ["follow-ups"] as const,
  list: (status: string) => [...followUpKeys.all, "list", status] as const,
  incident: (ref: string) => [...followUpKeys.all, "incident", ref] as const,
};

export function useFollowUps(status: string, initial?: FollowUpRow[]) {
  return useQuery({
    queryKey: followUpKeys.list(status),
    queryFn: () => apiFetch<{ items: FollowUpRow[] }>(`/api/v1/follow-ups?status=${status}`),
    initialData: initial ? { items: initial } : undefined,
    refetchInterval: 30_000,
  });
}

export function useIncidentFollowUps(ref: string, initial?: FollowUpRow[]) {
  return useQuery({
    queryKey: followUpKeys.incident(ref),
    queryFn: () =>
      apiFetch<{ items: FollowUpRow[] }>(`/api/v1/incidents/${encodeURIComponent(ref)}/follow-ups`),
    initialData: initial ? { items: initial } : undefined,
  });
}

export function useCreateFollowUp(ref: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; ownerId?: string | null; dueAt?: string | null }) =>
      apiFetch(`/api/v1/incidents/${encodeURIComponent(ref)}/follow-ups`, {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: followUpKeys.all }),
  });
}

export function useUpdateFollowUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      status?: string;
      ownerId?: string | null;
      dueAt?: string | null;
      title?: string;
    }) => apiFetch(`/api/v1/follow-ups/${id}`, { method: "PATCH", body: JSON.stringify(body) }),
    onSettled: () => qc.invalidateQueries({ queryKey: followUpKeys.all }),
  });
}

export function useProposePlaybookChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ draftId: string; slug: string; baseVersion: number }>(
        `/api/v1/follow-ups/${id}/playbook-draft`,
        { method: "POST" },
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: followUpKeys.all }),
  });
}
