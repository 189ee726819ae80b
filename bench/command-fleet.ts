// The load generator of the commands benchmark (bench/commands.ts): an HTTP client sized for
// thousands of parked long-polls, enrolment through the real API, and the agent loop.
import http from "node:http";
import { verifyEnvelope } from "../lib/protocol/envelope.ts";
import type { ServerKey } from "../lib/protocol/hosts.ts";

// One keep-alive socket per agent, never capped or recycled: Node's default agent keeps only
// 256 idle sockets, and a pool limit would queue long-polls behind each other in the client,
// which would show up as server latency. File descriptors: see assertFdHeadroom.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 100_000 });

export type Reply = { status: number; body: unknown };
export const counters = { requests: 0, networkErrors: 0, pollStatus: new Map<number, number>() };

export function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  counters.requests++;
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: { ...headers, ...(data ? { "content-type": "application/json" } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {}
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on("error", reject);
      },
    );
    req.on("error", (e) => {
      counters.networkErrors++;
      reject(e);
    });
    req.end(data);
  });
}

export type Host = { id: string; token: string; name: string; keys: ServerKey[] };

/** Enrols n hosts through POST /enroll (a few at a time, as a fleet rolling out would). */
export async function enrollFleet(base: string, enrollmentToken: string, n: number) {
  const hosts: Host[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < n) {
        const name = `bench-${String(next++).padStart(5, "0")}`;
        const r = await call(
          base,
          "POST",
          "/api/agent/v1/enroll",
          {},
          {
            enrollmentToken,
            hostname: name,
            os: "Ubuntu 24.04 LTS (x86_64)",
            agentVersion: "bench",
            enrollmentId: crypto.randomUUID(),
          },
        );
        const b = r.body as { hostId: string; hostToken: string; serverKeys: ServerKey[] };
        if (r.status !== 201) throw new Error(`enroll ${name}: ${r.status} ${JSON.stringify(b)}`);
        hosts.push({ id: b.hostId, token: b.hostToken, name, keys: b.serverKeys });
      }
    }),
  );
  return hosts;
}

export type FleetStats = {
  doneAt: Map<string, number>;
  executions: Map<string, number>;
  refused: string[];
  receiptErrors: string[];
  polling: number;
};

/** One agent: long-polls, verifies every envelope against the keys it pinned at enrolment
 *  (kid, Ed25519 over RFC 8785 JSON, host, window, replay) as the reference agent does, and
 *  answers received then succeeded. Backs off on anything but 200, never spins. */
export async function runAgent(base: string, h: Host, s: FleetStats, stop: () => boolean) {
  const auth = { authorization: `Bearer ${h.token}` };
  const executed = new Set<string>();
  while (!stop()) {
    s.polling++;
    const r = await call(base, "GET", "/api/agent/v1/commands?waitSeconds=30", auth).catch(
      () => null,
    );
    s.polling--;
    const status = r?.status ?? 0;
    counters.pollStatus.set(status, (counters.pollStatus.get(status) ?? 0) + 1);
    if (!r || r.status !== 200) {
      await new Promise((res) => setTimeout(res, 1000));
      continue;
    }
    for (const env of (r.body as { commands: unknown[] }).commands) {
      const v = verifyEnvelope(env, {
        keys: h.keys,
        hostId: h.id,
        now: new Date(),
        executed: (id) => executed.has(id),
      });
      if (!v.ok) {
        s.refused.push(`${h.name}: ${v.reason}`);
        continue;
      }
      const id = v.payload.id;
      const receipt = async (status: string, extra: object = {}) => {
        const res = await call(base, "POST", `/api/agent/v1/commands/${id}/receipts`, auth, {
          status,
          at: new Date().toISOString(),
          ...extra,
        });
        if (res.status !== 200) s.receiptErrors.push(`${h.name} ${status}: ${res.status}`);
        return res.status;
      };
      await receipt("received");
      executed.add(id);
      s.executions.set(id, (s.executions.get(id) ?? 0) + 1);
      if ((await receipt("succeeded", { result: { bench: true } })) === 200)
        s.doneAt.set(id, performance.now());
    }
  }
}
