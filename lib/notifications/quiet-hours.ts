// Quiet hours, pure: when an e-mail that is not about a critical incident may be sent to
// someone who asked not to be woken (lib/notifications/enqueue-emails.ts).

export type QuietHours = { quietFrom: string | null; quietTo: string | null; timeZone: string };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
};

/** The wall-clock minute of the day (0–1439) at `at` in `timeZone`. */
function localMinute(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

/** When the quiet window that holds `now` ends, or null when `now` is outside it (or no
 *  window is set). A window may cross midnight (22:00–07:00); from = to means none. The end
 *  is counted in minutes from now, so a DST change inside the window moves it by the hour
 *  the clock jumped, which is the price of not shipping a time-zone library. */
export function quietUntil(now: Date, q: QuietHours): Date | null {
  if (!q.quietFrom || !q.quietTo) return null;
  const from = minutesOf(q.quietFrom);
  const to = minutesOf(q.quietTo);
  if (from === to) return null;
  const m = localMinute(now, q.timeZone);
  const inside = from < to ? m >= from && m < to : m >= from || m < to;
  if (!inside) return null;
  const wait = (to - m + 1440) % 1440;
  const startOfMinute = now.getTime() - (now.getTime() % 60_000);
  return new Date(startOfMinute + wait * 60_000);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
