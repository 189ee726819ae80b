"use client";
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
