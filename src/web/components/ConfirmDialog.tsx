// The one way the web app asks "are you sure?": a modal confirmation (native <dialog>: focus
// stays inside, Escape cancels, focus returns to the button that opened it when it closes).
// Never window.confirm: it cannot be styled, translated or tested, and blocks the page.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import type { Confirmed } from '../lib/useData.ts';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen; the dialog's accessible description. */
  message: ReactNode;
  /** Label of the confirming button, e.g. "Nonaktifkan". */
  confirmLabel: string;
  busy?: boolean;
  /** A destructive action (delete, close): the confirming button is red. */
  danger?: boolean;
  /** More content under the message (counts, a reason field, an error of the last attempt). */
  children?: ReactNode;
  /** Disables the confirming button (e.g. a required reason is empty). */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  busy = false,
  danger = false,
  children,
  confirmDisabled = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(e) => {
        e.preventDefault(); // Escape: let React state close it
        if (!busy) onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <p id={messageId}>{message}</p>
          {children}
          <div className="dialog-actions">
            <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy} autoFocus>
              {t('confirm.cancel')}
            </button>
            <button
              type="button"
              className={danger ? 'btn btn-danger' : 'btn btn-primary'}
              onClick={onConfirm}
              disabled={busy || confirmDisabled}
            >
              {confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/**
 * The dialog of a destructive call on one item (delete, close, revoke) that `useConfirmed` holds:
 * open while an item waits, its message written for that item.
 */
export function ConfirmItem<T>({
  confirmed,
  title,
  message,
  confirmLabel,
}: {
  confirmed: Confirmed<T>;
  title: string;
  message: (item: T) => ReactNode;
  confirmLabel: string;
}) {
  const { item, dialog } = confirmed;
  return <ConfirmDialog {...dialog} danger title={title} message={item === null ? '' : message(item)} confirmLabel={confirmLabel} />;
}
