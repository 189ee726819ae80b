import type { z } from "zod";
import type { Permission } from "../auth/permissions.ts";

// One operation of an API as the OpenAPI document lists it. Inputs and replies are the zod
// schemas the use cases parse with and return, so the document cannot describe a field the
// code does not read; where a reply has no zod DTO yet, `reply` says what it is in words.

export type Method = "get" | "head" | "post" | "put" | "patch" | "delete" | "options";
export type Credential = "user" | "agent" | "public" | "admin" | "metrics";

export type Operation = {
  method: Method;
  /** OpenAPI form: /api/v1/incidents/{ref}. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  credential: Credential;
  /** For user operations: what withUser checks (the role's, and an API token's scopes). */
  permission?: Permission;
  /** Its JSON Schema properties become the query parameters. */
  query?: z.ZodType;
  body?: z.ZodType;
  /** A body that is not JSON (tus chunks, CACAO files are JSON; tus is octet-stream). */
  rawBody?: { contentType: string; description: string };
  status?: number;
  reply?: z.ZodType | string;
  replyType?: string;
  /** Further statuses this operation answers besides the common ones. */
  also?: Record<number, string>;
};

type Opts = Omit<Operation, "method" | "path" | "tag" | "summary" | "credential">;

/** Builders that keep the tables short: `user("get", path, tag, summary, permission, opts)`. */
export const userOp = (
  method: Method,
  path: string,
  tag: string,
  summary: string,
  permission: Permission,
  opts: Omit<Opts, "permission"> = {},
): Operation => ({ method, path, tag, summary, credential: "user", permission, ...opts });

export const agentOp = (
  method: Method,
  path: string,
  summary: string,
  opts: Opts & { credential?: Credential } = {},
): Operation => ({ method, path, tag: "Host agents", summary, credential: "agent", ...opts });

/** The body and the refusal every tus endpoint shares (user uploads and agent uploads). */
export const TUS_BODY = {
  contentType: "application/offset+octet-stream",
  description: "tus 1.0.0 (Tus-Resumable, Upload-Length, Upload-Metadata headers)",
};
export const TUS_412 = { 412: "Tus-Resumable header missing or not 1.0.0" };
