import "server-only";
import { env } from "../env.ts";
import { isTransientTxError } from "../errors/transient.ts";
import { processSingleton } from "../process-singleton.ts";
import { telemetry } from "../telemetry.ts";
import { beginChangeNotes, publishChanges, takeChangeNotes } from "./change-feed.ts";
import { inTransaction, type Tx, withBeforeCommit } from "./transaction.ts";

// Group commit for the agent hot paths (command claims, receipts, small event batches): jobs
// that arrive within BREAKWATER_GROUP_COMMIT_MS of each other share one transaction, so a
// fleet's worth of tiny writes pays for one COMMIT (and one of every lock a commit-time step
// takes) per group instead of one each. Each job runs in its own SAVEPOINT with its own
// before-commit scope and change notes: a job that throws rolls back to its savepoint — its
// rows, hooks and audit entries vanish with it — and gets its own error, while the others
// commit. Every caller is answered only after the shared COMMIT.

type Job = {
  fn: (tx: Tx) => Promise<unknown>;
  at: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};
type Outcome = { ok: true; value: unknown; changed: string[] } | { ok: false; error: unknown };

// At most this many groups hold a connection at once; the rest of the jobs wait here in memory
// (cheap) rather than at the pool, whose wait times out (a fleet reconnecting would be 503s).
const GROUPS_IN_FLIGHT = 6;

const state = processSingleton("groupCommit", () => ({
  queue: [] as Job[],
  running: 0,
  timer: null as ReturnType<typeof setTimeout> | null,
  drainQueued: false,
  committed: { transactions: 0, jobs: 0 },
}));

/** Committed group transactions and the jobs they carried, since the process started: how
 *  well grouping works under the current load (jobs / transactions). */
export const groupCommitStats = () => ({ ...state.committed });

/** Runs fn in a transaction shared with the other jobs of its group; resolves after COMMIT.
 *  fn may be re-run (the whole group retries a deadlock), so it must not act outside tx. */
export function groupCommit<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    state.queue.push({ fn, at: Date.now(), resolve: resolve as (v: unknown) => void, reject });
    // Decide after the current turn, not inside this call: jobs queued in one synchronous turn
    // (a fleet's receipts handled together) then always share a group. Deciding here split
    // them whenever the process was descheduled between the push and the window check.
    if (state.drainQueued) return;
    state.drainQueued = true;
    queueMicrotask(() => {
      state.drainQueued = false;
      drain();
    });
  });
}

function limits() {
  const windowMs = env.BREAKWATER_GROUP_COMMIT_MS;
  // 0 turns grouping off: every job is a transaction of its own, as without this module.
  return { windowMs, maxJobs: windowMs === 0 ? 1 : env.BREAKWATER_GROUP_COMMIT_MAX };
}

function drain() {
  const { windowMs, maxJobs } = limits();
  while (state.running < GROUPS_IN_FLIGHT && state.queue.length) {
    const waited = Date.now() - state.queue[0].at;
    // A group starts full, or once its oldest job has waited the window. Jobs that queued
    // while every slot was busy have waited already and go at once.
    if (state.queue.length < maxJobs && waited < windowMs) {
      state.timer ??= setTimeout(() => {
        state.timer = null;
        drain();
      }, windowMs - waited);
      return;
    }
    void runGroup(state.queue.splice(0, maxJobs));
  }
}

async function runGroup(jobs: Job[]) {
  state.running++;
  try {
    if (jobs.length === 1) {
      // Alone: a plain transaction, no savepoint to pay for.
      await inTransaction(undefined, jobs[0].fn).then((v) => {
        committed(1);
        jobs[0].resolve(v);
      }, jobs[0].reject);
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = await inTransaction(undefined, (tx) => runJobs(tx, jobs));
    } catch (e) {
      // The shared transaction itself failed (retries spent, connection lost): nothing of
      // any job committed, so each caller gets that error.
      for (const job of jobs) job.reject(e);
      return;
    }
    committed(jobs.length);
    outcomes.forEach((o, i) => {
      if (!o.ok) return jobs[i].reject(o.error);
      publishChanges(o.changed);
      jobs[i].resolve(o.value);
    });
  } finally {
    state.running--;
    drain();
  }
}

function committed(jobs: number) {
  state.committed.transactions++;
  state.committed.jobs += jobs;
  telemetry.groupCommitTransactions.inc();
  telemetry.groupCommitJobs.inc(jobs);
}

async function runJobs(tx: Tx, jobs: Job[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const job of jobs) {
    // A view of tx of its own: hook scopes, audit queues and change notes are keyed by the
    // transaction client, so the job's end-of-transaction work runs (and can roll back) at
    // the end of its savepoint instead of mixing with its neighbours'.
    const jobTx = jobView(tx);
    await tx.$executeRawUnsafe("SAVEPOINT bw_group_job");
    beginChangeNotes(jobTx);
    try {
      const value = await withBeforeCommit(jobTx, job.fn);
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT bw_group_job");
      outcomes.push({ ok: true, value, changed: takeChangeNotes(jobTx) });
    } catch (error) {
      takeChangeNotes(jobTx);
      // A deadlock or serialization failure is the shared transaction's: PostgreSQL chose it
      // as the victim, so the whole group re-runs (inTransaction retries it).
      if (isTransientTxError(error)) throw error;
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT bw_group_job");
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT bw_group_job");
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

/** The same client under another identity: every call still goes to tx. */
function jobView(tx: Tx): Tx {
  return new Proxy(tx, {});
}
