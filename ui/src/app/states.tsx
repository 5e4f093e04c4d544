import type { ReactNode } from 'react';
import { ApiError } from '../client/client';

/** The three states every data view shows before (or instead of) its data. */

export function Loading({ what }: { readonly what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function ErrorState({ error, retry }: { readonly error: unknown; readonly retry?: () => void }) {
  const title = error instanceof ApiError ? `${error.title}${error.status ? ` (${error.status})` : ''}` : 'Something went wrong';
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <h2>{title}</h2>
      <p>{detail}</p>
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
