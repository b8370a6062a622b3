/**
 * Lists every resource of one type, whatever paging the server really does: 1-based offsets
 * (totals only a hint, counts capped or ignored, startIndex ignored or 0-based) or cursors.
 * Pages run concurrently once the first page makes the total look trustworthy, then a
 * sequential tail keeps going until an empty or short page, so a capped total loses nothing.
 */
import { ScimError, isRecord } from './errors';
import { resourceId } from './normalise';
import type { ScimTransport } from './transport';
import { query } from './url';

export interface ListOptions {
  /** `Users` or `Groups`. */
  endpoint: string;
  /** Word for warnings: "users", "groups". */
  noun: string;
  pageSize: number;
  concurrency: number;
  params?: Record<string, string>;
  signal?: AbortSignal;
  /** A guard against servers that page forever. */
  maxPages?: number;
  /** After each page arrives: resources on it (before dropping repeats) and the total hint. */
  onPage?: (received: number, total: number | null) => void;
  onRetry?: () => void;
}

export interface ListResult {
  resources: Record<string, unknown>[];
  /** False when the server's paging made it impossible to read everything. */
  complete: boolean;
  warnings: string[];
  /** The server's totalResults from the first page (a hint). */
  total: number | null;
  pages: number;
}

interface Page {
  resources: Record<string, unknown>[];
  total: number | null;
  nextCursor: string | null;
}

const MIN_COUNT = 10;
const DEFAULT_MAX_PAGES = 10_000;

/** Reads one list response: Resources may be missing, or the body a bare array. */
export function parseListPage(body: unknown): Page {
  if (Array.isArray(body))
    return { resources: body.filter(isRecord), total: null, nextCursor: null };
  if (!isRecord(body)) return { resources: [], total: null, nextCursor: null };
  const list = Array.isArray(body.Resources)
    ? body.Resources
    : Array.isArray(body.resources)
      ? body.resources
      : [];
  const totalRaw =
    typeof body.totalResults === 'string' ? Number(body.totalResults) : body.totalResults;
  const total =
    typeof totalRaw === 'number' && Number.isInteger(totalRaw) && totalRaw >= 0 ? totalRaw : null;
  const cursor = body.nextCursor;
  const nextCursor =
    typeof cursor === 'string' && cursor !== ''
      ? cursor
      : typeof cursor === 'number'
        ? String(cursor)
        : null;
  return { resources: list.filter(isRecord), total, nextCursor };
}

/** True for a 400/422 whose text is about the page size. */
export function isCountComplaint(err: unknown): err is ScimError {
  if (!(err instanceof ScimError) || (err.status !== 400 && err.status !== 422)) return false;
  const text = `${err.scimType ?? ''} ${err.detail ?? ''} ${err.raw ?? ''}`;
  return /count|maxResults|page.?size|limit|too (large|many|big)|exceed/i.test(text);
}

/** A smaller count to try after a complaint: a limit the server named, else half. */
export function smallerCount(err: ScimError, count: number): number | null {
  const named = `${err.detail ?? ''} ${err.raw ?? ''}`.match(/\b(\d{1,6})\b/g)?.map(Number) ?? [];
  const limit = named.filter((n) => n >= MIN_COUNT && n < count).sort((a, b) => b - a)[0];
  const next = limit ?? Math.floor(count / 2);
  return next >= MIN_COUNT && next < count ? next : null;
}

/** Runs `task` over `items` with at most `limit` in flight, keeping result order. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Lists all resources at `/{endpoint}`. Throws ScimError on failure or cancel. */
export async function listAll(transport: ScimTransport, opts: ListOptions): Promise<ListResult> {
  return new Lister(transport, opts).run();
}

class Lister {
  private readonly seen = new Map<string, Record<string, unknown>>();
  private readonly warnings: string[] = [];
  private readonly maxPages: number;
  private count: number;
  private pages = 0;
  private complete = true;
  private total: number | null = null;
  private withoutId = 0;

  constructor(
    private readonly transport: ScimTransport,
    private readonly opts: ListOptions,
  ) {
    this.count = opts.pageSize;
    this.maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  }

  async run(): Promise<ListResult> {
    const first = await this.firstPage();
    this.total = first.total;
    if (first.nextCursor !== null) {
      await this.cursorWalk(first);
    } else {
      await this.offsetWalk(first);
    }
    if (this.withoutId > 0) {
      this.warnings.push(
        `${this.withoutId} ${this.opts.noun} came back without an id and were skipped.`,
      );
    }
    return {
      resources: [...this.seen.values()],
      complete: this.complete,
      warnings: this.warnings,
      total: this.total,
      pages: this.pages,
    };
  }

  /** The first page, asking for fewer per page while the server complains about the count. */
  private async firstPage(): Promise<Page> {
    for (;;) {
      try {
        return await this.fetch({ startIndex: 1, count: this.count });
      } catch (err) {
        if (isCursorDemand(err)) return this.fetch({ cursor: '', count: this.count });
        const smaller = isCountComplaint(err) ? smallerCount(err, this.count) : null;
        if (smaller === null) throw err;
        this.warnings.push(
          `The server refused pages of ${this.count} ${this.opts.noun}; reading ${smaller} at a time.`,
        );
        this.count = smaller;
      }
    }
  }

  private async offsetWalk(first: Page): Promise<void> {
    const firstNew = this.add(first.resources);
    if (first.resources.length === 0) return this.checkTotal();
    // A server that caps the count answers with fewer than asked: that is its page size.
    const size = Math.min(this.count, first.resources.length);
    const firstFull = first.resources.length >= this.count;
    if (!firstFull && this.total !== null && this.seen.size >= this.total) return;
    let next = 1 + first.resources.length;
    let lastLength = first.resources.length;

    if (this.total !== null && this.total > this.seen.size && this.opts.concurrency > 1) {
      const starts: number[] = [];
      for (let s = next; s <= this.total && starts.length + this.pages < this.maxPages; s += size) {
        starts.push(s);
      }
      const pages = await mapLimit(starts, this.opts.concurrency, (s) =>
        this.fetch({ startIndex: s, count: size }),
      );
      for (const page of pages) {
        if (page.resources.length > 0 && this.add(page.resources) === 0) {
          return this.ignoredStartIndex(firstFull);
        }
      }
      next = starts.length ? starts[starts.length - 1] + size : next;
      lastLength = pages.length ? pages[pages.length - 1].resources.length : lastLength;
    }

    // The tail: until an empty or short page, whatever the total said.
    while (lastLength >= size && firstNew > 0) {
      if (this.pages >= this.maxPages) {
        this.complete = false;
        this.warnings.push(
          `Stopped after ${this.pages} pages of ${this.opts.noun}: the server kept sending more. The snapshot is incomplete.`,
        );
        return;
      }
      const page = await this.fetch({ startIndex: next, count: size });
      if (page.resources.length === 0) break;
      if (this.add(page.resources) === 0) return this.ignoredStartIndex(firstFull);
      next += page.resources.length;
      lastLength = page.resources.length;
    }
    await this.checkTotal();
  }

  /** Follows `nextCursor` until it stops, repeats, or a page comes back empty. */
  private async cursorWalk(first: Page): Promise<void> {
    this.add(first.resources);
    const used = new Set<string>();
    let cursor = first.nextCursor;
    while (cursor !== null && first.resources.length > 0) {
      if (used.has(cursor) || this.pages >= this.maxPages) {
        this.complete = false;
        this.warnings.push(
          `The server's cursor paging for ${this.opts.noun} went round in circles; stopped after ${this.pages} pages. The snapshot is incomplete.`,
        );
        return;
      }
      used.add(cursor);
      const page = await this.fetch({ cursor, count: this.count });
      if (page.resources.length === 0) break;
      this.add(page.resources);
      cursor = page.nextCursor;
    }
  }

  /** A page that only repeats what was read means the server does not page. */
  private ignoredStartIndex(firstFull: boolean): void {
    const missing = this.total !== null ? this.seen.size < this.total : firstFull;
    if (!missing) return;
    this.complete = false;
    this.warnings.push(
      `The server ignored startIndex and sent the same ${this.opts.noun} again: it does not page, so only ${this.seen.size}${this.total !== null ? ` of ${this.total}` : ''} ${this.opts.noun} could be read. The snapshot is incomplete.`,
    );
  }

  /**
   * When fewer arrived than the total said, asks for startIndex 0: a server counting from 0
   * skipped its first resource. A total that is still not reached is reported, not trusted.
   */
  private async checkTotal(): Promise<void> {
    if (this.total === null || this.seen.size >= this.total) return;
    try {
      const probe = await this.fetch({ startIndex: 0, count: this.count });
      if (this.add(probe.resources) > 0) {
        this.warnings.push(
          `The server counts startIndex from 0, not 1 as SCIM says; the ${this.opts.noun} it skipped were read separately.`,
        );
      }
    } catch (err) {
      if (err instanceof ScimError && err.kind === 'cancelled') throw err;
      // A strict server may refuse startIndex=0; that only means there is nothing to recover.
    }
    if (this.seen.size < this.total) {
      this.warnings.push(
        `The server said there were ${this.total} ${this.opts.noun} but returned ${this.seen.size}; its total was treated as a hint.`,
      );
    }
  }

  /** Adds resources not seen before; returns how many were new. */
  private add(resources: Record<string, unknown>[]): number {
    let added = 0;
    for (const resource of resources) {
      const id = resourceId(resource);
      if (id === null) {
        this.withoutId++;
        continue;
      }
      if (this.seen.has(id)) continue;
      this.seen.set(id, resource);
      added++;
    }
    return added;
  }

  private async fetch(params: Record<string, string | number>): Promise<Page> {
    const path = `/${this.opts.endpoint}${query({ ...this.opts.params, ...params })}`;
    const res = await this.transport.get(path, {
      signal: this.opts.signal,
      onRetry: this.opts.onRetry,
    });
    this.pages++;
    const page = parseListPage(res.json);
    // Reported as each page lands (pages in flight finish in any order), so progress and a
    // cancel from the progress handler act during the concurrent phase too.
    this.opts.onPage?.(page.resources.length, this.total ?? page.total);
    return page;
  }
}

function isCursorDemand(err: unknown): boolean {
  return (
    err instanceof ScimError &&
    err.status === 400 &&
    /cursor/i.test(`${err.scimType ?? ''} ${err.detail ?? ''}`)
  );
}
