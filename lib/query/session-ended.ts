// What the console does when a request says the session is over (401): it says so, in
// place, and stops polling — it does not navigate by itself. A poll that navigated to
// /login raced whatever the person was doing: a link, a reload or a typed URL got cancelled
// by it (they landed on the login for the page they had left, after a double redirect; a
// browser test saw net::ERR_ABORTED), and a half-written note was yanked away. Their next
// navigation reaches the server, which redirects to /login itself; the notice offers the
// sign-in link meanwhile (components/shell/session-ended-notice.tsx).
let ended = false;
const listeners = new Set<() => void>();

export function markSessionEnded() {
  if (ended) return;
  ended = true;
  listeners.forEach((l) => l());
}

/** For useSyncExternalStore (components/shell/session-ended-notice.tsx). */
export function subscribeSessionEnded(l: () => void) {
  listeners.add(l);
  return () => void listeners.delete(l);
}
export const isSessionEnded = () => ended;

/** A read that got a 401 never settles: the view keeps what it shows (no error flashes
 *  under the notice) and the query stops polling. */
export function sessionEndedRead<T>(): Promise<T> {
  markSessionEnded();
  return new Promise<T>(() => {});
}
