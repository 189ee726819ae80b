"use client";
import { formatClock, formatRelative } from "@/lib/ui/clock";
import { cn } from "@/lib/ui/cn";
import { useNow, usePreference } from "@/lib/ui/preferences";

/** Every date in the console goes through here: the exact time with its zone (UTC or the
 *  viewer's, per the clock setting), or a relative time with the exact one on hover. */
export function Time({
  value,
  relative,
  ms,
  date,
  className,
}: {
  value: string | null | undefined;
  relative?: boolean;
  ms?: boolean;
  date?: boolean;
  className?: string;
}) {
  const [zone] = usePreference("clock");
  const now = useNow();
  if (!value) return <span className={className}>—</span>;
  const exact = formatClock(value, { zone, ms });
  return (
    <time
      dateTime={value}
      title={exact}
      className={cn("whitespace-nowrap", className)}
      suppressHydrationWarning
    >
      {relative ? formatRelative(value, now) : formatClock(value, { zone, ms, date })}
    </time>
  );
}
