import { describe, expect, it } from 'vitest';
import { errorCode, networkError } from '../../../src-main/core/scim/network-errors';
import { parseRetryAfter, ScimTransport } from '../../../src-main/core/scim/transport';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, and a past date as no wait', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('networkError', () => {
  const base = 'https://tenant.example.com/scim/v2';
  const failure = (code: string) => Object.assign(new Error('x'), { code });

  it('finds the code along the cause chain', () => {
    const wrapped = Object.assign(new Error('outer'), { cause: failure('ECONNRESET') });
    expect(errorCode(wrapped)).toBe('ECONNRESET');
  });

  it.each([
    ['ENOTFOUND', 'dns', false],
    ['ECONNREFUSED', 'unreachable', false],
    ['ECONNRESET', 'unreachable', true],
    ['UND_ERR_SOCKET', 'unreachable', true],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', false],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'unreachable', false],
    ['ERR_SSL_PACKET_LENGTH_TOO_LONG', 'unreachable', false],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', false],
  ])('classifies %s as %s (retry: %s)', (code, kind, retryable) => {
    const result = networkError(failure(code), base, 'GET', '/Users');
    expect(result.error.kind).toBe(kind);
    expect(result.retryable).toBe(retryable);
    expect(result.error.message).toContain('tenant.example.com');
  });
});

describe('keepRaw', () => {
  const token = 'tok-0123456789abcdef';
  const transport = new ScimTransport({ baseUrl: 'https://scim.invalid/v2', token });

  it('removes the token before capping, so a cut never leaves part of it', () => {
    const kept = transport.keepRaw('x'.repeat(64 * 1024 - 8) + token + ' tail') ?? '';
    expect(kept).not.toContain(token.slice(0, 8));
    expect(kept.endsWith('…')).toBe(true);
    expect(transport.keepRaw(`<pre>Bearer ${token}</pre>`)).toBe(
      '<pre>Bearer [token removed]</pre>',
    );
    expect(transport.keepRaw('')).toBeNull();
  });
});
