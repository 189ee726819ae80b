"use client";
import { useQueryClient } from "@tanstack/react-query";
import { Upload as UploadIcon, X } from "lucide-react";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/input";
import { artifactKeys } from "@/lib/artifacts/queries";
import { ARTIFACT_KINDS, type ArtifactKind } from "@/lib/artifacts/schemas";
import {
  startArtifactUpload,
  type UploadHandle,
  type UploadProgress,
} from "@/lib/artifacts/upload-client";
import { cn } from "@/lib/ui/cn";
import { formatBytes, KIND_LABEL } from "./format";

type Item = { key: string; file: File; progress: UploadProgress; handle?: UploadHandle };

function guessKind(name: string): ArtifactKind {
  const n = name.toLowerCase();
  if (/\.(pcap|pcapng|cap)$/.test(n)) return "network_capture";
  if (/\.(dmp|mdmp|core)$/.test(n)) return "process_dump";
  if (/\.(raw|mem|lime|vmem)$/.test(n)) return "memory_image";
  if (/\.(png|jpe?g|webp|gif)$/.test(n)) return "screenshot";
  if (/\.(log|txt|jsonl?|evtx)$/.test(n)) return "log";
  return "other";
}

/** Drag-and-drop (or pick) several files; each gets its own hashing/upload progress bar and
 *  resumes after a dropped connection or a page reload when the same file is dropped again. */
export function ArtifactUploader({ incidentId }: { incidentId: string }) {
  const qc = useQueryClient();
  const [items, setItems] = useState<Item[]>([]);
  const [kind, setKind] = useState<ArtifactKind | "auto">("auto");
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const update = useCallback(
    (key: string, p: UploadProgress) => {
      setItems((all) => all.map((i) => (i.key === key ? { ...i, progress: p } : i)));
      if (p.phase === "done") void qc.invalidateQueries({ queryKey: artifactKeys.all });
    },
    [qc],
  );

  const add = (files: FileList | null) => {
    if (!files?.length) return;
    const next: Item[] = Array.from(files).map((file) => {
      const key = `${file.name}:${file.size}:${file.lastModified}:${Math.random()}`;
      const item: Item = {
        key,
        file,
        progress: { phase: "hashing", fraction: 0, bytes: 0, total: file.size },
      };
      item.handle = startArtifactUpload(
        file,
        { kind: kind === "auto" ? guessKind(file.name) : kind, incidentId },
        (p) => update(key, p),
      );
      return item;
    });
    setItems((all) => [...next, ...all]);
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          id="upload-kind"
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as ArtifactKind | "auto")}
        >
          <option value="auto">From file name</option>
          {ARTIFACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </SelectField>
      </div>
      <div
        role="button"
        tabIndex={0}
        aria-label="Drop files here or press Enter to choose files to upload as evidence"
        data-testid="artifact-dropzone"
        onClick={() => input.current?.click()}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            input.current?.click();
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          add(e.dataTransfer.files);
        }}
        className={cn(
          "flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed border-line p-6 text-sm text-muted focus:border-accent focus:outline-none",
          over && "border-accent bg-panel-2 text-fg",
        )}
      >
        <UploadIcon className="h-5 w-5" aria-hidden />
        <span>
          Drop files here, or click to choose. Several at once; SHA-256 is computed in your browser
          and checked by the server.
        </span>
        <input
          ref={input}
          type="file"
          multiple
          className="hidden"
          data-testid="artifact-file-input"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = "";
          }}
        />
      </div>
      {items.length ? (
        <ul className="space-y-2" aria-live="polite">
          {items.map((i) => (
            <UploadRow key={i.key} item={i} onCancel={() => i.handle?.abort()} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function UploadRow({ item, onCancel }: { item: Item; onCancel: () => void }) {
  const p = item.progress;
  const pct = Math.round(p.fraction * 100);
  const label = {
    hashing: "Hashing",
    uploading: p.resumed ? "Resumed, uploading" : "Uploading",
    done: "Verified and stored",
    error: "Failed",
    paused: "Paused — drop the file again to resume",
  }[p.phase];
  return (
    <li
      className="rounded-md border border-line bg-panel-2 p-3"
      data-testid="upload-row"
      data-phase={p.phase}
    >
      <div className="flex items-center justify-between gap-3 text-sm">
        <span className="truncate font-medium">{item.file.name}</span>
        <span className="shrink-0 text-xs text-muted">{formatBytes(item.file.size)}</span>
      </div>
      <div
        className="mt-2 h-2 overflow-hidden rounded bg-bg"
        role="progressbar"
        aria-label={`${label} ${item.file.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div
          className={cn(
            "h-full transition-[width]",
            p.phase === "error"
              ? "bg-danger"
              : p.phase === "done"
                ? "bg-ok"
                : p.phase === "hashing"
                  ? "bg-warn"
                  : "bg-accent",
          )}
          style={{ width: `${p.phase === "error" ? 100 : pct}%` }}
        />
      </div>
      <div className="mt-1 flex items-center justify-between gap-2 text-xs">
        <span
          className={p.phase === "error" ? "text-danger" : "text-muted"}
          role={p.phase === "error" ? "alert" : undefined}
        >
          {label}
          {p.phase === "hashing" || p.phase === "uploading"
            ? ` ${pct}% (${formatBytes(p.bytes)})`
            : ""}
          {p.error ? `: ${p.error}` : ""}
        </span>
        {p.phase === "done" && p.artifactId ? (
          <Link className="text-accent underline" href={`/artifacts/${p.artifactId}`}>
            Open artifact
          </Link>
        ) : null}
        {p.phase === "hashing" || p.phase === "uploading" ? (
          <Button
            variant="ghost"
            className="px-1 py-0"
            aria-label={`Pause upload of ${item.file.name}`}
            onClick={onCancel}
          >
            <X className="h-3 w-3" aria-hidden /> Pause
          </Button>
        ) : null}
      </div>
    </li>
  );
}
