/**
 * Adding, editing and removing a tenant, and replacing its token. The token field is write-only:
 * it is sent to the keychain through the contract, cleared, and never shown again.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { TenantSummary, UpdateTenantRequest, WireError } from '../../../src-main/api/contract';
import { api, toUiError } from '../bridge/companion';
import { Dialog } from '../components/Dialog';
import { ErrorBox } from '../components/ErrorBox';
import { useApp } from '../store';

type Policy = 'deactivate' | 'delete';

/** The profile fields as the forms hold them: text, with protected groups one per line. */
interface ProfileForm {
  name: string;
  baseUrl: string;
  policy: Policy;
  expires: string;
  caFile: string;
  notes: string;
  protectedGroups: string;
}

/** The fields a refusal can point at, by their contract keys. */
type FieldKey = keyof Omit<ProfileForm, 'expires'> | 'tokenExpiresAt' | 'token' | 'newHost';
type FieldErrors = Partial<Record<FieldKey, string>>;

export function AddTenantDialog({ onClose }: { onClose: () => void }) {
  const loadTenants = useApp((s) => s.loadTenants);
  const [form, setForm] = useState<ProfileForm>({
    ...emptyForm(),
    baseUrl: 'https://',
  });
  const [token, setToken] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await api().addTenant({
        name: form.name,
        baseUrl: form.baseUrl,
        token,
        policy: form.policy,
        tokenExpiresAt: form.expires || null,
        caFile: form.caFile.trim() || null,
        notes: form.notes.trim() ? form.notes : null,
        protectedGroups: groupList(form.protectedGroups),
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
      <form onSubmit={(e) => void submit(e)} className="form" noValidate>
        <ProfileFields
          form={form}
          onChange={setForm}
          errors={errors}
          afterUrl={
            <TokenField
              label="Integration token"
              value={token}
              onChange={setToken}
              error={errors.token}
              testId="tenant-token"
              hint="Stored in the OS keychain only. It is never shown again."
            />
          }
        />
        {error && <ErrorBox error={error} />}
        <FormActions onCancel={onClose} disabled={saving} testId="tenant-save">
          {saving ? 'Saving…' : 'Add tenant'}
        </FormActions>
      </form>
    </Dialog>
  );
}

/**
 * Changing a stored tenant's settings (the token stays). A base URL on another host needs the
 * admin's consent, since the stored token would be sent there at the next connection.
 */
export function EditTenantDialog({
  tenant,
  onClose,
  onSaved,
}: {
  tenant: TenantSummary;
  onClose: () => void;
  onSaved: () => void;
}) {
  const loadTenants = useApp((s) => s.loadTenants);
  const [form, setForm] = useState<ProfileForm>(() => formOf(tenant));
  const [consentHost, setConsentHost] = useState<string | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrors(error);
  const newHost = hostChange(tenant.baseUrl, form.baseUrl);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch = changedFields(tenant, form);
    if (Object.keys(patch).length === 0) return onClose();

    setSaving(true);
    setError(null);
    try {
      const sendTokenTo = newHost !== null && consentHost === newHost ? newHost : null;
      await api().updateTenant({ tenantId: tenant.id, patch, sendTokenTo });
      await loadTenants();
      onSaved();
      onClose();
    } catch (failure) {
      setError(toUiError(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog title={`Edit ${tenant.name}`} onClose={onClose} testId="edit-tenant-dialog">
      <form onSubmit={(e) => void submit(e)} className="form" noValidate>
        <ProfileFields
          form={form}
          onChange={setForm}
          errors={errors}
          afterUrl={
            newHost && (
              <CheckboxField
                label={`Send the stored token to ${newHost}`}
                checked={consentHost === newHost}
                onChange={(checked) => setConsentHost(checked ? newHost : null)}
                error={errors.newHost}
                testId="consent-new-host"
                hint={
                  'The new base URL is on another host. If that host needs a token of its own, ' +
                  'save, then use Replace token before testing or opening the tenant.'
                }
              />
            )
          }
        />
        {error && <ErrorBox error={error} />}
        <FormActions onCancel={onClose} disabled={saving} testId="tenant-save">
          {saving ? 'Saving…' : 'Save changes'}
        </FormActions>
      </form>
    </Dialog>
  );
}

export function ReplaceTokenDialog({
  tenant,
  onClose,
  onReplaced,
}: {
  tenant: TenantSummary;
  onClose: () => void;
  onReplaced: () => void;
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
      onReplaced();
      onClose();
    } catch (failure) {
      setError(toUiError(failure));
    }
  }

  return (
    <Dialog
      title={`Replace token of ${tenant.name}`}
      onClose={onClose}
      testId="replace-token-dialog"
    >
      <form onSubmit={(e) => void submit(e)} className="form" noValidate>
        <TokenField
          label="New integration token"
          value={token}
          onChange={setToken}
          error={fieldErrors(error).token}
          testId="new-token"
        />
        {error && <ErrorBox error={error} />}
        <FormActions onCancel={onClose} testId="replace-token-save">
          Replace token
        </FormActions>
      </form>
    </Dialog>
  );
}

/**
 * Removing a tenant, confirmed in the app's own dialog. Cancel has the focus, so an Enter too
 * many keeps the tenant; Remove must be chosen. Escape keeps it too.
 */
export function RemoveTenantDialog({
  tenant,
  onClose,
  focusAfterRemoval,
}: {
  tenant: TenantSummary;
  onClose: () => void;
  /** Where focus goes once the tenant, and with it the button that opened this, is gone. */
  focusAfterRemoval: () => HTMLElement | null;
}) {
  const loadTenants = useApp((s) => s.loadTenants);
  const [error, setError] = useState<WireError | null>(null);
  const [removing, setRemoving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A second click while the first is on its way would only come back "not found".
    if (removing) return;
    setRemoving(true);
    try {
      await api().removeTenant({ tenantId: tenant.id });
      await loadTenants();
      onClose();
    } catch (failure) {
      setError(toUiError(failure));
      setRemoving(false);
    }
  }

  return (
    <Dialog
      title={`Remove ${tenant.name}?`}
      onClose={onClose}
      testId="remove-tenant-dialog"
      fallbackFocus={focusAfterRemoval}
    >
      <form onSubmit={(e) => void submit(e)} className="form">
        <p>
          The tenant's profile goes, and its token is deleted from the OS keychain. Repair journals
          and reports in the data folder stay. Nothing is changed in VaultOne.
        </p>
        {error && <ErrorBox error={error} />}
        <FormActions onCancel={onClose} testId="confirm-remove" disabled={removing} danger>
          {removing ? 'Removing…' : 'Remove'}
        </FormActions>
      </form>
    </Dialog>
  );
}

/** Name, base URL (then `afterUrl`), policy, expiry date, CA file, notes, protected groups. */
function ProfileFields(props: {
  form: ProfileForm;
  onChange: (form: ProfileForm) => void;
  errors: FieldErrors;
  afterUrl?: ReactNode;
}) {
  const { form, errors } = props;
  const set = (field: keyof ProfileForm) => (value: string) =>
    props.onChange({ ...form, [field]: value });

  return (
    <>
      <Field label="Name" error={errors.name}>
        {(aria) => (
          <input
            {...aria}
            value={form.name}
            onChange={(e) => set('name')(e.target.value)}
            required
            data-testid="tenant-name"
          />
        )}
      </Field>
      <Field label="SCIM base URL" error={errors.baseUrl}>
        {(aria) => (
          <input
            {...aria}
            value={form.baseUrl}
            onChange={(e) => set('baseUrl')(e.target.value)}
            required
            placeholder="https://acme.vaultone.example/v2"
            data-testid="tenant-url"
          />
        )}
      </Field>
      {props.afterUrl}
      <Field label="Deprovisioning policy" error={errors.policy}>
        {(aria) => (
          <select
            {...aria}
            value={form.policy}
            onChange={(e) => set('policy')(e.target.value)}
            data-testid="tenant-policy"
          >
            <option value="deactivate">Deactivate users</option>
            <option value="delete">Delete users</option>
          </select>
        )}
      </Field>
      <Field
        label="Token expires on (optional)"
        error={errors.tokenExpiresAt}
        hint="VaultOne does not say when a token expires; the app warns 14 days ahead."
      >
        {(aria) => (
          <span className="inline-field">
            <input
              {...aria}
              type="date"
              value={form.expires}
              onChange={(e) => set('expires')(e.target.value)}
              data-testid="tenant-expires"
            />
            {form.expires && (
              <button
                type="button"
                className="link"
                onClick={() => set('expires')('')}
                data-testid="clear-expires"
              >
                Clear date
              </button>
            )}
          </span>
        )}
      </Field>
      <Field
        label="CA certificate file (optional)"
        error={errors.caFile}
        hint={
          "Full path of your certificate authority's PEM file, e.g. /etc/ssl/certs/acme-ca.pem. " +
          'Type it: there is no file picker here. Empty: the system certificate authorities only.'
        }
      >
        {(aria) => (
          <input
            {...aria}
            value={form.caFile}
            onChange={(e) => set('caFile')(e.target.value)}
            spellCheck={false}
            data-testid="tenant-ca-file"
          />
        )}
      </Field>
      <Field label="Notes (optional)" error={errors.notes}>
        {(aria) => (
          <textarea
            {...aria}
            value={form.notes}
            onChange={(e) => set('notes')(e.target.value)}
            rows={2}
            data-testid="tenant-notes"
          />
        )}
      </Field>
      <Field
        label="Protected groups (optional)"
        error={errors.protectedGroups}
        hint="One group name per line. A repair that deletes one, or touches its members, needs a second confirmation."
      >
        {(aria) => (
          <textarea
            {...aria}
            value={form.protectedGroups}
            onChange={(e) => set('protectedGroups')(e.target.value)}
            rows={2}
            data-testid="tenant-protected"
          />
        )}
      </Field>
    </>
  );
}

interface FieldAria {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled control with its hint and, after a refusal, its problem, both linked to it. */
function Field(props: {
  label: string;
  error?: string;
  hint?: string;
  children: (aria: FieldAria) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.error && errorId, props.hint && hintId].filter(Boolean).join(' ');

  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {props.hint && <small id={hintId}>{props.hint}</small>}
      {props.error && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  hint?: string;
  testId?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.error && errorId, props.hint && hintId].filter(Boolean).join(' ');

  return (
    <div className="field">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.target.checked)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          data-testid={props.testId}
        />
        {props.label}
      </label>
      {props.hint && <small id={hintId}>{props.hint}</small>}
      {props.error && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A write-only token input: masked, never autofilled, never read back. */
function TokenField(props: {
  label: string;
  value: string;
  onChange: (token: string) => void;
  error?: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      {(aria) => (
        <input
          {...aria}
          type="password"
          autoComplete="off"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          required
          data-testid={props.testId}
        />
      )}
    </Field>
  );
}

/**
 * A dialog form's submit button (its label as children) and Cancel. A `danger` action is styled
 * as one and Cancel gets the focus, so it is never taken by pressing Enter.
 */
function FormActions(props: {
  onCancel: () => void;
  disabled?: boolean;
  testId?: string;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="actions">
      <button
        type="submit"
        className={props.danger ? 'danger solid' : 'primary'}
        disabled={props.disabled}
        data-testid={props.testId}
      >
        {props.children}
      </button>
      <button
        type="button"
        onClick={props.onCancel}
        data-autofocus={props.danger ? true : undefined}
        data-testid="dialog-cancel"
      >
        Cancel
      </button>
    </div>
  );
}

function emptyForm(): ProfileForm {
  return {
    name: '',
    baseUrl: '',
    policy: 'deactivate',
    expires: '',
    caFile: '',
    notes: '',
    protectedGroups: '',
  };
}

function formOf(tenant: TenantSummary): ProfileForm {
  return {
    name: tenant.name,
    baseUrl: tenant.baseUrl,
    policy: tenant.policy,
    expires: tenant.tokenExpiresAt ?? '',
    caFile: tenant.caFile ?? '',
    notes: tenant.notes ?? '',
    protectedGroups: (tenant.protectedGroups ?? []).join('\n'),
  };
}

function groupList(text: string): string[] {
  return text
    .split('\n')
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Only what the admin changed; an emptied optional field is cleared (`null`). */
function changedFields(tenant: TenantSummary, form: ProfileForm): UpdateTenantRequest['patch'] {
  const patch: UpdateTenantRequest['patch'] = {};
  const before = formOf(tenant);
  const cleared = (value: string) => (value.trim() ? value : null);

  if (form.name.trim() !== before.name) patch.name = form.name;
  if (form.baseUrl.trim() !== before.baseUrl) patch.baseUrl = form.baseUrl;
  if (form.policy !== before.policy) patch.policy = form.policy;
  if (form.expires !== before.expires) patch.tokenExpiresAt = cleared(form.expires);
  if (form.caFile.trim() !== before.caFile) patch.caFile = cleared(form.caFile.trim());
  if (form.notes !== before.notes) patch.notes = cleared(form.notes);
  const groups = groupList(form.protectedGroups);
  if (groups.join('\n') !== groupList(before.protectedGroups).join('\n')) {
    patch.protectedGroups = groups;
  }
  return patch;
}

/** The new origin when `next` is a URL on another origin than `current`, else null. */
function hostChange(current: string, next: string): string | null {
  try {
    const origin = new URL(next.trim()).origin;
    return origin !== 'null' && origin !== new URL(current).origin ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Which fields a refusal is about. The contract's schema and the core both list each problem
 * as a `field: message` line in the details; a name taken and an unconfirmed host change are
 * known by their codes.
 */
function fieldErrors(error: WireError | null): FieldErrors {
  if (!error) return {};
  if (error.code === 'tenant-exists-error') return { name: error.message };
  if (error.code === 'tenant-host-change-error') return { newHost: error.message };
  if (error.code !== 'invalid-input' && error.code !== 'tenant-input-error') return {};

  const errors: FieldErrors = {};
  for (const line of (error.details ?? '').split('\n')) {
    const match = /^(?:patch\.)?([A-Za-z]+)(?:\.\d+)?: (.+)$/.exec(line);
    const field = match?.[1] as FieldKey | undefined;
    if (!match || !field || !FIELD_KEYS.has(field)) continue;
    errors[field] = errors[field] ? `${errors[field]} ${match[2]}` : match[2];
  }
  return errors;
}

const FIELD_KEYS = new Set<string>([
  'name',
  'baseUrl',
  'token',
  'policy',
  'tokenExpiresAt',
  'caFile',
  'notes',
  'protectedGroups',
]);
