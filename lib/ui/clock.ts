// The console's one clock format: "2026-12-01 20:31:08 UTC" (or "… 21:31:08 GMT+1" in the
// viewer's zone). Always the zone, always 24 h, year first so times sort as they read;
// milliseconds only where order within a second matters (a command's lifecycle).

export type ClockZone = "utc" | "local";

type Opts = { zone?: ClockZone; ms?: boolean; date?: boolean; timeZone?: string };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string | undefined) {
  const k = timeZone ?? "";
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    cache.set(k, f);
  }
  return f;
}

/** The exact time, zone included. `timeZone` (an IANA name) is for tests; the UI passes a zone. */
export function formatClock(value: string | Date | null | undefined, opts: Opts = {}): string {
  if (value === null || value === undefined || value === "") return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  const tz = opts.timeZone ?? (opts.zone === "local" ? undefined : "UTC");
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  const zone = tz === "UTC" ? "UTC" : p.timeZoneName;
  const time = `${p.hour}:${p.minute}:${p.second}${opts.ms ? "." + String(d.getUTCMilliseconds()).padStart(3, "0") : ""}`;
  return `${opts.date === false ? "" : `${p.year}-${p.month}-${p.day} `}${time} ${zone}`;
}

/** "12s ago", "5m ago", "3h ago", "2d ago"; future times read "in 4m". */
export function formatRelative(value: string | Date, now: number): string {
  const t = typeof value === "string" ? Date.parse(value) : value.getTime();
  const diff = Math.round((now - t) / 1000);
  const s = Math.abs(diff);
  const text =
    s < 60
      ? `${s}s`
      : s < 3600
        ? `${Math.floor(s / 60)}m`
        : s < 86400
          ? `${Math.floor(s / 3600)}h`
          : `${Math.floor(s / 86400)}d`;
  // Clocks disagree by a little: up to a minute ahead still reads as "just now".
  if (diff < 5 && diff > -60) return "just now";
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}
