"use client";
import type * as React from "react";
import { Button } from "./button";
import { Card, Table, type TableHeader } from "./card";
import { FieldError, FormError } from "./input";
import { ProblemAlert } from "./problem-alert";

/** A page of tokens (enrollment, API): the form that makes one, then the table of them, whose
 *  rows (the children) each carry a revoke button. */
export function TokenPage({
  create,
  tokens,
  revokeError,
  head,
  empty,
  children,
}: {
  create: React.ReactNode;
  tokens: { data?: { tokens: unknown[] }; isPending: boolean; error: Error | null };
  revokeError: unknown;
  head: readonly TableHeader[];
  /** The table's one row while there are no tokens. */
  empty: string;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-6">
      {create}
      <ProblemAlert error={revokeError} />
      <Table empty={tokens.data && tokens.data.tokens.length === 0 ? empty : undefined} head={head}>
        {children}
      </Table>
      {tokens.isPending ? <p className="text-muted">Loading…</p> : null}
      {tokens.error ? <FieldError>{tokens.error.message}</FieldError> : null}
    </div>
  );
}

// Whole class names, so Tailwind sees them.
const COLUMNS = {
  3: { grid: "sm:grid-cols-3", span: "sm:col-span-3" },
  4: { grid: "sm:grid-cols-4", span: "sm:col-span-4" },
};

/** The card that makes a token: its fields (the children) on a grid of `columns`, "Create
 *  token" with the request's error, then the new secret (`created`) until it is dismissed. */
export function NewTokenCard({
  title,
  columns,
  create,
  onSubmit,
  created,
  children,
}: {
  title: string;
  columns: keyof typeof COLUMNS;
  create: { isPending: boolean; error: Error | null };
  onSubmit: (form: FormData) => void;
  created: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card className="max-w-3xl">
      <h2 className="mb-3 font-semibold">{title}</h2>
      <form
        className={`grid gap-3 ${COLUMNS[columns].grid}`}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(new FormData(e.currentTarget));
        }}
      >
        {children}
        <div className={`${COLUMNS[columns].span} flex items-center gap-2`}>
          <Button type="submit" disabled={create.isPending}>
            Create token
          </Button>
          <FormError error={create.error} />
        </div>
      </form>
      {created}
    </Card>
  );
}
