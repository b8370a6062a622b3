/**
 * Input field names as an admin knows them from the forms. Validation messages name fields by
 * their contract keys (`baseUrl: …`); the admin sees the label, or nothing when the message
 * already says which field it is about.
 */
const LABELS: Record<string, string> = {
  name: 'Name',
  baseUrl: 'Base URL',
  token: 'Token',
  tokenExpiresAt: 'Token expiry date',
  caFile: 'CA certificate file',
  policy: 'Deprovision policy',
  notes: 'Notes',
  boundGroups: 'Bound groups',
  files: 'Export files',
  typedName: 'Tenant name',
};

/** One field's problem as a sentence: "Base URL: must be …", or the message alone. */
export function fieldProblem(field: string, message: string): string {
  const key = field.split('.')[0] ?? '';
  const label = LABELS[key] ?? (field === '' ? '' : field);
  if (label === '' || message.toLowerCase().includes(label.toLowerCase())) return message;
  return `${label}: ${message}`;
}

/** Rewrites "baseUrl: The base URL must …" prefixes inside a message (from a lower layer). */
export function humanizeFieldPrefixes(text: string): string {
  const prefixed = /(^|\s)([a-zA-Z]+)(\.[\w.]+)?: (.*?)(?=\s[a-zA-Z]+(?:\.[\w.]+)?: |$)/gm;
  return text.replace(
    prefixed,
    (whole: string, lead: string, key: string, rest: string | undefined, message: string) =>
      key in LABELS ? `${lead}${fieldProblem(`${key}${rest ?? ''}`, message)}` : whole,
  );
}
