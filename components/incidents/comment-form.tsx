"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { MutationForm } from "@/components/ui/mutation-form";
import { useCommentIncident } from "@/lib/incidents/queries";
import { COMMENT_MAX as MAX } from "@/lib/incidents/schemas";

/** A plain-text note for the timeline; shown as typed, never as Markdown or HTML. */
export function CommentForm({ incidentRef }: { incidentRef: string }) {
  const m = useCommentIncident(incidentRef);
  const [text, setText] = useState("");
  return (
    <MutationForm
      className="mb-4 space-y-2"
      label="Add a comment"
      mutation={m}
      value={text.trim() ? { text: text.trim() } : null}
      onDone={() => setText("")}
    >
      <Label htmlFor="comment-text">Comment</Label>
      <textarea
        id="comment-text"
        className="w-full rounded-md border border-line bg-bg px-3 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-none"
        rows={3}
        maxLength={MAX}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="What you found, what you are doing — plain text"
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!text.trim() || m.isPending}>
          Add comment
        </Button>
        <span className="text-xs text-muted">
          {text.length} / {MAX}
        </span>
      </div>
    </MutationForm>
  );
}
