/**
 * What every verified write needs: reading the object as it is now (with its ETag), sending a
 * write with If-Match when the server supports ETags, and telling a SCIM 404 from a proxy's HTML
 * 404 (an error). A SCIM 404 to a read means gone; to a write it is only the server's claim,
 * which the caller checks by reading back. Plus the shared result shape and failure helpers.
 */
import type { TenantGroup, TenantUser } from '../model';
import { ScimError, isRecord, isScimErrorBody } from './errors';
import { toTenantGroup } from './normalise';
import type { ScimResponse, ScimTransport } from './transport';
import { resourcePath } from './url';
import type { WriteOp } from './write-requests';

export interface WriteResult {
  op: WriteOp;
  /**
   * The dialect that worked: `patch`, `patch-pathless`, `patch-members-value`, `put`, `delete`,
   * `post`, `deleted-by-server`, or `already-done` (nothing needed sending).
   */
  via: string;
  /** The object as read just before the write (for undo); null when not read or absent. */
  before: Record<string, unknown> | null;
  /** The object as read back afterwards; null when it is gone. */
  after: TenantUser | TenantGroup | null;
  /** For create-group: the id the server gave the new group. */
  createdId: string | null;
  /** Plain sentences worth showing, e.g. that deactivating removed the user. */
  notes: string[];
}

/** A resource as read just now. */
export interface Current {
  raw: Record<string, unknown>;
  etag: string | null;
}

export interface WriteSettings {
  signal?: AbortSignal;
  /** ServiceProviderConfig etag.supported: only then is If-Match sent. */
  etag: boolean;
  /** ServiceProviderConfig patch.supported. */
  patch: boolean;
}

export class WriteIo {
  constructor(
    private readonly transport: ScimTransport,
    readonly settings: WriteSettings,
  ) {}

  /** Reads a resource; null for a SCIM-shaped 404. */
  async read(type: 'Users' | 'Groups', id: string): Promise<Current | null> {
    const path = resourcePath(type, id);
    const res = await this.transport.get(path, {
      signal: this.settings.signal,
      acceptStatus: [404],
    });
    if (res.status === 404) {
      if (isScimNotFound(res)) return null;
      throw this.htmlNotFound('GET', path, res);
    }
    if (!isRecord(res.json)) {
      throw new ScimError('not-scim', `The server's answer for ${path} is not a SCIM object.`, {
        status: res.status,
        method: 'GET',
        path,
        raw: this.transport.keepRaw(res.text),
      });
    }
    const meta = isRecord(res.json.meta) ? res.json.meta : {};
    const etag = res.headers.etag ?? (typeof meta.version === 'string' ? meta.version : null);
    return { raw: res.json, etag };
  }

  /** A group as read now (members null when the server left them out); throws when gone. */
  async readGroup(id: string): Promise<Current & { group: TenantGroup }> {
    const current = await this.read('Groups', id);
    const group = current ? toTenantGroup(current.raw) : null;
    if (!current || !group) {
      throw new ScimError('not-found', `Group ${id} no longer exists in the tenant.`, {
        status: 404,
      });
    }
    return { ...current, group };
  }

  patch(path: string, body: unknown, current: Current) {
    return this.send('PATCH', path, body, current);
  }

  put(path: string, body: unknown, current: Current) {
    return this.send('PUT', path, body, current);
  }

  /**
   * Sends a write to an existing object. A SCIM-shaped 404 comes back as a response, not an
   * error: the object may be gone, or the server may only claim so. The caller reads it back.
   */
  async send(method: string, path: string, body: unknown, current: Current | null) {
    const headers: Record<string, string> = {};
    if (this.settings.etag && current?.etag) headers['if-match'] = current.etag;
    const res = await this.transport.request(method, path, {
      body,
      headers,
      signal: this.settings.signal,
      acceptStatus: [404],
    });
    if (res.status === 404 && !isScimNotFound(res)) throw this.htmlNotFound(method, path, res);
    return res;
  }

  /** POSTs a new object. Nothing can be gone yet, so a 404 is an error like any other. */
  create(path: string, body: unknown) {
    return this.transport.request('POST', path, { body, signal: this.settings.signal });
  }

  private htmlNotFound(method: string, path: string, res: ScimResponse): ScimError {
    return new ScimError(
      'not-found',
      `The server answered 404 for ${method} ${path} with a web page, not SCIM. Check the base URL.`,
      { status: 404, method, path, raw: this.transport.keepRaw(res.text) },
    );
  }
}

function isScimNotFound(res: ScimResponse): boolean {
  return res.text.trim() === '' ? !/html/i.test(res.contentType) : isScimErrorBody(res.text);
}

/** A result for a write that needed nothing sent. */
export function alreadyDone(
  op: WriteOp,
  before: Record<string, unknown> | null,
  after: TenantUser | TenantGroup | null,
): WriteResult {
  return { op, via: 'already-done', before, after, createdId: null, notes: [] };
}

/**
 * How a failure message names the server's answer to a write: "accepted" for a 2xx, but a 404
 * is no acceptance, and the admin should know the server claimed the object was missing.
 */
export function answerTo(status: number): string {
  return status === 404 ? 'answered 404 to' : 'accepted';
}

export function verificationFailed(message: string, method: string, path: string): ScimError {
  return new ScimError('verification-failed', message, { method, path });
}
