"use client";
import { useSyncExternalStore } from "react";

// Per-browser display preferences, kept in localStorage (they describe the screen, not the
// person: a wall display and a laptop may differ). The server always renders the defaults;
// the inline script in app/layout.tsx applies the theme before first paint, so no flash.

export const PREFS = {
  theme: { key: "bw-theme", values: ["system", "light", "dark"] as const, fallback: "system" },
  clock: { key: "bw-clock", values: ["utc", "local"] as const, fallback: "utc" },
} as const;
type Prefs = typeof PREFS;
type Value<K extends keyof Prefs> = Prefs[K]["values"][number];

const listeners = new Set<() => void>();
const subscribe = (fn: () => void) => {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (!e.key || e.key.startsWith("bw-")) fn();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("storage", onStorage);
  };
};

function read<K extends keyof Prefs>(k: K): Value<K> {
  const p = PREFS[k];
  let v: string | null = null;
  try {
    v = window.localStorage.getItem(p.key);
  } catch {
    /* storage disabled: defaults */
  }
  return ((p.values as readonly string[]).includes(v ?? "") ? v : p.fallback) as Value<K>;
}

export function usePreference<K extends keyof Prefs>(k: K): [Value<K>, (v: Value<K>) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => read(k),
    () => PREFS[k].fallback as Value<K>,
  );
  const set = (v: Value<K>) => {
    try {
      window.localStorage.setItem(PREFS[k].key, v);
    } catch {
      /* keeps working for this page */
    }
    if (k === "theme") applyTheme(v as Value<"theme">);
    listeners.forEach((fn) => fn());
  };
  return [value, set];
}

export function applyTheme(pref: Value<"theme">) {
  const dark =
    pref === "dark" ||
    (pref === "system" && !window.matchMedia("(prefers-color-scheme: light)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.classList.toggle("light", !dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

// One ticking clock for every relative time on the page, not one interval per row.
let now = Date.now();
const tickers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribeNow(fn: () => void) {
  tickers.add(fn);
  if (!timer) {
    now = Date.now();
    queueMicrotask(fn);
  }
  timer ??= setInterval(() => {
    now = Date.now();
    tickers.forEach((t) => t());
  }, 1000);
  return () => {
    tickers.delete(fn);
    if (tickers.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
export const useNow = () =>
  useSyncExternalStore(
    subscribeNow,
    () => now,
    () => now,
  );
