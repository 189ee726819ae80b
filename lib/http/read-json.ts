import { AppError } from "../errors/app-error.ts";

export const DEFAULT_MAX_BODY_BYTES = 1 << 20;

/** The one body reader of every route, agent and user: reads a JSON body of at most
 *  maxBytes without ever holding more than that. A declared Content-Length above the limit
 *  is refused before reading, and an undeclared (chunked) or lying one is cut off by
 *  counting bytes as they stream in. Malformed JSON or UTF-8 is a 400, not a 500. */
export async function readJson(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  }
  if (!req.body) throw new AppError("invalid_input", "A JSON body is required.");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  if (total === 0) throw new AppError("invalid_input", "A JSON body is required.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks, total));
  } catch {
    throw new AppError("invalid_input", "The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.");
  }
}
