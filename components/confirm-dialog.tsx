"use client";

import type { ReactNode } from "react";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Dialog, DialogActions } from "./ui/dialog";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
};

/** For destructive actions: the cancel button gets focus first, so Enter never confirms by accident. */
export function ConfirmDialog({ open, title, children, confirmLabel, pending, error, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <div className="text-sm text-zinc-700">{children}</div>
      {error ? <Alert tone="danger" className="mt-3">{error}</Alert> : null}
      <DialogActions>
        <Button variant="secondary" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {pending ? "Working…" : confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
