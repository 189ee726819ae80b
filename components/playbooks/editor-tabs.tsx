"use client";
import { useRef } from "react";
import { cn } from "@/lib/ui/cn";

export type EditorTab = "yaml" | "form";
const TABS: { key: EditorTab; label: string }[] = [
  { key: "yaml", label: "YAML" },
  { key: "form", label: "Form" },
];

/** The YAML | Form switch of the draft editor, as a WAI-ARIA tab list (arrow keys move). */
export function EditorTabs({ tab, onTab }: { tab: EditorTab; onTab: (t: EditorTab) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <div role="tablist" aria-label="Edit the draft as" className="flex gap-1 border-b border-line">
      {TABS.map((t, i) => (
        <button
          key={t.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`editor-tab-${t.key}`}
          aria-selected={tab === t.key}
          aria-controls={`editor-panel-${t.key}`}
          tabIndex={tab === t.key ? 0 : -1}
          onClick={() => onTab(t.key)}
          onKeyDown={(e) => {
            if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
            e.preventDefault();
            const next = (i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
            onTab(TABS[next].key);
            refs.current[next]?.focus();
          }}
          className={cn(
            "-mb-px rounded-t-md border border-transparent px-3 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-accent",
            tab === t.key
              ? "border-line border-b-panel bg-panel font-semibold text-fg"
              : "text-muted hover:text-fg",
          )}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
