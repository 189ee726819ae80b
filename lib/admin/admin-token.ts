import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env.ts";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";
import { ADMIN_TOKEN_FILE, SERVER_INFO_FILE } from "./admin-token-files.ts";

// While the server holds the embedded database, `npm run bw` cannot open it (PGlite is
// single-process), so the server publishes a local admin endpoint: a random token in
// <data dir>/admin-token (0600, so only the account running the server can read it) and
// its pid and port in <data dir>/server.json. The token lives only as long as the process.
// Process-wide: boot (the instrumentation graph) sets it, the admin route (another graph) checks it.
const current = processSingleton("adminToken", () => ({ token: undefined as string | undefined }));

function writePrivate(file: string, content: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

/** Called once at boot. BREAKWATER_ADMIN_TOKEN, when set, replaces the random token (for
 *  operators who script against several instances). */
export function publishAdminEndpoint(dataDir: string, port: number, pid = process.pid): string {
  const token = env.BREAKWATER_ADMIN_TOKEN || `bwa_${crypto.randomBytes(32).toString("base64url")}`;
  current.token = token;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    writePrivate(path.join(dataDir, ADMIN_TOKEN_FILE), token + "\n");
    writePrivate(path.join(dataDir, SERVER_INFO_FILE), JSON.stringify({ pid, port }) + "\n");
  } catch (e) {
    // A read-only data dir (e.g. a PostgreSQL deployment) must not stop the server; the CLI
    // then talks to the database directly or uses BREAKWATER_ADMIN_TOKEN.
    logger.warn("admin endpoint not published", { dataDir, error: e });
    return token;
  }
  process.once("exit", () => {
    // Only the process that wrote them removes them: a newer server may have replaced them.
    try {
      const info = JSON.parse(fs.readFileSync(path.join(dataDir, SERVER_INFO_FILE), "utf8"));
      if (info.pid === pid) {
        fs.unlinkSync(path.join(dataDir, SERVER_INFO_FILE));
        fs.unlinkSync(path.join(dataDir, ADMIN_TOKEN_FILE));
      }
    } catch {}
  });
  return token;
}

/** Test hook and fallback: the token this process accepts, if any. */
export function setAdminToken(token: string | undefined) {
  current.token = token;
}

/** Constant-time: both sides are hashed to equal length before timingSafeEqual. No token
 *  configured means nothing matches (fail closed). */
export function adminTokenMatches(presented: string): boolean {
  const expected = current.token ?? env.BREAKWATER_ADMIN_TOKEN;
  if (!expected || !presented) return false;
  const a = crypto.createHash("sha256").update(presented).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
