// TanStack Query hooks for notifications and outbound webhooks (client-only), with their key
// factory. Types are the server functions' results as JSON delivers them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../query/client.ts";
import type { Jsonify } from "../query/jsonify.ts";
import type { getNotificationPreferences } from "./get-notification-preferences.ts";
import type { listNotifications } from "./list-notifications.ts";
import type { listWebhookDeliveries } from "./list-webhook-deliveries.ts";
import type { listWebhooks } from "./list-webhooks.ts";

type Notifications = Jsonify<Awaited<ReturnType<typeof listNotifications>>>;
export type NotificationItem = Notifications["items"][number];
type Webhooks = Jsonify<Awaited<ReturnType<typeof listWebhooks>>>;
export type WebhookEndpoint = Webhooks["endpoints"][number];
type Deliveries = Jsonify<Awaited<ReturnType<typeof listWebhookDeliveries>>>;
export type WebhookDelivery = Deliveries["deliveries"][number];
export type NotificationSettings = Jsonify<Awaited<ReturnType<typeof getNotificationPreferences>>>;
export type NotificationPreferences = NotificationSettings["preferences"];
export type WebhookForm = { team: string; url: string; secret: string; format: "json" | "slack" };

export const notificationKeys = {
  all: ["notifications"] as const,
  webhooks: ["webhooks"] as const,
  endpoints: () => [...notificationKeys.webhooks, "endpoints"] as const,
  deliveries: () => [...notificationKeys.webhooks, "deliveries"] as const,
  preferences: ["notification-preferences"] as const,
};

// The recent e-mails' states change as sends and retries run in the background: poll.
export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: () => apiFetch<NotificationSettings>("/api/v1/me/notification-preferences"),
    refetchInterval: 10_000,
  });
}

export function useSaveNotificationPreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: NotificationPreferences) =>
      apiFetch("/api/v1/me/notification-preferences", { method: "PUT", body: JSON.stringify(p) }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.preferences }),
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => apiFetch<Notifications>("/api/v1/notifications"),
    refetchInterval: 5_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { all: true } | { ids: string[] }) =>
      apiFetch("/api/v1/notifications/read", { method: "POST", body: JSON.stringify(body) }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: notificationKeys.endpoints(),
    queryFn: () => apiFetch<Webhooks>("/api/v1/webhooks"),
  });
}

// The delivery log changes as retries run in the background: poll.
export function useWebhookDeliveries() {
  return useQuery({
    queryKey: notificationKeys.deliveries(),
    queryFn: () => apiFetch<Deliveries>("/api/v1/webhooks/deliveries"),
    refetchInterval: 5_000,
  });
}

export function useCreateWebhook(onCreated: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (form: WebhookForm) =>
      apiFetch("/api/v1/webhooks", { method: "POST", body: JSON.stringify(form) }),
    onSuccess: onCreated,
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/webhooks/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.webhooks }),
  });
}
