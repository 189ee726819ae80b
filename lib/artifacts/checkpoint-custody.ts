import "server-only";
import { checkpointIfExtended } from "../audit/checkpoint.ts";
import { CHECKPOINT_INTERVAL_MS } from "../audit/checkpoint-timer.ts";
import { scheduleNextRun } from "../timers/recurring-timer.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { custodyChain } from "./custody.ts";

export const CUSTODY_CHECKPOINT_TIMER = "custody.checkpoint";

/** Every minute: a signed checkpoint of each artifact custody chain whose head moved since its
 *  last checkpoint (one query finds them; untouched chains cost nothing). */
export const checkpointCustodyChains: TimerHandler = async (tx, timer, now) => {
  const moved = await tx.$queryRaw<{ artifactId: string; seq: number; hash: string }[]>`
    SELECT h."artifactId", h."seq", h."hash"
    FROM (SELECT DISTINCT ON ("artifactId") "artifactId", "seq", "hash" FROM "CustodyEntry" ORDER BY "artifactId", "seq" DESC) h
    WHERE h."seq" > COALESCE((SELECT MAX(c."headSeq") FROM "ChainCheckpoint" c WHERE c."chain" = 'custody:' || h."artifactId"), 0)
    LIMIT 1000`;
  for (const h of moved) {
    await checkpointIfExtended(
      tx,
      custodyChain(h.artifactId),
      { seq: h.seq, hash: h.hash },
      async (seq) =>
        (
          await tx.custodyEntry.findUnique({
            where: { artifactId_seq: { artifactId: h.artifactId, seq } },
            select: { hash: true },
          })
        )?.hash,
      now,
    );
  }
  await scheduleNextRun(tx, timer, now, CHECKPOINT_INTERVAL_MS);
};
