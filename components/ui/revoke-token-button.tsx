"use client";
import type * as React from "react";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";

/** The Revoke button of a token row: revoking cannot be undone, so it asks first and says what
 *  stops working. */
export function RevokeTokenButton({
  name,
  title,
  description,
  pending,
  onConfirm,
}: {
  /** The button's accessible name, naming the row's token. */
  name: string;
  title: string;
  description: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" disabled={pending} aria-label={name}>
          Revoke
        </Button>
      }
      destructive
      title={title}
      description={description}
      confirmLabel="Revoke token"
      onConfirm={onConfirm}
    />
  );
}

/** The last cell of a token row: the revoke button while the token is active, else empty. */
export function RevokeTokenCell({
  active,
  ...button
}: React.ComponentProps<typeof RevokeTokenButton> & { active: boolean }) {
  return <td className="text-right">{active ? <RevokeTokenButton {...button} /> : null}</td>;
}
