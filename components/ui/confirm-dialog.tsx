"use client";
import { AlertDialog } from "radix-ui";
import * as React from "react";
import { Button } from "./button";

type Props = {
  /** What the person is about to do, as a question: "Delete memory.bin?" */
  title: string;
  /** What will happen, in plain words — the consequence, not a repeat of the button. */
  description: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** Destructive actions get the danger button; everything else the primary one. */
  destructive?: boolean;
  /** Either a trigger (opens the dialog on click) or a controlled open state
   *  (a form validates first, then opens the dialog from its submit handler). */
  trigger?: React.ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
};

/**
 * The one confirmation step for actions that cannot be undone (delete evidence, publish an
 * immutable version, issue a break-glass command, revoke a token). An alert dialog: focus is
 * trapped, Escape cancels, and the safe choice has focus first so a stray Enter does nothing.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  destructive,
  trigger,
  open,
  onOpenChange,
}: Props) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(92vw,28rem)] -translate-x-1/2 -translate-y-1/2 space-y-3 rounded-lg border border-line bg-panel p-5 shadow-xl">
          <AlertDialog.Title className="text-base font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="space-y-2 text-sm text-muted">{description}</div>
          </AlertDialog.Description>
          <div className="flex justify-end gap-2 pt-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={destructive ? "danger" : "primary"} onClick={onConfirm}>
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
