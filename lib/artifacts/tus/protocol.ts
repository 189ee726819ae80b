import { AppError } from "../../errors/app-error.ts";

// tus 1.0.0 core + creation + termination, the subset AGENT-PROTOCOL.md promises.
export const TUS_VERSION = "1.0.0";
export const TUS_EXTENSIONS = "creation,termination";
export const OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

export function tusHeaders(extra: Record<string, string> = {}): Headers {
  const h = new Headers({ "Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store", ...extra });
  return h;
}

/** Every request but OPTIONS must name the protocol version (tus §"Tus-Resumable"). */
export function assertTusResumable(req: Request) {
  const v = req.headers.get("tus-resumable");
  if (v !== TUS_VERSION) {
    throw new AppError(
      "precondition_failed",
      `Tus-Resumable: ${TUS_VERSION} is required (got ${v ?? "none"}).`,
      { extra: { tusVersion: TUS_VERSION } },
    );
  }
}

export function optionsResponse(maxSize: number): Response {
  return new Response(null, {
    status: 204,
    headers: tusHeaders({
      "Tus-Version": TUS_VERSION,
      "Tus-Extension": TUS_EXTENSIONS,
      "Tus-Max-Size": String(maxSize),
    }),
  });
}

/** Upload-Metadata: comma-separated "key base64value" pairs; a key alone means empty value. */
export function parseUploadMetadata(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(",")) {
    const [key, value, ...rest] = part.trim().split(/\s+/);
    if (!key) continue;
    if (rest.length || !/^[A-Za-z0-9_.-]{1,64}$/.test(key))
      throw new AppError("invalid_input", "Upload-Metadata is malformed.", {
        errors: [{ path: "Upload-Metadata", message: `bad pair "${part.trim().slice(0, 80)}"` }],
      });
    if (key in out) throw new AppError("invalid_input", `Upload-Metadata repeats the key ${key}.`);
    if (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      throw new AppError("invalid_input", `Upload-Metadata value for ${key} is not base64.`, {
        errors: [{ path: key, message: "not base64" }],
      });
    }
    out[key] = value ? Buffer.from(value, "base64").toString("utf8") : "";
  }
  return out;
}

/** A non-negative integer header (Upload-Length, Upload-Offset, Content-Length). */
export function intHeader(req: Request, name: string, required: true): number;
export function intHeader(req: Request, name: string, required?: false): number | undefined;
export function intHeader(req: Request, name: string, required = false): number | undefined {
  const raw = req.headers.get(name);
  if (raw === null) {
    if (required)
      throw new AppError("invalid_input", `The ${name} header is required.`, {
        errors: [{ path: name, message: "required" }],
      });
    return undefined;
  }
  if (!/^\d{1,16}$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new AppError("invalid_input", `The ${name} header must be a non-negative integer.`, {
      errors: [{ path: name, message: "not a non-negative integer" }],
    });
  }
  return Number(raw);
}
