/** An error as the admin sees it: what to do, with the raw details behind a toggle. */
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
      {error.details && (
        <>
          <button
            type="button"
            className="link"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            data-testid="error-details-toggle"
          >
            {open ? 'Hide details' : 'Show details'}
          </button>
          {open && <pre className="error-details">{error.details}</pre>}
        </>
      )}
      <span className="error-code">{error.code}</span>
    </div>
  );
}
