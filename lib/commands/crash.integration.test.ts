// kill -9 the server between delivery and receipt: the command still completes exactly once
// on the agent. The server is a real child process owning its database (PGlite data dir, or a
// fresh PostgreSQL database when TEST_DATABASE_URL is set) and is SIGKILLed, then restarted.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { startAgent, tmpDir } from "../../test/command-fixtures.ts";
import { testDatabaseUrl } from "../../test/db.ts";
import { childEnv } from "../../test/env.ts";

const PORT = 13400 + (process.pid % 500);
const BASE = `http://127.0.0.1:${PORT}`;
const dataDir = tmpDir("bw-crash-");
/** createdb / dropdb's options for the server a URL names. */
const connectArgs = (u: URL) => [
  "-h",
  u.hostname,
  "-p",
  u.port || "5432",
  "-U",
  u.username || "postgres",
];
const pgUrl = testDatabaseUrl();
let dbUrl: string | undefined;
if (pgUrl) {
  const name = `bw_crash_${process.pid}`;
  const u = new URL(pgUrl);
  execFileSync("createdb", [...connectArgs(u), name]);
  u.pathname = `/${name}`;
  dbUrl = u.toString();
}
let server: ChildProcess | null = null;

function start(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "test/crash-server.ts", String(PORT)],
    {
      env: childEnv({
        BREAKWATER_DATA_DIR: dataDir,
        DATABASE_URL: dbUrl ?? "",
        BREAKWATER_LOG_LEVEL: "error",
        NODE_ENV: "production",
      }),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve(child));
    child.once("exit", (c) => reject(new Error(`server exited ${c}`)));
  });
}

afterAll(async () => {
  server?.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (dbUrl) {
    const u = new URL(dbUrl);
    execFileSync("dropdb", [...connectArgs(u), "--if-exists", "--force", u.pathname.slice(1)]);
  }
});

it(`kill -9 between delivery and receipt: exactly-once effect, command succeeds after restart [${pgUrl ? "postgres" : "pglite"}]`, async () => {
  server = await start();
  const host = (await (await fetch(`${BASE}/harness/host`, { method: "POST" })).json()) as {
    id: string;
    hostname: string;
    token: string;
  };
  const keys = (
    await (
      await fetch(`${BASE}/api/agent/v1/server-keys`, {
        headers: { authorization: `Bearer ${host.token}` },
      })
    ).json()
  ).serverKeys;
  const executions: string[] = [];
  let killed = 0;
  let restarted: Promise<ChildProcess> | null = null;
  const stateDir = path.join(dataDir, "agent");
  const a = await startAgent({
    server: BASE,
    stateDir,
    host,
    serverKeys: keys,
    hooks: {
      onExecuted: (e) => executions.push(e.id),
      // The effect is durable on the agent; the server dies before the final receipt arrives.
      beforeFinalReceipt: async () => {
        if (killed++) return;
        const dying = server!;
        const gone = new Promise((r) => dying.once("exit", r));
        dying.kill("SIGKILL");
        await gone;
        restarted = start().then((c) => (server = c));
      },
    },
  });
  try {
    const plugin = a.agent.inventory.find((p) => p.permissions.length > 0)!;
    const perm = plugin.permissions[0];
    const issued = await (
      await fetch(`${BASE}/harness/issue`, {
        method: "POST",
        body: JSON.stringify({
          type: "revoke_permissions",
          params: { plugin: { name: plugin.name }, permissions: [perm] },
          hostIds: [host.id],
          comment: "crash test",
        }),
      })
    ).json();
    const id = issued.commandIds[0] as string;
    const end = Date.now() + 90_000;
    for (;;) {
      if (restarted) await restarted;
      const r = await fetch(`${BASE}/harness/command/${id}`).catch(() => null);
      const c = r?.ok ? await r.json() : null;
      if (c?.status === "succeeded") {
        expect(c.receipts.map((x: { status: string }) => x.status)).toEqual([
          "received",
          "succeeded",
        ]);
        break;
      }
      if (Date.now() > end) throw new Error(`command not succeeded: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(killed).toBe(1);
    expect(executions).toEqual([id]);
    expect(a.agent.inventory.find((p) => p.name === plugin.name)!.permissions).not.toContain(perm);
    // The server has the receipt; the agent drops it from its outbox once it reads the 200.
    let store = JSON.parse(fs.readFileSync(path.join(stateDir, "commands.json"), "utf8"));
    for (let i = 0; i < 100 && store.outbox.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      store = JSON.parse(fs.readFileSync(path.join(stateDir, "commands.json"), "utf8"));
    }
    expect(Object.keys(store.executed)).toEqual([id]);
    expect(store.outbox).toEqual([]);
  } finally {
    await a.stop();
  }
}, 180_000);
