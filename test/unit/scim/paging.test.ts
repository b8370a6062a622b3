import { describe, expect, it } from 'vitest';
import { ScimError } from '../../../src-main/core/scim/errors';
import {
  isCountComplaint,
  mapLimit,
  parseListPage,
  smallerCount,
} from '../../../src-main/core/scim/paging';

describe('parseListPage', () => {
  it('reads a standard list response, counting Resources not itemsPerPage', () => {
    const page = parseListPage({
      totalResults: 3,
      itemsPerPage: 100,
      Resources: [{ id: 'a' }, { id: 'b' }],
    });
    expect(page.resources).toHaveLength(2);
    expect(page.total).toBe(3);
    expect(page.nextCursor).toBeNull();
  });

  it('copes with missing Resources, bare arrays and string totals', () => {
    expect(parseListPage({ totalResults: 0 }).resources).toEqual([]);
    expect(parseListPage([{ id: 'a' }, 'junk']).resources).toEqual([{ id: 'a' }]);
    expect(parseListPage({ totalResults: '12', Resources: [] }).total).toBe(12);
    expect(parseListPage({ totalResults: 'many', Resources: [] }).total).toBeNull();
    expect(parseListPage('nonsense').resources).toEqual([]);
  });

  it('reads nextCursor', () => {
    expect(parseListPage({ Resources: [], nextCursor: 'abc' }).nextCursor).toBe('abc');
    expect(parseListPage({ Resources: [], nextCursor: '' }).nextCursor).toBeNull();
  });
});

describe('count complaints', () => {
  const complaint = (status: number, detail: string) =>
    new ScimError('bad-request', 'x', { status, detail });

  it('recognises a 400 or 422 about the page size', () => {
    expect(isCountComplaint(complaint(400, 'count must not exceed 100'))).toBe(true);
    expect(isCountComplaint(complaint(422, 'Page size too large'))).toBe(true);
    expect(isCountComplaint(complaint(400, 'userName is required'))).toBe(false);
    expect(isCountComplaint(complaint(500, 'count too large'))).toBe(false);
  });

  it('retries with the limit the server named, else half', () => {
    expect(smallerCount(complaint(400, 'count must not exceed 100'), 200)).toBe(100);
    expect(smallerCount(complaint(400, 'too many'), 200)).toBe(100);
    expect(smallerCount(complaint(400, 'too many'), 15)).toBeNull();
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });
});
