// Weekly buckets in the viewer's time zone. A week starts on Monday 00:00 local time, so
// across a daylight-saving change a week is 167 or 169 hours long, never shifted by one.

const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(tz: string, at: Date) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
    });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), weekday: WEEKDAY[p.weekday] };
}

/** The local calendar date (YYYY-MM-DD) of the Monday that starts `at`'s week in `tz`. */
export function weekStart(at: Date, tz: string): string {
  const { y, m, d, weekday } = partsIn(tz, at);
  // Calendar arithmetic on the local date, done in UTC so no zone can interfere.
  const monday = new Date(Date.UTC(y, m - 1, d - weekday));
  return monday.toISOString().slice(0, 10);
}

/** Every week start from the week of `from` to the week of `to`, so empty weeks show as gaps. */
export function weekStarts(from: Date, to: Date, tz: string): string[] {
  const out: string[] = [];
  const last = weekStart(to, tz);
  let cur = weekStart(from, tz);
  for (let i = 0; i < 70 && cur <= last; i++) {
    out.push(cur);
    const [y, m, d] = cur.split("-").map(Number);
    cur = new Date(Date.UTC(y, m - 1, d + 7)).toISOString().slice(0, 10);
  }
  return out;
}
