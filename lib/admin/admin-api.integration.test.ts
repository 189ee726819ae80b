import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { POST } from "../../app/api/admin/v1/cli/route.ts";
import { describeDb } from "../../test/db.ts";
import { childEnv } from "../../test/env.ts";
import { publishAdminEndpoint, setAdminToken } from "./admin-token.ts";
import { resolveCliTarget } from "./cli-target.ts";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

const call = (headers: Record<string, string>, body: unknown = { argv: ["users", "list"] }) =>
  POST(
    new Request("http://127.0.0.1/api/admin/v1/cli", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );

describeDb("admin API and the CLI's server path", (t) => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "bw-admin-"));
    dirs.push(d);
    return d;
  };
  let token: string;
  let dataDir: string;
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    // A real HTTP server in front of the real route handler, standing in for `next start`.
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const response = await POST(
        new Request(`http://127.0.0.1${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
    // This test process plays the server holding the embedded database.
    dataDir = tmp();
    fs.mkdirSync(path.join(dataDir, "db"));
    fs.writeFileSync(path.join(dataDir, "db", "pglite.pid"), String(process.pid));
    token = publishAdminEndpoint(dataDir, port);
  });
  afterAll(async () => {
    setAdminToken(undefined);
    await new Promise((r) => server?.close(r));
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it("publishes a random token readable only by the server's account, and its port", () => {
    const file = path.join(dataDir, "admin-token");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(token);
    expect(token).toMatch(/^bwa_[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "server.json"), "utf8"))).toEqual({
      pid: process.pid,
      port,
    });
  });

  it("answers 401 to everyone but the admin token holder: no token, wrong token, session cookie, host token", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${token}x` },
      { authorization: `Bearer ${token.slice(0, -1)}` },
      { authorization: token },
      { cookie: "authjs.session-token=anything; __Secure-authjs.session-token=anything" },
      { authorization: "Bearer bwh_" + "a".repeat(43) },
      { authorization: `Bearer ${token}`, "x-middleware-subrequest": "middleware" }, // sanity: the header changes nothing
    ];
    for (const headers of attempts.slice(0, -1)) {
      const res = await call(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.text()).not.toContain(token);
    }
    expect((await call(attempts[attempts.length - 1])).status).toBe(200);
  });

  it("runs the command table for the token holder and rejects a malformed body with 400", async () => {
    await t.db.user.create({ data: { email: "api@example.test", name: "Api", role: "viewer" } });
    const res = await call(
      { authorization: `Bearer ${token}` },
      { argv: ["users", "list"], osUser: "operator" },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { output: string; exitCode: number };
    expect(body.exitCode).toBe(0);
    expect(body.output).toContain("api@example.test");

    const bad = await call({ authorization: `Bearer ${token}` }, { argv: "users list" });
    expect(bad.status).toBe(400);
  });

  it("npm run bw sends the command to the server holding the embedded database, over HTTP", async () => {
    expect(
      resolveCliTarget({ postgres: false, dataDir, pgliteDir: path.join(dataDir, "db") }),
    ).toEqual({
      kind: "server",
      pid: process.pid,
      url: `http://127.0.0.1:${port}/api/admin/v1/cli`,
      token,
    });
    const env = childEnv({ BREAKWATER_DATA_DIR: dataDir });
    delete env.DATABASE_URL;
    delete env.PORT;
    const created = await run(
      process.execPath,
      [
        TSX,
        "--conditions=react-server",
        "scripts/bw.ts",
        "users",
        "create",
        "--email",
        "via-server@example.test",
        "--name",
        "Via Server",
        "--role",
        "responder",
      ],
      { env },
    );
    expect(created.stdout).toContain("Created responder via-server@example.test");
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "via-server@example.test" } });
    expect(await t.db.auditEntry.findFirst({ where: { targetId: user.id } })).toMatchObject({
      action: "user.created",
      actorType: "system",
      actorLabel: expect.stringMatching(/^cli(:|$)/),
    });

    const verify = await run(
      process.execPath,
      [TSX, "--conditions=react-server", "scripts/bw.ts", "audit", "verify"],
      { env },
    );
    expect(verify.stdout.trim()).toMatch(/^verified \d+ entries$/);

    // A stale or foreign token: the CLI says so and exits 1.
    fs.writeFileSync(path.join(dataDir, "admin-token"), "bwa_not-the-right-one\n");
    const refused = await run(
      process.execPath,
      [TSX, "--conditions=react-server", "scripts/bw.ts", "users", "list"],
      { env },
    ).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("refused the admin token");
    fs.writeFileSync(path.join(dataDir, "admin-token"), token + "\n");
  }, 180_000); // three CLI processes: generous for busy CI machines

  it("explains itself when the server holds the database but its token cannot be read", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "db"));
    fs.writeFileSync(path.join(dir, "db", "pglite.pid"), String(process.pid));
    const target = resolveCliTarget({
      postgres: false,
      dataDir: dir,
      pgliteDir: path.join(dir, "db"),
    });
    expect(target.kind).toBe("unavailable");
    expect(target.kind === "unavailable" && target.message).toMatch(
      new RegExp(`held by process ${process.pid}[\\s\\S]*admin-token does not exist`),
    );
    // An operator-set BREAKWATER_ADMIN_TOKEN and PORT stand in for the published files.
    expect(
      resolveCliTarget({
        postgres: false,
        dataDir: dir,
        pgliteDir: path.join(dir, "db"),
        portEnv: "4567",
        tokenEnv: "bwa_from_env",
      }),
    ).toEqual({
      kind: "server",
      pid: process.pid,
      url: "http://127.0.0.1:4567/api/admin/v1/cli",
      token: "bwa_from_env",
    });
    // No server holding it: open directly. PostgreSQL: always directly.
    expect(
      resolveCliTarget({ postgres: false, dataDir: tmp(), pgliteDir: path.join(tmp(), "db") }),
    ).toEqual({ kind: "direct" });
    expect(
      resolveCliTarget({ postgres: true, dataDir: dir, pgliteDir: path.join(dir, "db") }),
    ).toEqual({ kind: "direct" });
  });
});
