import { AppError } from "../http/app-error.ts";

/** Reads a JSON body of at most maxBytes without ever holding more than that: a declared
 *  Content-Length above the limit is refused before reading, and an undeclared or lying
 *  one is cut off by counting bytes as they stream in. */
export async function readLimitedJson(req: Request, maxBytes: number): Promise<unknown> {
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
