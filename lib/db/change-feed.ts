// In-process change feed for live pages (GET /api/v1/live). Writers note what changed
// ("incident:<id>", "command:<id>") on their transaction; inTransaction publishes the notes
// only after COMMIT, so a browser told "changed" always reads the new state, and a rolled
// back or retried attempt publishes nothing. Other instances' changes reach a page through
// its polling fallback (one process's memory is not a cluster bus; see DESIGN "Scale").

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

export function publishChanges(keys: Iterable<string>) {
  for (const key of keys) listeners.get(key)?.forEach((fn) => fn(key));
}

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
