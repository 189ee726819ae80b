import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { beforeCommit, inTransaction } from "./transaction.ts";

describeDb("before-commit hooks", (t) => {
  it("run in order inside the transaction, `last` ones after every ordinary one", async () => {
    const seen: string[] = [];
    await inTransaction(t.db, async (tx) => {
      beforeCommit(tx, async () => void seen.push("last"), { last: true });
      beforeCommit(tx, async () => {
        seen.push("a");
        // Registered while hooks run: still before the `last` one.
        beforeCommit(tx, async () => void seen.push("c"));
      });
      beforeCommit(tx, async () => void seen.push("b"));
      seen.push("body");
    });
    expect(seen).toEqual(["body", "a", "b", "c", "last"]);
  });

  it("a failing hook rolls the whole transaction back", async () => {
    const before = await t.db.auditEntry.count();
    await expect(
      inTransaction(t.db, async (tx) => {
        await appendAudit(tx, { actor: { type: "system", label: "test" }, action: "test.hook" });
        beforeCommit(tx, async () => {
          throw new Error("hook refused");
        });
      }),
    ).rejects.toThrow("hook refused");
    expect(await t.db.auditEntry.count()).toBe(before);
  });

  it("outside a hook scope, registration says so and the caller acts itself", async () => {
    await t.db.$transaction(async (tx) => expect(beforeCommit(tx, async () => {})).toBe(false));
  });
});
