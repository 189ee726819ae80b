import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { incidentKeys } from "../incidents/queries.ts";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { IncidentPlaybookView } from "./get-incident-playbook.ts";

export type IncidentPlaybook = Jsonify<IncidentPlaybookView> & { me: { id: string; role: string } };
export type RunStep = IncidentPlaybook["runs"][number]["steps"][number];
export type Issue = { path: string; message: string; line?: number };
export type DraftView = {
  draft: {
    id: string;
    slug: string;
    baseVersion: number | null;
    content: string;
    publishedAt: string | null;
    updatedAt: string;
  };
  issues: Issue[];
  diff: DiffItem[];
  nextVersion: number;
  publishedVersion: number | null;
};
export type DiffItem = { kind: string; path: string; before?: unknown; after?: unknown };

export const playbookKeys = {
  all: ["playbooks"] as const,
  list: () => [...playbookKeys.all, "list"] as const,
  version: (slug: string, v: number) => [...playbookKeys.all, "version", slug, v] as const,
  draft: (id: string) => [...playbookKeys.all, "draft", id] as const,
  compare: (slug: string, from: number, to: number) =>
    [...playbookKeys.all, "compare", slug, from, to] as const,
  incident: (ref: string) => [...playbookKeys.all, "incident", ref] as const,
};

const LIVE_MS = 2_000;

export function useIncidentPlaybook(ref: string) {
  return useQuery({
    queryKey: playbookKeys.incident(ref),
    queryFn: () =>
      apiFetch<IncidentPlaybook>(`/api/v1/incidents/${encodeURIComponent(ref)}/playbook`),
    refetchInterval: LIVE_MS,
  });
}

function useInvalidate(ref: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: playbookKeys.incident(ref) }),
      qc.invalidateQueries({ queryKey: incidentKeys.all }),
    ]);
}

export function useStepAction(ref: string) {
  const invalidate = useInvalidate(ref);
  return useMutation({
    mutationFn: ({ stepId, body }: { stepId: string; body: Record<string, unknown> }) =>
      apiFetch(`/api/v1/playbook-steps/${stepId}`, { method: "POST", body: JSON.stringify(body) }),
    onSettled: invalidate,
  });
}

export function useAssignRole(ref: string) {
  const invalidate = useInvalidate(ref);
  return useMutation({
    mutationFn: (body: { key: string; userId: string | null }) =>
      apiFetch(`/api/v1/incidents/${encodeURIComponent(ref)}/roles`, {
        method: "PUT",
        body: JSON.stringify(body),
      }),
    onSettled: invalidate,
  });
}

export function useStartPlaybook(ref: string) {
  const invalidate = useInvalidate(ref);
  return useMutation({
    mutationFn: (slug: string) =>
      apiFetch(`/api/v1/incidents/${encodeURIComponent(ref)}/playbook`, {
        method: "POST",
        body: JSON.stringify({ slug }),
      }),
    onSettled: invalidate,
  });
}

export function useDraft(id: string) {
  return useQuery({
    queryKey: playbookKeys.draft(id),
    queryFn: () => apiFetch<DraftView>(`/api/v1/playbooks/drafts/${id}`),
  });
}

export function useCompareVersions(slug: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: playbookKeys.compare(slug, from ?? 0, to ?? 0),
    queryFn: () =>
      apiFetch<{ diff: DiffItem[] }>(
        `/api/v1/playbooks/${encodeURIComponent(slug)}/compare?from=${from}&to=${to}`,
      ),
    enabled: from !== null && to !== null,
  });
}
