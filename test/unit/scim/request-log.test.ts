import { describe, expect, it } from 'vitest';
import { RequestLog, type RequestLogEntry } from '../../../src-main/core/scim/request-log';

const entry = (path: string, status: number | null = 200): RequestLogEntry => ({
  at: '2026-01-01T00:00:00.000Z',
  method: 'GET',
  path,
  status,
  durationMs: 12,
  retries: 0,
  error: null,
});

describe('RequestLog', () => {
  it('tells subscribers about each entry until they unsubscribe', () => {
    const log = new RequestLog();
    const seen: string[] = [];
    const stop = log.subscribe((e) => seen.push(e.path));
    log.add(entry('/a'));
    stop();
    log.add(entry('/b'));
    expect(seen).toEqual(['/a']);
    expect(log.entries().map((e) => e.path)).toEqual(['/a', '/b']);
  });

  it('keeps only the newest entries past its capacity', () => {
    const log = new RequestLog(2);
    ['/1', '/2', '/3'].forEach((p) => log.add(entry(p)));
    expect(log.entries().map((e) => e.path)).toEqual(['/2', '/3']);
  });

  it('exports CSV with quoting and without spreadsheet formulas', () => {
    const log = new RequestLog();
    log.add(entry('/Users?filter=userName eq "a,b"'));
    log.add({ ...entry('=cmd', null), error: 'unreachable' });
    const lines = log.toCSV().trim().split('\r\n');
    expect(lines[0]).toBe('at,method,path,status,durationMs,retries,error');
    expect(lines[1]).toBe(
      '2026-01-01T00:00:00.000Z,GET,"/Users?filter=userName eq ""a,b""",200,12,0,',
    );
    expect(lines[2]).toBe("2026-01-01T00:00:00.000Z,GET,'=cmd,,12,0,unreachable");
  });

  it('exports JSON that reads back to the same entries', () => {
    const log = new RequestLog();
    log.add(entry('/x'));
    expect(JSON.parse(log.toJSON())).toEqual([entry('/x')]);
  });
});
