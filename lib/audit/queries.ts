import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { AuditEntryDto } from "./list-audit.ts";

export type AuditRow = Jsonify<AuditEntryDto>;
export type AuditVerifyResult = { unsealed: number; oldestUnsealedSeconds: number | null } & (
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenSeq: number; reason: string }
);

export type AuditFilters = {
  action?: string;
  actor?: string;
  actorType?: string;
  targetType?: string;
  target?: string;
};

export const auditKeys = {
  all: ["audit"] as const,
  entries: (f: AuditFilters) => [...auditKeys.all, "entries", f] as const,
  verify: () => [...auditKeys.all, "verify"] as const,
};

export function useAuditEntries(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.entries(filters),
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams();
      if (pageParam) p.set("before", String(pageParam));
      for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
      return apiFetch<{ entries: AuditRow[]; nextBefore: number | null }>(
        `/api/v1/audit/entries?${p}`,
      );
    },
    getNextPageParam: (last) => last.nextBefore,
  });
}

export function useAuditVerify() {
  return useQuery({
    queryKey: auditKeys.verify(),
    queryFn: () => apiFetch<AuditVerifyResult>("/api/v1/audit/verify"),
    staleTime: 0,
  });
}
