// What the console does when a request says the session is over (401): send the person to
// the sign-in page once, and not at all while the browser is already leaving the page. A
// link, a reload or a typed URL reaches the server, which redirects to /login itself;
// navigating from a poll's 401 on top of it cancels the navigation the person asked for
// (they land on the login for the page they left, after a double redirect — and a browser
// test sees net::ERR_ABORTED). Several polls answering 401 at once navigate once.

let redirecting = false;
let leavingUntil = 0;
// How long a started navigation may take before we assume it was cancelled (a download,
// a "stay on page").
const LEAVING_MS = 10_000;

if (typeof window !== "undefined") {
  const leaving = () => (leavingUntil = Date.now() + LEAVING_MS);
  window.addEventListener("beforeunload", leaving);
  window.addEventListener("pagehide", leaving);
}

/** Starts the one redirect to the sign-in page unless a navigation is already under way. */
export function redirectToLogin() {
  if (redirecting || Date.now() < leavingUntil) return;
  redirecting = true;
  window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
}

/**
 * For data fetches that got a 401: redirect, and leave the caller pending instead of failing,
 * so the view keeps what it shows (no error flashes) until the page is replaced. If the page
 * is somehow still here later, fail then, so the next poll can try again.
 */
export function sessionEnded<T>(fail: () => Error): Promise<T> {
  redirectToLogin();
  return new Promise<T>((_, reject) =>
    setTimeout(() => {
      redirecting = false;
      reject(fail());
    }, LEAVING_MS),
  );
}
