// Change feed for live pages (GET /api/v1/live) and command long-polls. Writers note what
// changed ("incident:<id>", "command:<id>", "host:<id>") on their transaction; inTransaction
// publishes the notes only after COMMIT, so a browser told "changed" always reads the new
// state, and a rolled back or retried attempt publishes nothing. Listeners in this process
// hear at once; on PostgreSQL the cluster bus (cluster-bus.ts) forwards every published key
// to the other instances over NOTIFY and hands theirs to deliverLocal. On PGlite (one
// process) there is no bus and nothing leaves the process.

import { processSingleton } from "../process-singleton.ts";

type Listener = (key: string) => void;
// Process-wide: a timer firing in the instrumentation graph must reach a page listening
// through a route (another module graph). The notes live and die with one transaction, whose
// code all runs in one graph, so they are plain module state.
const listeners = processSingleton("changeListeners", () => new Map<string, Set<Listener>>());
const notes = new WeakMap<object, Set<string>>();

export function beginChangeNotes(tx: object) {
  notes.set(tx, new Set());
}

export function takeChangeNotes(tx: object): string[] {
  const set = notes.get(tx);
  notes.delete(tx);
  return set ? [...set] : [];
}

/** Marks keys as changed by this transaction (published after it commits). */
export function noteChange(tx: object, ...keys: (string | null | undefined)[]) {
  const set = notes.get(tx);
  const real = keys.filter((k): k is string => Boolean(k));
  // Not inside inTransaction (a caller's own $transaction): publish a moment later rather
  // than never; the page re-reads, and polling covers a read that raced the commit.
  if (!set) return void setTimeout(() => publishChanges(real), 50);
  real.forEach((k) => set.add(k));
}

type Forward = (keys: string[]) => void;
const remote = processSingleton("changeForward", () => ({ forward: null as Forward | null }));

/** The cluster bus registers here; null unregisters. lib/db's change feed knows no transport. */
export function setChangeForwarder(fn: Forward | null) {
  remote.forward = fn;
}

/** Tells this process's listeners and, through the bus, every other instance's. */
export function publishChanges(keys: Iterable<string>) {
  const list = [...keys];
  if (!list.length) return;
  deliverLocal(list);
  remote.forward?.(list);
}

/** Tells only this process's listeners (what another instance published, or a local re-check). */
export function deliverLocal(keys: Iterable<string>) {
  for (const key of keys) listeners.get(key)?.forEach((fn) => fn(key));
}

/** Every key someone in this process listens to: after the bus lost its connection it
 *  may have missed notes, so it tells all of them "changed" once (a spurious re-read is cheap). */
export const listenedKeys = () => [...listeners.keys()];

/** Calls fn for every published change of one of keys; returns the unsubscribe. */
export function subscribeChanges(keys: string[], fn: Listener): () => void {
  for (const k of keys) {
    let set = listeners.get(k);
    if (!set) listeners.set(k, (set = new Set()));
    set.add(fn);
  }
  return () => {
    for (const k of keys) {
      const set = listeners.get(k);
      set?.delete(fn);
      if (set && set.size === 0) listeners.delete(k);
    }
  };
}
