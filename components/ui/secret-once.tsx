"use client";
import type * as React from "react";
import { Button } from "./button";
import { CopyField } from "./copy-field";

/** A freshly created secret (enrollment token, API token). The plaintext exists only in the
 *  create response and the server keeps just its hash, so once dismissed it is gone for good. */
export function SecretOnce({
  what,
  label,
  value,
  testId,
  onDone,
  children,
}: {
  /** How the sentence names it: `the token “ci”` or `the token for “finance laptops”`. */
  what: React.ReactNode;
  label: string;
  value: string;
  testId: string;
  onDone: () => void;
  /** How to use it, under the secret. */
  children?: React.ReactNode;
}) {
  return (
    <div role="status" className="mt-4 space-y-3 rounded-md border border-warn/60 bg-bg p-3">
      <p className="text-sm">
        <span className="font-semibold text-warn">Copy it now:</span> {what} is shown only this
        once; only its hash is stored.
      </p>
      <CopyField label={label} value={value} testId={testId} />
      {children}
      <Button variant="ghost" onClick={onDone}>
        Done, I copied it
      </Button>
    </div>
  );
}
