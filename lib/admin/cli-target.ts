import fs from "node:fs";
import path from "node:path";
import { dataDirOwner } from "../db/data-dir-lock.ts";
import { ADMIN_TOKEN_FILE, SERVER_INFO_FILE } from "./admin-token-files.ts";

// Where `npm run bw` sends a command. PGlite is single-process, so while a server holds
// the embedded database the CLI must go through that server; everything else may open the
// database directly.
export type CliTarget =
  | { kind: "direct" }
  | { kind: "server"; pid: number; url: string; token: string }
  | { kind: "unavailable"; message: string };

export function resolveCliTarget(opts: {
  postgres: boolean;
  dataDir: string;
  pgliteDir: string;
  portEnv?: string;
  tokenEnv?: string;
}): CliTarget {
  if (opts.postgres) return { kind: "direct" };
  const pid = dataDirOwner(opts.pgliteDir);
  if (pid === null) return { kind: "direct" };

  const busy = `The embedded database in ${opts.pgliteDir} is held by process ${pid} (the Breakwater server).`;
  const tokenFile = path.join(opts.dataDir, ADMIN_TOKEN_FILE);
  let token: string;
  try {
    token = fs.readFileSync(tokenFile, "utf8").trim();
  } catch (e) {
    // An operator-set BREAKWATER_ADMIN_TOKEN stands in for the file (read-only data dirs).
    if (!opts.tokenEnv) {
      const why =
        (e as NodeJS.ErrnoException).code === "EACCES"
          ? "is not readable by this account"
          : "does not exist";
      return {
        kind: "unavailable",
        message: `${busy}\nIts admin token ${tokenFile} ${why}. Run this as the account that runs the server, or stop the server and retry.`,
      };
    }
    token = opts.tokenEnv;
  }
  let port: number | undefined;
  try {
    const info = JSON.parse(fs.readFileSync(path.join(opts.dataDir, SERVER_INFO_FILE), "utf8")) as {
      pid?: number;
      port?: number;
    };
    if (info.pid === pid && Number.isInteger(info.port)) port = info.port;
  } catch {}
  if (port === undefined && opts.portEnv && /^\d{1,5}$/.test(opts.portEnv))
    port = Number(opts.portEnv);
  if (!token || port === undefined) {
    return {
      kind: "unavailable",
      message: `${busy}\nIt has not published its admin endpoint (${SERVER_INFO_FILE}); set PORT to the port it listens on, or stop it and retry.`,
    };
  }
  return { kind: "server", pid, url: `http://127.0.0.1:${port}/api/admin/v1/cli`, token };
}
