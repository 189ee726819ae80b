// Enrollment tokens and hosts.
import fc from "fast-check";
import { reason, type Target, text, user } from "./builders.ts";

export const HOSTS_TARGETS: Record<string, Target> = {
  "POST /api/v1/enrollment-tokens": user(
    () => "/api/v1/enrollment-tokens",
    () =>
      fc.record({
        label: text(),
        expiresInSeconds: fc.integer({ min: 60, max: 86400 }),
        maxUses: fc.integer({ min: 1, max: 100 }),
      }),
  ),
  "POST /api/v1/enrollment-tokens/[id]/revoke": user(
    (f) => `/api/v1/enrollment-tokens/${f.enrollmentTokenId}/revoke`,
    () => fc.constant({}),
  ),
  "POST /api/v1/hosts/[id]/revoke": user(
    (f) => `/api/v1/hosts/${f.spareHostId}/revoke`,
    () => reason,
  ),
};
