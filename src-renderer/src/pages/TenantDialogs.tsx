/**
 * Adding a tenant and replacing its token. The token field is write-only: it is sent to the
 * keychain through the contract, cleared, and never shown again.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { TenantSummary, WireError } from '../../../src-main/api/contract';
import { api, toUiError } from '../bridge/companion';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { useApp } from '../store';

export function AddTenantDialog({ onClose }: { onClose: () => void }) {
  const loadTenants = useApp((s) => s.loadTenants);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('https://');
  const [token, setToken] = useState('');
  const [policy, setPolicy] = useState<'deactivate' | 'delete'>('deactivate');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await api().addTenant({
        name,
        baseUrl,
        token,
        policy,
        tokenExpiresAt: expires || null,
      });
      setToken('');
      await loadTenants();
      onClose();
    } catch (failure) {
      setError(toUiError(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog title="Add tenant" onClose={onClose} testId="add-tenant-dialog">
      <form onSubmit={(e) => void submit(e)} className="form">
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            data-testid="tenant-name"
          />
        </label>
        <label>
          SCIM base URL
          <input
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
            required
            placeholder="https://acme.vaultone.example/v2"
            data-testid="tenant-url"
          />
        </label>
        <TokenField
          label="Integration token"
          value={token}
          onChange={setToken}
          testId="tenant-token"
        >
          <small>Stored in the OS keychain only. It is never shown again.</small>
        </TokenField>
        <label>
          Deprovisioning policy
          <select
            value={policy}
            onChange={(e) => setPolicy(e.target.value as 'deactivate' | 'delete')}
          >
            <option value="deactivate">Deactivate users</option>
            <option value="delete">Delete users</option>
          </select>
        </label>
        <label>
          Token expires on (optional)
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        {error && <ErrorBox error={error} />}
        <FormActions onCancel={onClose} disabled={saving} testId="tenant-save">
          {saving ? 'Saving…' : 'Add tenant'}
        </FormActions>
      </form>
    </Dialog>
  );
}

export function ReplaceTokenDialog({
  tenant,
  onClose,
}: {
  tenant: TenantSummary;
  onClose: () => void;
}) {
  const loadTenants = useApp((s) => s.loadTenants);
  const [token, setToken] = useState('');
  const [error, setError] = useState<WireError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api().replaceToken({ tenantId: tenant.id, token });
      setToken('');
      await loadTenants();
      onClose();
    } catch (failure) {
      setError(toUiError(failure));
    }
  }

  return (
    <Dialog title={`Replace token of ${tenant.name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <TokenField label="New integration token" value={token} onChange={setToken} />
        {error && <ErrorBox error={error} />}
        <FormActions onCancel={onClose}>Replace token</FormActions>
      </form>
    </Dialog>
  );
}

/** A write-only token input: masked, never autofilled, never read back. */
function TokenField(props: {
  label: string;
  value: string;
  onChange: (token: string) => void;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <label>
      {props.label}
      <input
        type="password"
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required
        data-testid={props.testId}
      />
      {props.children}
    </label>
  );
}

/** A dialog form's submit button (its label as children) and Cancel. */
/**
 * Removing a tenant, confirmed in the app's own dialog: the Remove button has the focus, so Enter
 * removes and Escape keeps the tenant.
 */
export function RemoveTenantDialog({
  tenant,
  onClose,
}: {
  tenant: TenantSummary;
  onClose: () => void;
}) {
  const loadTenants = useApp((s) => s.loadTenants);
  const [error, setError] = useState<WireError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await api().removeTenant({ tenantId: tenant.id });
      await loadTenants();
      onClose();
    } catch (failure) {
      setError(toUiError(failure));
    }
  }

  return (
    <Dialog title={`Remove ${tenant.name}?`} onClose={onClose} testId="remove-tenant-dialog">
      <form onSubmit={(e) => void submit(e)} className="form">
        <p>
          The tenant's profile goes, and its token is deleted from the OS keychain. Repair journals
          and reports in the data folder stay. Nothing is changed in VaultOne.
        </p>
        {error && <ErrorBox error={error} />}
        <FormActions onCancel={onClose} testId="confirm-remove">
          Remove
        </FormActions>
      </form>
    </Dialog>
  );
}

function FormActions(props: {
  onCancel: () => void;
  disabled?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="actions">
      <button
        type="submit"
        className="primary"
        disabled={props.disabled}
        data-testid={props.testId}
      >
        {props.children}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
