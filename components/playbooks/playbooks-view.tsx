"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card, Table } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { playbookKeys } from "@/lib/playbooks/queries";
import { ApiError, apiFetch } from "@/lib/query/client";

type List = {
  playbooks: {
    slug: string;
    title: string;
    latest: number;
    versions: {
      version: number;
      source: string;
      publishedAt: string;
      contentHash: string;
      runs: number;
    }[];
  }[];
  drafts: { id: string; slug: string; baseVersion: number | null; updatedAt: string }[];
};
type ImportReport = { level: string; path: string; message: string };

export function PlaybooksView({ canPublish }: { canPublish: boolean }) {
  const q = useQuery({
    queryKey: playbookKeys.list(),
    queryFn: () => apiFetch<List>("/api/v1/playbooks"),
    refetchInterval: 10_000,
  });
  if (q.isPending) return <p className="text-muted">Loading…</p>;
  if (q.isError)
    return (
      <Card role="alert" className="text-danger">
        Could not load playbooks: {q.error.message}
      </Card>
    );
  return (
    <div className="space-y-6">
      <Table aria-label="Playbooks" head={["Playbook", "Latest", "Versions", "Runs", "Published"]}>
        {q.data.playbooks.map((p) => (
          <tr key={p.slug}>
            <td>
              <Link
                href={`/playbooks/${p.slug}`}
                className="font-medium text-accent hover:underline"
              >
                {p.title}
              </Link>{" "}
              <span className="text-xs text-muted">{p.slug}</span>
            </td>
            <td>
              <Badge tone="accent">v{p.latest}</Badge>
            </td>
            <td className="tabular-nums">{p.versions.length}</td>
            <td className="tabular-nums">{p.versions.reduce((n, v) => n + v.runs, 0)}</td>
            <td className="text-xs text-muted">
              <Time value={p.versions[0].publishedAt} /> ({p.versions[0].source})
            </td>
          </tr>
        ))}
      </Table>
      {canPublish && q.data.drafts.length ? (
        <section aria-labelledby="drafts-h">
          <h2 id="drafts-h" className="mb-2 font-semibold">
            Open drafts
          </h2>
          <ul className="space-y-1 text-sm">
            {q.data.drafts.map((d) => (
              <li key={d.id}>
                <Link className="text-accent hover:underline" href={`/playbooks/drafts/${d.id}`}>
                  {d.slug}
                  {d.baseVersion ? ` (from v${d.baseVersion})` : ""}
                </Link>{" "}
                <span className="text-xs text-muted">
                  edited <Time value={d.updatedAt} relative />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canPublish ? <CacaoImport /> : null}
    </div>
  );
}

function CacaoImport() {
  const router = useRouter();
  const [text, setText] = useState("");
  const imp = useMutation({
    mutationFn: () => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error("That is not JSON.");
      }
      return apiFetch<{ draftId: string; report: ImportReport[] }>("/api/v1/playbooks/import", {
        method: "POST",
        body: JSON.stringify(body),
      });
    },
  });
  const problems = imp.error instanceof ApiError ? (imp.error.problem.errors ?? []) : [];
  return (
    <Card aria-labelledby="import-h" className="space-y-2">
      <h2 id="import-h" className="font-semibold">
        Import a CACAO 2.0 playbook
      </h2>
      <label htmlFor="cacao-json" className="block text-sm text-muted">
        Paste the playbook JSON. It becomes a draft you review and publish; anything we cannot map
        is listed.
      </label>
      <textarea
        id="cacao-json"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={6}
        className="w-full rounded-md border border-line bg-panel-2 p-2 font-mono text-xs"
      />
      <Button type="button" onClick={() => imp.mutate()} disabled={!text || imp.isPending}>
        Import
      </Button>
      {imp.isError ? (
        <div role="alert" className="text-sm text-danger">
          {imp.error.message}
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.path}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {imp.data ? (
        <div className="space-y-1 text-sm" role="status">
          <p>
            Imported as a draft.{" "}
            <button
              type="button"
              className="text-accent hover:underline"
              onClick={() => router.push(`/playbooks/drafts/${imp.data.draftId}`)}
            >
              Open the draft →
            </button>
          </p>
          <ul className="space-y-0.5">
            {imp.data.report.map((r, i) => (
              <li
                key={i}
                className={
                  r.level === "unmapped"
                    ? "text-danger"
                    : r.level === "warning"
                      ? "text-warn"
                      : "text-muted"
                }
              >
                {r.level}: {r.path} — {r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
