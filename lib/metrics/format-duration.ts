/** "42 s", "4 m 12 s", "1 h 03 m", "2 d 4 h": the two largest units, never a bare number. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? "−" : "";
  if (s < 60) return `${sign}${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m} m ${String(s % 60).padStart(2, "0")} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${sign}${h} h ${String(m % 60).padStart(2, "0")} m`;
  return `${sign}${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Minutes as chart axes want them. */
export const toMinutes = (seconds: number | null) =>
  seconds === null ? null : Math.round((seconds / 60) * 10) / 10;
