"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { readPlaybookForm, writePlaybookForm } from "@/lib/playbooks/playbook-form-yaml";
import { type DraftView, type Issue, playbookKeys, useDraft } from "@/lib/playbooks/queries";
import { ApiError, apiFetch } from "@/lib/query/client";
import { type EditorTab, EditorTabs } from "./editor-tabs";
import { PlaybookForm } from "./playbook-form";
import { SemanticDiffList } from "./semantic-diff-list";

/** The draft as YAML or as a form (both edit the same text), with live validation, a semantic
 *  diff against the base version, and publish. */
export function DraftEditor({ id }: { id: string }) {
  const qc = useQueryClient();
  const q = useDraft(id);
  const [text, setText] = useState<string | null>(null);
  const [live, setLive] = useState<Issue[] | null>(null);
  const [tab, setTab] = useState<EditorTab>("yaml");
  // Comments in the YAML when the form was last opened: the YAML tab says if form edits lost any.
  const [commentsAtForm, setCommentsAtForm] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const content = text ?? q.data?.draft.content ?? "";
  const form = useMemo(() => readPlaybookForm(content), [content]);

  useEffect(() => {
    if (text === null) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      try {
        const r = await apiFetch<{ ok: boolean; issues: Issue[] }>("/api/v1/playbooks/validate", {
          method: "POST",
          body: JSON.stringify({ content: text }),
        });
        setLive(r.issues);
      } catch (e) {
        setLive([{ path: "(request)", message: (e as Error).message }]);
      }
    }, 300);
  }, [text]);

  const save = useMutation({
    mutationFn: () =>
      apiFetch<DraftView>(`/api/v1/playbooks/drafts/${id}`, {
        method: "PUT",
        // The version this editor loaded: a save over someone else's newer save is a 409.
        body: JSON.stringify({ content, expectedUpdatedAt: q.data?.draft.updatedAt }),
      }),
    onSuccess: (d) => qc.setQueryData(playbookKeys.draft(id), d),
  });
  const publish = useMutation({
    mutationFn: async () => {
      const saved = await apiFetch<DraftView>(`/api/v1/playbooks/drafts/${id}`, {
        method: "PUT",
        body: JSON.stringify({ content, expectedUpdatedAt: q.data?.draft.updatedAt }),
      });
      qc.setQueryData(playbookKeys.draft(id), saved);
      return apiFetch<{ slug: string; version: number; contentHash: string }>(
        `/api/v1/playbooks/drafts/${id}/publish`,
        { method: "POST" },
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: playbookKeys.all }),
  });

  if (q.isPending) return <p className="text-muted">Loading…</p>;
  if (q.isError)
    return (
      <Card role="alert" className="text-danger">
        {q.error.message}
      </Card>
    );
  const d = q.data;
  const issues = live ?? d.issues;
  const published = d.draft.publishedAt || publish.data;
  const publishedVersion = publish.data?.version ?? d.publishedVersion;
  const pubErrors = publish.error instanceof ApiError ? (publish.error.problem.errors ?? []) : [];
  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="space-y-2 lg:col-span-3">
        <p className="text-sm text-muted" id="draft-status">
          {d.draft.slug}
          {d.draft.baseVersion ? `, based on v${d.draft.baseVersion}` : ""};{" "}
          {published
            ? `published as v${publishedVersion ?? "?"} (read-only)`
            : `publishes as v${d.nextVersion}`}
        </p>
        <EditorTabs
          tab={tab}
          onTab={(t) => {
            if (t === "form" && form.ok) setCommentsAtForm(form.comments);
            setTab(t);
          }}
        />
        {tab === "yaml" ? (
          <div role="tabpanel" id="editor-panel-yaml" aria-labelledby="editor-tab-yaml">
            {commentsAtForm !== null && form.ok && form.comments < commentsAtForm ? (
              <p role="status" className="mb-2 text-sm text-warn" data-testid="comments-lost">
                Your form edits rewrote parts of the YAML that held comments:{" "}
                {commentsAtForm - form.comments} comment
                {commentsAtForm - form.comments === 1 ? " is" : "s are"} gone. Everything else is
                kept.
              </p>
            ) : null}
            <label htmlFor="draft-yaml" className="mb-1 block text-sm text-muted">
              Playbook YAML
            </label>
            <textarea
              id="draft-yaml"
              value={content}
              onChange={(e) => setText(e.target.value)}
              spellCheck={false}
              rows={32}
              readOnly={Boolean(published)}
              className="w-full rounded-md border border-line bg-panel p-2 font-mono text-xs"
              aria-describedby="validation"
            />
          </div>
        ) : (
          <div role="tabpanel" id="editor-panel-form" aria-labelledby="editor-tab-form">
            {form.ok ? (
              <>
                {form.comments > 0 ? (
                  <p className="mb-3 text-sm text-muted" data-testid="form-comments-note">
                    This YAML has comments. The form keeps them, except inside a part it rewrites (a
                    list you add to or remove from); the YAML tab says if any were lost.
                  </p>
                ) : null}
                <PlaybookForm
                  value={form.value}
                  issues={issues}
                  readOnly={Boolean(published)}
                  onChange={(next) => setText(writePlaybookForm(content, next))}
                />
              </>
            ) : (
              <Card role="alert" className="text-sm text-danger">
                The form cannot show this draft until the YAML is fixed: {form.reason}. Fix it in
                the YAML tab.
              </Card>
            )}
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => save.mutate()}
            disabled={save.isPending || Boolean(published)}
          >
            Save draft
          </Button>
          {published ? null : (
            <ConfirmDialog
              trigger={
                <Button type="button" disabled={publish.isPending || issues.length > 0}>
                  Publish as v{d.nextVersion}…
                </Button>
              }
              title={`Publish ${d.draft.slug} v${d.nextVersion}?`}
              description={
                <>
                  <p>
                    v{d.nextVersion} becomes a permanent, immutable version: it can never be edited
                    or deleted, only followed by a newer one.
                  </p>
                  <p>
                    Playbook runs started from now on use v{d.nextVersion}; runs already in progress
                    keep the version they started with.
                  </p>
                </>
              }
              confirmLabel={`Publish v${d.nextVersion}`}
              onConfirm={() => publish.mutate()}
            />
          )}
        </div>
        <ProblemAlert error={save.error} className="text-sm text-danger" />
        {publish.isError ? (
          <div role="alert" className="text-sm text-danger">
            {publish.error.message}
            <ul>
              {pubErrors.map((e, i) => (
                <li key={i}>
                  {e.path}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {publish.data ? (
          <div role="status" className="space-y-1 text-sm">
            <p className="text-ok">
              Published {publish.data.slug} v{publish.data.version}. It is stored in Breakwater and
              is now the version new runs of this playbook use.
            </p>
            <p className="text-muted">
              <Link
                className="text-accent hover:underline"
                href={`/playbooks/${publish.data.slug}`}
              >
                Open the playbook
              </Link>{" "}
              to compare it with earlier versions, or start a new draft from it to change it again.{" "}
              If your team also keeps playbooks under version control,{" "}
              <a
                className="text-accent hover:underline"
                href={`/api/v1/playbooks/${publish.data.slug}/versions/${publish.data.version}?format=yaml`}
                download
              >
                download its YAML
              </a>{" "}
              (the exact file that was hashed).
            </p>
          </div>
        ) : null}
      </div>
      <div className="space-y-4 lg:col-span-2">
        <Card id="validation" aria-live="polite">
          <h2 className="mb-1 font-semibold">Validation</h2>
          {issues.length === 0 ? (
            <p className="text-sm text-ok">Valid.</p>
          ) : (
            <ul className="space-y-1 text-sm text-danger" data-testid="validation-errors">
              {issues.map((i, n) => (
                <li key={n}>
                  <span className="font-mono">
                    {i.line ? `line ${i.line} · ` : ""}
                    {i.path}
                  </span>
                  : {i.message}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <h2 className="mb-1 font-semibold">
            Changes against{" "}
            {d.draft.baseVersion ? `v${d.draft.baseVersion}` : "nothing (new playbook)"}
          </h2>
          <p className="mb-2 text-xs text-muted">As of the last save.</p>
          <SemanticDiffList diff={d.diff} testId="semantic-diff" />
        </Card>
      </div>
    </div>
  );
}
