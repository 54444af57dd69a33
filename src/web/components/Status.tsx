// Shared small views: loading, error with retry, success flash, status badge, page title.
import { useEffect } from 'react';
import type { HouseholdStatus } from '../api/client.ts';
import { useT } from '../i18n/index.ts';

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

/** The success message of the last action (hidden while there is none), announced politely. */
export function Flash({ message }: { message: string | null }) {
  return (
    <p className="alert alert-ok" role="status" hidden={!message}>
      {message}
    </p>
  );
}

export function StatusBadge({ status }: { status: HouseholdStatus }) {
  const t = useT();
  return (
    <span className={`badge badge-${status === 'AKTIF' ? 'active' : 'inactive'}`}>
      {t(status === 'AKTIF' ? 'status.AKTIF' : 'status.NONAKTIF')}
    </span>
  );
}

/** Sets document.title to "<title> – SIKS-NG". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – SIKS-NG` : 'SIKS-NG';
  }, [title]);
}

/** What a page shows a user who lacks its verb (the navigation hides it; a typed URL lands here). */
export function Forbidden({ title, message }: { title: string; message: string }) {
  return (
    <div>
      <h1>{title}</h1>
      <p className="alert alert-error">{message}</p>
    </div>
  );
}
