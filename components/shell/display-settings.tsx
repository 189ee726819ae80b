"use client";
import { Monitor, Moon, Sun } from "lucide-react";
import { useEffect } from "react";
import { cn } from "@/lib/ui/cn";
import { applyTheme, usePreference } from "@/lib/ui/preferences";

const THEMES = [
  { value: "system", label: "System", Icon: Monitor },
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
] as const;

/** Theme (follows the system unless set) and clock zone, per browser. */
export function DisplaySettings() {
  const [theme, setTheme] = usePreference("theme");
  const [clock, setClock] = usePreference("clock");
  // "System" must follow the system live (an OS switching to dark at dusk).
  useEffect(() => {
    if (theme !== "system") return;
    const mq = window.matchMedia("(prefers-color-scheme: light)");
    const on = () => applyTheme("system");
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, [theme]);
  return (
    <div className="space-y-2 border-t border-line p-3 text-xs">
      <div role="radiogroup" aria-label="Theme" className="flex gap-1">
        {THEMES.map(({ value, label, Icon }) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={theme === value}
            onClick={() => setTheme(value)}
            title={`${label} theme`}
            className={cn(
              "flex flex-1 items-center justify-center gap-1 rounded px-1.5 py-1",
              theme === value ? "bg-panel-2 text-fg" : "text-muted hover:text-fg",
            )}
          >
            <Icon size={12} aria-hidden /> {label}
          </button>
        ))}
      </div>
      <label className="flex items-center justify-between gap-2 text-muted">
        Times in
        <select
          value={clock}
          onChange={(e) => setClock(e.target.value as "utc" | "local")}
          className="rounded border border-line bg-bg px-1 py-0.5 text-fg"
          aria-label="Show times in"
        >
          <option value="utc">UTC</option>
          <option value="local">my time zone</option>
        </select>
      </label>
    </div>
  );
}
