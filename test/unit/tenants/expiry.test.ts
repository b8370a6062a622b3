import { describe, expect, it } from 'vitest';
import { expiryWarning, httpStatusOf, unauthorizedAdvice } from '../../../src-main/core/tenants';

const at = (iso: string): Date => new Date(iso);

describe('expiryWarning', () => {
  const profile = { name: 'Acme', tokenExpiresAt: '2026-06-15' };

  it('says nothing without a date or when the date is further off than the window', () => {
    expect(expiryWarning({ name: 'Acme' }, at('2026-06-01T12:00:00Z'))).toBeNull();
    expect(expiryWarning(profile, at('2026-05-31T23:59:59Z'), 14)).toBeNull();
  });

  it('warns from N days ahead, counting whole UTC days', () => {
    expect(expiryWarning(profile, at('2026-06-01T00:00:00Z'), 14)).toMatchObject({
      level: 'soon',
      daysLeft: 14,
    });
    expect(expiryWarning(profile, at('2026-06-14T23:00:00Z'))?.message).toContain('tomorrow');
  });

  it('treats the entered day as still valid and the next as expired', () => {
    expect(expiryWarning(profile, at('2026-06-15T23:59:00Z'))).toMatchObject({
      level: 'soon',
      daysLeft: 0,
    });
    const expired = expiryWarning(profile, at('2026-06-16T00:00:01Z'));
    expect(expired).toMatchObject({ level: 'expired', daysLeft: -1 });
    expect(expired?.message).toContain('expired on 2026-06-15');
  });
});

describe('unauthorizedAdvice', () => {
  it('explains a 401 as a possibly expired token', () => {
    const error = Object.assign(new Error('refused'), { status: 401 });
    expect(unauthorizedAdvice(error)).toMatch(/token may have expired/);
  });

  it('mentions the entered date when it has passed', () => {
    const error = { status: 401 };
    const advice = unauthorizedAdvice(
      error,
      { name: 'Acme', tokenExpiresAt: '2026-01-01' },
      at('2026-03-01T00:00:00Z'),
    );
    expect(advice).toContain('entered as expiring 2026-01-01');
  });

  it('stays silent for other statuses and for errors without one', () => {
    expect(unauthorizedAdvice({ status: 403 })).toBeNull();
    expect(unauthorizedAdvice(new Error('ECONNREFUSED'))).toBeNull();
    expect(httpStatusOf({ statusCode: 404 })).toBe(404);
  });
});
