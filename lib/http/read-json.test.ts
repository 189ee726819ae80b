// Issue 10: the user routes' body reader buffered a chunked body whole before checking its
// size. The one reader must stop pulling as soon as the limit is passed.
import { describe, expect, it } from "vitest";
import { readJson } from "./read-json.ts";

/** A chunked body (no Content-Length) of `total` bytes, generated on demand; counts what was pulled. */
function chunked(total: number, chunk = 64 * 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled >= total) return c.close();
      pulled += chunk;
      c.enqueue(new Uint8Array(chunk).fill(0x20));
    },
  });
  const req = new Request("http://localhost/x", {
    method: "POST",
    body: stream,
    duplex: "half",
  } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("readJson", () => {
  it("refuses a chunked body past the limit after reading at most one chunk more (413)", async () => {
    const { req, pulled } = chunked(256 * 1024 * 1024);
    await expect(readJson(req, 1 << 20)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled()).toBeLessThanOrEqual((1 << 20) + 2 * 64 * 1024);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const req = new Request("http://localhost/x", {
      method: "POST",
      body: "{}",
      headers: { "content-length": String(2 << 20) },
    });
    await expect(readJson(req, 1 << 20)).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it.each([
    ["no body", undefined],
    ["broken JSON", "{"],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d])],
  ])("%s is a 400", async (_n, body) => {
    await expect(
      readJson(new Request("http://localhost/x", { method: "POST", body })),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("parses a body within the limit", async () => {
    expect(
      await readJson(new Request("http://localhost/x", { method: "POST", body: '{"a":[1]}' })),
    ).toEqual({ a: [1] });
  });
});
