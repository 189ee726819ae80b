// The agent hot paths under group commit (lib/db/group-commit.ts): receipts and claims that
// arrive together share one transaction, and one host's bad receipt does not fail another's.
import { expect, it, vi } from "vitest";

// Off by default (it measured no better, see docs/BENCHMARKS.md); these tests are about it.
vi.hoisted(() => {
  process.env.BREAKWATER_GROUP_COMMIT_MS = "2";
});

import { ADMIN, seedHost } from "../../test/command-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { groupCommitStats } from "../db/group-commit.ts";
import { AppError } from "../errors/app-error.ts";
import { claimCommands } from "./deliver-commands.ts";
import { issueCommand } from "./issue-command.ts";
import { recordReceipt } from "./record-receipt.ts";

describeDb("group commit on the agent paths", (t) => {
  async function deliveredTo(names: string[]) {
    const hosts = await Promise.all(names.map((n) => seedHost(t.db, n)));
    const { commandIds } = await issueCommand(
      {
        type: "kill_process",
        params: { pid: 4242 },
        hostIds: hosts.map((h) => h.id),
        comment: "group commit",
      },
      ADMIN,
    );
    // Each claim reads before it joins a group, so how many share a transaction depends on
    // timing: asserted for receipts, which join at once.
    const claimed = await Promise.all(hosts.map((h) => claimCommands(h)));
    const ids = claimed.map(([env]) => env.payload.id);
    expect(new Set(ids)).toEqual(new Set(commandIds));
    return { hosts, ids };
  }
  // Commits counted by the batcher itself (a row's xmin would name each job's savepoint).
  const commitsDuring = async <T>(fn: () => Promise<T>) => {
    const before = groupCommitStats();
    const out = await fn();
    const after = groupCommitStats();
    return {
      out,
      transactions: after.transactions - before.transactions,
      jobs: after.jobs - before.jobs,
    };
  };
  const receipt = (status: string) => ({ status, at: new Date().toISOString() });

  it("receipts sent together share one transaction", async () => {
    const { hosts, ids } = await deliveredTo(["gc-claim-1", "gc-claim-2", "gc-claim-3"]);
    const { out, transactions, jobs } = await commitsDuring(() =>
      Promise.all(hosts.map((h, i) => recordReceipt(h, ids[i], receipt("received")))),
    );
    expect({ transactions, jobs }).toEqual({ transactions: 1, jobs: 3 });
    expect(out.map((o) => o.status)).toEqual(["acknowledged", "acknowledged", "acknowledged"]);
    const rows = await t.db.command.findMany({
      where: { id: { in: ids } },
      select: { status: true },
    });
    expect(rows.map((r) => r.status)).toEqual(["acknowledged", "acknowledged", "acknowledged"]);
  });

  it("a refused receipt in the group gets its own error; the others commit with their audit", async () => {
    const { hosts, ids } = await deliveredTo(["gc-mix-1", "gc-mix-2"]);
    const auditBefore = await t.db.auditEntry.count({ where: { targetId: { in: ids } } });
    const { out, transactions } = await commitsDuring(() =>
      Promise.allSettled([
        recordReceipt(hosts[0], ids[0], receipt("succeeded")),
        // Host 2 answers for host 1's command: 404, its existence not revealed.
        recordReceipt(hosts[1], ids[0], receipt("failed")),
        recordReceipt(hosts[1], ids[1], receipt("succeeded")),
      ]),
    );
    expect(transactions).toBe(1);
    expect(out.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const err = (out[1] as PromiseRejectedResult).reason;
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("not_found");
    const rows = await t.db.command.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [ids[0]]: "succeeded",
      [ids[1]]: "succeeded",
    });
    const audit = await t.db.auditEntry.findMany({
      where: { targetId: { in: ids }, action: "command.succeeded" },
      select: { targetId: true },
    });
    expect(audit.map((a) => a.targetId).sort()).toEqual([...ids].sort());
    expect(await t.db.auditEntry.count({ where: { targetId: { in: ids } } })).toBe(auditBefore + 2);
  });
});
