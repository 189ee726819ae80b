"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { playbookKeys } from "@/lib/playbooks/queries";
import { apiFetch } from "@/lib/query/client";
import { CompareVersions } from "./compare-versions";

type Version = {
  slug: string;
  version: number;
  title: string;
  content: string;
  contentHash: string;
  source: string;
  publishedAt: string;
};
type List = {
  playbooks: {
    slug: string;
    versions: { version: number; source: string; publishedAt: string; runs: number }[];
  }[];
};

export function PlaybookDetail({ slug, canPublish }: { slug: string; canPublish: boolean }) {
  const router = useRouter();
  const list = useQuery({
    queryKey: playbookKeys.list(),
    queryFn: () => apiFetch<List>("/api/v1/playbooks"),
  });
  const versions = list.data?.playbooks.find((p) => p.slug === slug)?.versions ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const current = picked ?? versions[0]?.version ?? null;
  const v = useQuery({
    queryKey: playbookKeys.version(slug, current ?? 0),
    queryFn: () => apiFetch<Version>(`/api/v1/playbooks/${slug}/versions/${current}`),
    enabled: current !== null,
  });
  const draft = useMutation({
    mutationFn: () =>
      apiFetch<{ id: string }>("/api/v1/playbooks/drafts", {
        method: "POST",
        body: JSON.stringify({ slug, baseVersion: current }),
      }),
    onSuccess: (d) => router.push(`/playbooks/drafts/${d.id}`),
  });
  if (list.isPending) return <p className="text-muted">Loading…</p>;
  if (!versions.length)
    return (
      <Card role="alert">
        No published playbook “{slug}”.{" "}
        <Link href="/playbooks" className="text-accent">
          Back
        </Link>
      </Card>
    );
  return (
    <div className="grid gap-6 lg:grid-cols-4">
      <nav aria-label="Version history" className="space-y-1 lg:col-span-1">
        <h2 className="mb-2 font-semibold">Versions</h2>
        {versions.map((x) => (
          <button
            key={x.version}
            type="button"
            onClick={() => setPicked(x.version)}
            aria-current={x.version === current ? "true" : undefined}
            className={`block w-full rounded-md px-3 py-2 text-left text-sm ${x.version === current ? "bg-panel-2" : "hover:bg-panel-2"}`}
          >
            v{x.version}{" "}
            <span className="text-xs text-muted">
              · {x.source} · <Time value={x.publishedAt} /> · {x.runs} run{x.runs === 1 ? "" : "s"}
            </span>
          </button>
        ))}
      </nav>
      <section className="space-y-3 lg:col-span-3" aria-label="Version content">
        {v.data ? (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-lg font-semibold">{v.data.title}</h2>
              <Badge tone="accent">v{v.data.version}</Badge>
              <code className="text-xs text-muted">sha256 {v.data.contentHash}</code>
            </div>
            <div className="flex flex-wrap gap-2">
              <a
                className="rounded-md border border-line bg-panel-2 px-3 py-1.5 text-sm hover:bg-line"
                href={`/api/v1/playbooks/${slug}/versions/${v.data.version}?format=yaml`}
                download
              >
                Download YAML (v{v.data.version}.yaml)
              </a>
              <a
                className="rounded-md border border-line bg-panel-2 px-3 py-1.5 text-sm hover:bg-line"
                href={`/api/v1/playbooks/${slug}/versions/${v.data.version}?format=cacao`}
                download
              >
                Export CACAO 2.0
              </a>
              {canPublish ? (
                <Button type="button" onClick={() => draft.mutate()} disabled={draft.isPending}>
                  New draft from v{v.data.version}
                </Button>
              ) : null}
            </div>
            {draft.isError ? (
              <p role="alert" className="text-danger">
                {draft.error.message}
              </p>
            ) : null}
            <CompareVersions slug={slug} versions={versions.map((x) => x.version)} />
            <pre
              className="max-h-[70vh] overflow-auto rounded-lg border border-line bg-panel p-3 text-xs"
              data-testid="playbook-yaml"
            >
              {v.data.content}
            </pre>
          </>
        ) : v.isError ? (
          <p role="alert" className="text-danger">
            {v.error.message}
          </p>
        ) : (
          <p className="text-muted">Loading…</p>
        )}
      </section>
    </div>
  );
}
