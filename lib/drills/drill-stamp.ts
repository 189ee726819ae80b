/** "T+04:12" (or "T+1:02:05") for a drill-ms offset: how the console writes drill time. */
export function drillStamp(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h ? `T+${h}:${mm}:${ss}` : `T+${mm}:${ss}`;
}
