// Issue 10: receipts that PostgreSQL cannot store (U+0000 in a reason or a result key, year
// 0000, a result nested thousands of levels deep) answered 500 from the INSERT or a recursive
// walk. Each must be a 400 problem+json through the real route, with nothing stored.
import { NextRequest } from "next/server";
import { beforeAll, expect, it } from "vitest";
import { POST as receiptsRoute } from "../../app/api/agent/v1/commands/[id]/receipts/route.ts";
import { GET as pollRoute } from "../../app/api/agent/v1/commands/route.ts";
import { seedHost, USER_A } from "../../test/command-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { issueCommand } from "./issue-command.ts";

const deep = (levels: number) => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { d: v };
  return v;
};
const at = () => new Date().toISOString();

describeDb("receipts with unstorable input", (t) => {
  let host: Awaited<ReturnType<typeof seedHost>>;
  let commandId: string;
  beforeAll(async () => {
    host = await seedHost(t.db, "ws-receipt-input");
    const r = await issueCommand(
      { type: "kill_process", params: { pid: 4242 }, hostIds: [host.id], comment: "receipt input" },
      USER_A,
    );
    commandId = r.commandIds[0];
    // Delivered, as the agent would have it before it sends any receipt.
    const poll = await pollRoute(
      new NextRequest("http://localhost/api/agent/v1/commands?waitSeconds=0", {
        headers: { authorization: `Bearer ${host.token}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(poll.status).toBe(200);
  });

  const post = async (body: string) => {
    const req = new NextRequest(`http://localhost/api/agent/v1/commands/${commandId}/receipts`, {
      method: "POST",
      headers: { authorization: `Bearer ${host.token}`, "content-type": "application/json" },
      body,
    });
    const res = await receiptsRoute(req, { params: Promise.resolve({ id: commandId }) });
    return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
  };
  const stored = async () => {
    const c = await t.db.command.findUniqueOrThrow({
      where: { id: commandId },
      select: { status: true, result: true, _count: { select: { receipts: true } } },
    });
    return { status: c.status, result: c.result, receipts: c._count.receipts };
  };

  it.each([
    [
      "a reason with U+0000",
      JSON.stringify({ status: "failed", at: at(), reason: "disk\u0000full" }),
      "reason",
    ],
    [
      "a reason with a lone surrogate",
      JSON.stringify({ status: "failed", at: at(), reason: "half \ud800 pair" }),
      "reason",
    ],
    ["at in year 0000", JSON.stringify({ status: "received", at: "0000-01-01T00:00:00Z" }), "at"],
    [
      "at in year 10000 once in UTC",
      JSON.stringify({ status: "received", at: "9999-12-31T23:30:00-05:00" }),
      "at",
    ],
    [
      "a result nested 3000 levels (well under 64 KiB)",
      JSON.stringify({ status: "succeeded", at: at(), result: deep(3000) }),
      "result",
    ],
    [
      "a result key with U+0000",
      JSON.stringify({ status: "succeeded", at: at(), result: { "pid\u0000": 1 } }),
      "result",
    ],
    [
      "a result value with U+0000 deep inside",
      JSON.stringify({ status: "succeeded", at: at(), result: { a: [{ b: "x\u0000" }] } }),
      "result",
    ],
  ])("%s → 400 naming the field, nothing stored", async (_name, body, field) => {
    const before = await stored();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.type).toContain("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await stored()).toEqual(before);
  });

  it("a storable receipt is still accepted", async () => {
    const res = await post(
      JSON.stringify({
        status: "succeeded",
        at: at(),
        result: { killed: [4242], note: "ünïcødé 💥" },
      }),
    );
    expect(res.status).toBe(200);
    expect(await stored()).toMatchObject({ status: "succeeded", receipts: 1 });
  });
});
