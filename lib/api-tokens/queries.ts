import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { ApiTokenDto } from "./schemas.ts";

// Client-side data hooks for API tokens; the JSON type is derived from the DTO.
export type ApiTokenJson = Jsonify<ApiTokenDto>;

export const apiTokenKeys = {
  all: ["api-tokens"] as const,
  list: () => [...apiTokenKeys.all, "list"] as const,
};

export function useApiTokens() {
  return useQuery({
    queryKey: apiTokenKeys.list(),
    queryFn: () => apiFetch<{ tokens: ApiTokenJson[] }>("/api/v1/api-tokens"),
    refetchInterval: 30_000,
  });
}

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: string[]; expiresInDays: number }) =>
      apiFetch<ApiTokenJson & { token: string }>("/api/v1/api-tokens", {
        method: "POST",
        body: JSON.stringify(body),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/api/v1/api-tokens/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}
