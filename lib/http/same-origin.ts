import { AppError } from "../errors/app-error.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Host of an Origin header, or null for "null" (sandboxed frames, file: pages, some
 *  redirects) and anything unparsable: an opaque origin is never this site. */
function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  return new URL(origin).host;
}

/** Cookies ride along on cross-site requests: a write from another origin is refused (403),
 *  and so is one from an opaque or malformed origin — never a crash on `new URL` (500). */
export function assertSameOrigin(req: Request): void {
  if (SAFE.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (origin && originHost(origin) !== req.headers.get("host")) {
    throw new AppError("forbidden", "Cross-origin requests are not allowed.");
  }
}
