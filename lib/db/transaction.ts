import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { getDb, type Db } from "./index.ts";

export type Tx = Prisma.TransactionClient;

/** Runs fn in a transaction, joining the caller's if `db` already is one, so use cases
 *  compose: the change, its timeline entry and its audit entry commit together or not at all. */
export async function inTransaction<T>(db: Db | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = db ?? (await getDb());
  if ("$transaction" in client && typeof client.$transaction === "function") {
    return client.$transaction(fn, { timeout: 20_000, maxWait: 10_000 });
  }
  return fn(client as Tx);
}
