// The kill -9 crash test's server process (lib/commands/crash.integration.test.ts): the real
// agent route handlers (test/command-route-server.ts) on the configured database, plus
// harness-only endpoints — POST /harness/issue calls issueCommand in this process exactly as
// POST /api/v1/commands does (minus the session), so in-process long-poll wake-ups are
// exercised. (The commands benchmark runs the production build instead: bench/commands.ts.)
//   node --conditions=react-server --import tsx test/crash-server.ts <port>

import { startAuditSealer } from "../lib/audit/audit-sealer.ts";
import { issueCommand } from "../lib/commands/issue-command.ts";
import { getDb, openDatabase } from "../lib/db/index.ts";
import { hashToken, newSecret } from "../lib/hosts/tokens.ts";
import { registerHandlers } from "../lib/server/register-handlers.ts";
import { startCommandRouteServer } from "../test/command-route-server.ts";

const port = Number(process.argv[2] ?? 3306);
const ACTOR = {
  type: "user" as const,
  id: "00000000-0000-4000-8000-0000000000be",
  label: "bench@example.test",
  role: "admin" as const,
};

registerHandlers();
await openDatabase();
// As the real server does: the benchmark's numbers include the sealer's load on the database.
startAuditSealer();
const srv = await startCommandRouteServer({
  port,
  extra: async (req, body, res) => {
    // The crash test cannot open this process's database (PGlite is one process's).
    if (req.method === "POST" && req.url === "/harness/host") {
      const token = newSecret("bwh");
      const h = await (await getDb()).host.create({
        data: {
          hostname: `crash-${Date.now()}`,
          os: "test",
          agentVersion: "test",
          tokenHash: hashToken(token),
          simulated: true,
        },
        select: { id: true, hostname: true },
      });
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...h, token }));
      return true;
    }
    const m = /^\/harness\/command\/([0-9a-f-]{36})$/.exec(req.url ?? "");
    if (req.method === "GET" && m) {
      const c = await (await getDb()).command.findUnique({
        where: { id: m[1] },
        select: {
          status: true,
          deliveryCount: true,
          receipts: { select: { status: true }, orderBy: { id: "asc" } },
        },
      });
      res.writeHead(c ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(c));
      return true;
    }
    if (req.method !== "POST" || req.url !== "/harness/issue") return false;
    try {
      const out = await issueCommand(JSON.parse(body.toString("utf8")), ACTOR);
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify(out));
    } catch (e) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: String((e as Error).message) }));
    }
    return true;
  },
});
process.stdout.write(`listening ${srv.url}\n`);
