import { QueryClient } from "@tanstack/react-query";
import { markSessionEnded, sessionEndedRead } from "./session-ended.ts";

/** The one place query defaults are set. Live views poll via refetchInterval per query. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true },
      mutations: { retry: 0 },
    },
  });
}

/** Fetches JSON from our API; a problem+json response becomes an ApiError with its detail. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public problem: {
      title?: string;
      detail?: string;
      errors?: { path: string; message: string }[];
    },
  ) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
  }
}

export async function apiFetch<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init?.body ? { "content-type": "application/json" } : {}),
      ...(init?.headers ?? {}),
    },
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (res.status === 401 && typeof window !== "undefined") {
    // Reads wait quietly under the notice; a write fails, so its form says it did not happen.
    if ((init?.method ?? "GET").toUpperCase() === "GET") return sessionEndedRead<T>();
    markSessionEnded();
  }
  if (!res.ok) throw new ApiError(res.status, body ?? {});
  return body as T;
}
