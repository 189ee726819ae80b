// Replays one matrix row for one caller over real HTTP and reduces the answer to an Outcome.
import fs from "node:fs";
import path from "node:path";
import { ERROR_STATUS } from "../../lib/errors/app-error.ts";
import type { MatrixEntry, Outcome, Who } from "../authorization-matrix/index.ts";
import { baseURL } from "./session.ts";

/** What a caller sends: a session cookie (roles), a bearer token (agent) or nothing (anon).
 *  Sent as explicit headers with Node's fetch, which has no cookie jar, so a Set-Cookie in one
 *  answer (a logout, a refreshed session) cannot change who the next request is from. */
export type Caller = { who: Who; headers: Record<string, string> };

export type ActionRef = { id: string; pagePath: string };
type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

export const distDir = () => process.env.E2E_DIST_DIR || ".next";

/** Server actions by "<file>#<export>", from the build the server is running. Next 16 writes
 *  the filename and export name of every action id into server-reference-manifest.json. */
export function loadActions(root = process.cwd()): {
  byRoute: Map<string, ActionRef>;
  unnamed: string[];
} {
  const file = path.join(root, distDir(), "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, ManifestEntry>;
    edge: Record<string, ManifestEntry>;
  };
  const byRoute = new Map<string, ActionRef>();
  const unnamed: string[] = [];
  for (const [id, entry] of Object.entries({ ...manifest.node, ...manifest.edge })) {
    if (!entry.filename || !entry.exportedName) {
      unnamed.push(`${id} (${entry.filename ?? "unknown file"})`);
      continue;
    }
    // An action is handled by POSTing to any page whose bundle contains it.
    const worker = Object.keys(entry.workers).find(
      (w) => w.startsWith("app/") && w.endsWith("/page"),
    );
    const pagePath = worker
      ? "/" +
        worker
          .slice(4, -5)
          .split("/")
          .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"))
          .join("/")
      : "/";
    byRoute.set(`${entry.filename}#${entry.exportedName}`, {
      id,
      pagePath: pagePath.replace(/\/$/, "") || "/",
    });
  }
  return { byRoute, unnamed };
}

const isLoginRedirect = (location: string | undefined) =>
  !!location && /^(https?:\/\/[^/]+)?\/login(\?|$)/.test(location);

function outcomeOfHttp(res: Response): Outcome {
  if (
    res.status >= 300 &&
    res.status < 400 &&
    isLoginRedirect(res.headers.get("location") ?? undefined)
  )
    return "login";
  return res.status;
}

/** The result object of an action is one line of the RSC stream: `1:{"ok":false,...}`. */
async function outcomeOfAction(res: Response): Promise<Outcome> {
  const redirect = res.headers.get("x-action-redirect");
  if (redirect) return isLoginRedirect(redirect.split(";")[0]) ? "login" : 303;
  if (res.status !== 200) return res.status;
  for (const line of (await res.text()).split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const v = JSON.parse(m[1]) as { ok?: unknown; error?: { code?: string } };
      if (v.ok === true) return 200;
      if (v.ok === false) return ERROR_STATUS[v.error?.code as keyof typeof ERROR_STATUS] ?? 500;
    } catch {
      /* not the result line */
    }
  }
  return res.status;
}

export async function replay(
  row: MatrixEntry,
  caller: Caller,
  actions: Map<string, ActionRef>,
  extraHeaders: Record<string, string> = {},
): Promise<Outcome> {
  const headers = { ...caller.headers, ...extraHeaders };
  if (row.method === "ACTION") {
    const ref = actions.get(row.route);
    if (!ref) throw new Error(`${row.route} is not in the build's server-reference-manifest.json`);
    const res = await fetch(baseURL() + ref.pagePath, {
      method: "POST",
      headers: {
        ...headers,
        "next-action": ref.id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: baseURL(),
      },
      body: JSON.stringify(row.body ?? []),
      redirect: "manual",
    });
    return outcomeOfAction(res);
  }
  const hasBody = row.body !== undefined && row.method !== "GET";
  const res = await fetch(baseURL() + (row.path ?? row.route), {
    method: row.method,
    headers: hasBody ? { ...headers, "content-type": "application/json" } : headers,
    body: hasBody ? JSON.stringify(row.body) : undefined,
    redirect: "manual",
  });
  // Drain the body so the connection is reused.
  await res.arrayBuffer().catch(() => undefined);
  return outcomeOfHttp(res);
}
