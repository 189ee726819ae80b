// The one error type the app throws on purpose. Its code decides the HTTP status; anything
// else that escapes a handler is a bug and becomes a generic 500 (see problem.ts).

export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  // tus: a PATCH body that is not application/offset+octet-stream.
  unsupported_media_type: 415,
  // tus: a Tus-Resumable version the server does not speak.
  precondition_failed: 412,
  // The agent protocol's "same eventId, different content" and unmappable OCSF classes.
  unprocessable: 422,
  rate_limited: 429,
  // tus: the uploaded bytes do not hash to the declared SHA-256.
  checksum_mismatch: 460,
  internal: 500,
  // The database is unreachable: clients retry after Retry-After.
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLE: Record<ErrorCode, string> = {
  invalid_input: "Invalid input",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  gone: "Gone",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  precondition_failed: "Precondition failed",
  unprocessable: "Unprocessable content",
  rate_limited: "Too many requests",
  checksum_mismatch: "Checksum mismatch",
  internal: "Internal server error",
  unavailable: "Service unavailable",
};

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly retryAfterSeconds?: number;
  readonly extra?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      cause?: unknown;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.errors = opts.errors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.extra = opts.extra;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
