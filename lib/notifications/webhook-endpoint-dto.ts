import { redactWebhookUrl } from "./webhook-target.ts";

// The secret and the URL are write-only: responses show the secret's last 4 characters and
// only the scheme and host of the URL (its path is a credential for Slack-style webhooks).
export const endpointSelect = {
  id: true,
  team: true,
  url: true,
  format: true,
  enabled: true,
  createdAt: true,
  secret: true,
} as const;
export const maskEndpoint = <T extends { secret: string; url: string }>(e: T) => ({
  ...e,
  url: redactWebhookUrl(e.url),
  secret: `…${e.secret.slice(-4)}`,
});
