// The one place environment variables are read and validated. Everything else imports `env`.

import path from "node:path";
import { z } from "zod";
import { parseCidrList } from "./net/ip-address.ts";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  BREAKWATER_DATA_DIR: z.string().default(".data"),
  PORT: int(3000, 1),
  BREAKWATER_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_OIDC_ISSUER: z.string().url().optional(),
  AUTH_OIDC_CLIENT_ID: z.string().optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().optional(),
  AUTH_OIDC_NAME: z.string().default("Single sign-on"),
  AUTH_OIDC_DEFAULT_ROLE: z.enum(["viewer", "responder"]).default("viewer"),
  BREAKWATER_ADMIN_EMAIL: z.string().email().optional(),
  BREAKWATER_ADMIN_PASSWORD: z.string().min(12).optional(),
  BREAKWATER_DEMO: bool,
  BREAKWATER_SESSION_IDLE_SECONDS: int(30 * 60, 10),
  BREAKWATER_SESSION_MAX_SECONDS: int(12 * 3600, 60),
  BREAKWATER_SESSION_RECHECK_SECONDS: int(60, 0),
  BREAKWATER_LOGIN_MAX_FAILURES_PER_ACCOUNT: int(100, 1),
  BREAKWATER_LOGIN_MAX_FAILURES_PER_IP: int(300, 1),
  // Comma-separated CIDR ranges (IPv4/IPv6) of reverse proxies whose X-Forwarded-For is
  // believed; empty = the socket address is the client (see lib/auth/client-ip.ts).
  BREAKWATER_TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      try {
        parseCidrList(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
      }
    }),
  BREAKWATER_ENROLL_PER_MINUTE: int(60, 1),
  BREAKWATER_ENROLL_GLOBAL_PER_MINUTE: int(600, 1),
  BREAKWATER_CORRELATION_WINDOW_MINUTES: int(15, 1),
  BREAKWATER_AGENT_POLL_SECONDS: int(10, 1),
  BREAKWATER_INGEST_MAX_CONCURRENT: int(16, 1),
  // Raw events older than this (by receivedAt) are deleted in bounded batches by a timer
  // (lib/events/purge-expired-events.ts); 0 keeps them for ever. Incident counts stay.
  BREAKWATER_EVENT_RETENTION_DAYS: int(0, 0),
  // PostgreSQL connections per instance. Ingest runs at most this minus 4 batches at once (see
  // lib/http/with-ingest-limit.ts), so health checks, the timer loop and the console always find
  // a free connection; below 5 ingest would have none.
  BREAKWATER_DB_POOL_SIZE: int(10, 5),
  // Group commit of agent command claims, receipts and small event batches (lib/db/group-commit.ts):
  // how long the first job of a group waits for company (0 = every job commits alone), and the
  // most jobs one transaction carries.
  BREAKWATER_GROUP_COMMIT_MS: int(0, 0),
  BREAKWATER_GROUP_COMMIT_MAX: int(32, 1),
  BREAKWATER_HOST_STALE_SECONDS: int(120, 1),
  BREAKWATER_HOST_OFFLINE_SECONDS: int(900, 1),
  BREAKWATER_ADMIN_TOKEN: z.string().optional(),
  // Commands (issue 5). Signing keys from a secret: comma-separated base64url 32-byte Ed25519
  // seeds, the first signs, the rest stay published; unset = a key file in the data dir.
  BREAKWATER_SIGNING_KEYS: z.string().optional(),
  // Seals the signing keys stored in the database (lib/signing/key-sealing.ts); unset, AUTH_SECRET
  // does, and without either a random secret in the data dir (one instance only).
  BREAKWATER_KEY_ENCRYPTION_SECRET: z
    .string()
    .min(32, "BREAKWATER_KEY_ENCRYPTION_SECRET must be at least 32 characters")
    .optional(),
  BREAKWATER_COMMAND_EXPIRY_SECONDS: int(900, 30),
  // Per-type overrides, e.g. "collect_artifact=3600,kill_process=300".
  BREAKWATER_COMMAND_EXPIRY_BY_TYPE: z.string().default(""),
  // A request targeting more hosts than this needs a second person's approval.
  BREAKWATER_COMMAND_APPROVAL_THRESHOLD: int(10, 1),
  // ...counted over this window per incident and command type, so splitting a fleet command
  // into small requests does not dodge the approval.
  BREAKWATER_COMMAND_APPROVAL_WINDOW_MINUTES: int(60, 1),
  // After a legal hold is released, its releaser may delete the incident's artifacts only
  // after this many hours; a different lead may at once.
  BREAKWATER_HOLD_RELEASE_DELETE_DELAY_HOURS: int(24, 0),
  BREAKWATER_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  BREAKWATER_ARTIFACT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * 1024 ** 3),
  BREAKWATER_ARTIFACT_STORAGE: z.enum(["local", "s3"]).default("local"),
  BREAKWATER_S3_BUCKET: z.string().optional(),
  BREAKWATER_S3_REGION: z.string().default("us-east-1"),
  BREAKWATER_S3_ENDPOINT: z.string().url().optional(),
  BREAKWATER_S3_ACCESS_KEY_ID: z.string().optional(),
  BREAKWATER_S3_SECRET_ACCESS_KEY: z.string().optional(),
  BREAKWATER_S3_PREFIX: z.string().optional(),
  // Where unfinished tus uploads accumulate; with several instances a filesystem they all mount,
  // so an upload begun on one resumes on another (offset and writer are in the database).
  BREAKWATER_ARTIFACT_STAGING_DIR: z.string().optional(),
  // Length of one playbook "minute" (SLAs, escalations, waits) in ms; tests and drills shorten it.
  BREAKWATER_PLAYBOOK_MINUTE_MS: int(60_000, 1),
  // Webhook delivery: attempts before a delivery is marked failed; first retry delay (doubles each time).
  BREAKWATER_WEBHOOK_MAX_ATTEMPTS: int(8, 1),
  BREAKWATER_WEBHOOK_RETRY_BASE_MS: int(5_000, 1),
  // Lets webhooks reach loopback/private/link-local addresses (refused by default: SSRF).
  BREAKWATER_WEBHOOK_ALLOW_PRIVATE: bool,
  // E-mail (issue 15): unset, no e-mail is sent (in-app and webhooks still are).
  BREAKWATER_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "BREAKWATER_SMTP_URL must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  BREAKWATER_MAIL_FROM: z.string().min(3).default("Breakwater <breakwater@localhost>"),
  BREAKWATER_EMAIL_MAX_ATTEMPTS: int(6, 1),
  BREAKWATER_EMAIL_RETRY_BASE_MS: int(30_000, 1),
  // Bearer token for GET /api/metrics (Prometheus); unset, the endpoint answers 404.
  BREAKWATER_METRICS_TOKEN: z
    .string()
    .min(16, "BREAKWATER_METRICS_TOKEN must be at least 16 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.AUTH_OIDC_ISSUER && !(e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET)) {
    throw new Error(
      "Invalid environment:\n  AUTH_OIDC_ISSUER needs AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET",
    );
  }
  if (e.BREAKWATER_ARTIFACT_STORAGE === "s3" && !e.BREAKWATER_S3_BUCKET) {
    throw new Error(
      "Invalid environment:\n  BREAKWATER_ARTIFACT_STORAGE=s3 needs BREAKWATER_S3_BUCKET",
    );
  }
  return e;
}

export const env: Env = load();

export const dataDir = () => path.resolve(env.BREAKWATER_DATA_DIR);
/** Where people open the console: links in e-mails point here. */
export const publicUrl = () =>
  (env.BREAKWATER_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
export const secureCookies = () => Boolean(env.BREAKWATER_URL?.startsWith("https://"));
export const oidcEnabled = () => Boolean(env.AUTH_OIDC_ISSUER);
