/**
 * The preview of a plan: every write request in the order it will be sent, with a curl command
 * an admin can copy, and per operation the fallbacks that may be sent instead or after, with
 * when. The token is never in it: curl reads it from `$SCIM_TOKEN`.
 */
import type { DescribedRequest, RepairClient } from './client';
import type { Plan } from './types';

export interface PreviewRequest extends Omit<DescribedRequest, 'fallbacks'> {
  /** Absolute URL: base URL joined with the path. */
  url: string;
  curl: string;
}

/** A request sent only when the server's answer calls for it. */
export interface PreviewFallback extends PreviewRequest {
  /** When it is sent, e.g. "Instead, if the server refuses the path form …". */
  when: string;
}

export interface PreviewItem {
  itemId: string;
  summary: string;
  reason: string;
  confirmReasons: string[];
  undoable: boolean;
  requests: PreviewRequest[];
  /** Requests that may be sent instead of or after `requests`; empty when there are none. */
  fallbacks: PreviewFallback[];
}

export interface Preview {
  tenant: Plan['tenant'];
  items: PreviewItem[];
  /** Items that need the second confirmation. */
  needsConfirmation: number;
  /** Plain sentences about what else is sent (the reads around each write). */
  notes: string[];
}

/** Builds the preview of a plan from the client's description of each write. Sends nothing. */
export function previewPlan(plan: Plan, client: Pick<RepairClient, 'describeWrite'>): Preview {
  const base = plan.tenant.baseUrl;
  const items = plan.items.map((item): PreviewItem => {
    const described = client.describeWrite(item.op);
    return {
      itemId: item.id,
      summary: item.summary,
      reason: item.reason,
      confirmReasons: item.confirmReasons,
      undoable: item.undoable,
      requests: described.map(({ fallbacks: _fallbacks, ...req }) => withCurl(base, req)),
      fallbacks: described.flatMap((req) =>
        (req.fallbacks ?? []).map(({ when, ...fallback }) => ({
          ...withCurl(base, fallback),
          when,
        })),
      ),
    };
  });
  return {
    tenant: plan.tenant,
    items,
    needsConfirmation: plan.items.filter((i) => i.confirmReasons.length > 0).length,
    notes: [
      'Before each write the object is read again (GET) and the write is skipped when it changed since the plan was made.',
      'After each write the object is read back (GET) to check the change took effect.',
    ],
  };
}

function withCurl(baseUrl: string, req: Omit<DescribedRequest, 'fallbacks'>): PreviewRequest {
  const url = baseUrl.replace(/\/+$/, '') + (req.path.startsWith('/') ? req.path : `/${req.path}`);
  return { ...req, url, curl: curlFor(req.method, url, req.body) };
}

/** A POSIX shell command that sends the same request; the token comes from `$SCIM_TOKEN`. */
export function curlFor(method: string, url: string, body: unknown): string {
  const parts = [
    'curl',
    '-X',
    method.toUpperCase(),
    shellQuote(url),
    '-H',
    '"Authorization: Bearer $SCIM_TOKEN"',
    '-H',
    shellQuote('Accept: application/scim+json'),
  ];
  if (body !== undefined && body !== null) {
    parts.push('-H', shellQuote('Content-Type: application/scim+json'));
    parts.push('--data', shellQuote(JSON.stringify(body)));
  }
  return parts.join(' ');
}

/** Single-quotes a word for a POSIX shell; a quote inside becomes `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The preview as plain text for a terminal or a text file. */
export function previewText(preview: Preview): string {
  const lines = [
    `Plan for ${preview.tenant.name} (${preview.tenant.baseUrl}): ${preview.items.length} ${preview.items.length === 1 ? 'operation' : 'operations'}`,
  ];
  for (const item of preview.items) {
    lines.push('', `${item.itemId}  ${item.summary}`, `       why: ${item.reason}`);
    if (item.confirmReasons.length > 0) {
      lines.push(`       needs --confirm-privileged: ${item.confirmReasons.join('; ')}`);
    }
    if (!item.undoable) lines.push('       cannot be undone');
    for (const req of item.requests) {
      lines.push(`       ${req.method} ${req.path}`);
      if (req.body !== undefined && req.body !== null)
        lines.push(`       ${JSON.stringify(req.body)}`);
      lines.push(`       $ ${req.curl}`);
    }
    lines.push(...fallbackLines(item.fallbacks));
  }
  lines.push('', ...preview.notes);
  return lines.join('\n');
}

/** The fallbacks of one item, each under the sentence saying when it is sent. */
function fallbackLines(fallbacks: PreviewFallback[]): string[] {
  if (fallbacks.length === 0) return [];
  const lines = ['       may instead or also send:'];
  for (const fallback of fallbacks) {
    lines.push(`         - ${fallback.when}`, `           ${fallback.method} ${fallback.path}`);
    if (fallback.body !== undefined && fallback.body !== null)
      lines.push(`           ${JSON.stringify(fallback.body)}`);
  }
  return lines;
}
