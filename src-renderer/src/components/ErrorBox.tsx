/**
 * An error as the admin sees it: what to do, with the raw details (and the error's code, for a
 * support request) behind a toggle. The code is a machine word, so it never stands on its own.
 */
import { useState } from 'react';
import type { WireError } from '../../../src-main/api/contract';

export function ErrorBox({ error, onDismiss }: { error: WireError; onDismiss?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="error-box" role="alert" data-testid="error">
      <div className="error-head">
        <strong>{error.message}</strong>
        {onDismiss && (
          <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss error">
            ✕
          </button>
        )}
      </div>
      <button
        type="button"
        className="link"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="error-details-toggle"
      >
        {open ? 'Hide details' : 'Show details'}
      </button>
      {open && (
        <pre className="error-details">
          {error.details ? `${error.details}\n\n` : ''}
          Error code (for a support request): {error.code}
        </pre>
      )}
    </div>
  );
}
