import type { SkippedRows } from '../model';
import type { DirectoryBuilder } from './builder';

/** Rows read and skipped in one file; skips are also counted for the whole directory. */
export class FileTally {
  private readonly skips = new Map<string, number>();

  constructor(private readonly builder: DirectoryBuilder) {}

  skip(reason: string, count = 1): void {
    if (count <= 0) return;
    this.skips.set(reason, (this.skips.get(reason) ?? 0) + count);
    this.builder.skip(reason, count);
  }

  skipped(): SkippedRows[] {
    return [...this.skips].map(([reason, count]) => ({ reason, count }));
  }
}
