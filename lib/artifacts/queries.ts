import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { getCustodyReport } from "./custody-report.ts";
import type { ArtifactDto, ArtifactKind, CustodyEntryDto, CustodyVerification } from "./schemas.ts";

export type ArtifactDetailDto = {
  artifact: ArtifactDto;
  custody: CustodyEntryDto[];
  verification: CustodyVerification;
};
export type RetentionRowDto = {
  kind: ArtifactKind;
  days: number;
  isDefault: boolean;
  updatedAt: string | null;
};

export const artifactKeys = {
  all: ["artifacts"] as const,
  list: (incidentId?: string) => [...artifactKeys.all, "list", incidentId ?? ""] as const,
  detail: (id: string) => [...artifactKeys.all, "detail", id] as const,
  retention: () => [...artifactKeys.all, "retention"] as const,
  report: (incidentRef: string) => [...artifactKeys.all, "report", incidentRef] as const,
};

// Artifacts arrive from agents at any time and custody grows with every touch: poll.
export function useArtifacts(incidentId?: string) {
  return useQuery({
    queryKey: artifactKeys.list(incidentId),
    queryFn: () =>
      apiFetch<{ artifacts: ArtifactDto[] }>(
        `/api/v1/artifacts${incidentId ? `?incidentId=${encodeURIComponent(incidentId)}` : ""}`,
      ),
    refetchInterval: 5_000,
  });
}

export function useArtifact(id: string) {
  return useQuery({
    queryKey: artifactKeys.detail(id),
    queryFn: () => apiFetch<ArtifactDetailDto>(`/api/v1/artifacts/${id}`),
    refetchInterval: 5_000,
  });
}

export function useDeleteArtifact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      apiFetch(`/api/v1/artifacts/${id}`, { method: "DELETE", body: JSON.stringify({ reason }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: artifactKeys.all }),
  });
}

export function useLegalHold(incidentRef: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ apply, reason }: { apply: boolean; reason: string }) =>
      apiFetch(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/legal-hold`, {
        method: apply ? "POST" : "DELETE",
        body: JSON.stringify({ reason }),
      }),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useRetention() {
  return useQuery({
    queryKey: artifactKeys.retention(),
    queryFn: () => apiFetch<{ policies: RetentionRowDto[] }>("/api/v1/artifacts/retention"),
  });
}

export function useUpdateRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (policies: { kind: ArtifactKind; days: number }[]) =>
      apiFetch<{ policies: RetentionRowDto[] }>("/api/v1/artifacts/retention", {
        method: "PUT",
        body: JSON.stringify({ policies }),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: artifactKeys.retention() }),
  });
}

export type CustodyReportDto = Jsonify<Awaited<ReturnType<typeof getCustodyReport>>>;

export function useCustodyReport(incidentRef: string) {
  return useQuery({
    queryKey: artifactKeys.report(incidentRef),
    queryFn: () =>
      apiFetch<CustodyReportDto>(
        `/api/v1/incidents/${encodeURIComponent(incidentRef)}/custody-report`,
      ),
    refetchInterval: 5_000,
  });
}

/** One click: a collect_artifact command for a process dump to one host of the incident. */
export function useCollectProcessDump(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ hostId, hostname }: { hostId: string; hostname: string }) =>
      apiFetch<{ requestId: string; approval: string; commandIds: string[] }>("/api/v1/commands", {
        method: "POST",
        body: JSON.stringify({
          type: "collect_artifact",
          params: {
            kind: "process_dump",
            what: "sandboxed plugin host process",
            maxBytes: 2 * 1024 ** 3,
          },
          hostIds: [hostId],
          incidentId,
          comment: `Collect a process dump from ${hostname} for evidence`,
        }),
      }),
    onSuccess: () => qc.invalidateQueries(),
  });
}
