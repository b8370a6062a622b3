/**
 * Runs tasks with bounded concurrency, in order, never two tasks with the same lock key at once
 * (two writes to one group would race on servers that replace the whole member list).
 */

export interface PoolTask {
  /** Tasks sharing a key run one after another, in list order. */
  key: string;
  run(): Promise<void>;
}

/**
 * Starts tasks in list order as slots free up. `shouldStart` is asked before each start; when it
 * says no, the remaining tasks are left unstarted (cancel). Resolves when every started task
 * has settled; rejects with the first task error after the others settle.
 */
export async function runPool(
  tasks: PoolTask[],
  concurrency: number,
  shouldStart: () => boolean,
): Promise<void> {
  const limit = Math.max(1, Math.floor(concurrency));
  const waiting = [...tasks];
  const busyKeys = new Set<string>();
  let running = 0;
  let failure: unknown = null;

  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (running < limit && failure === null && shouldStart()) {
        const index = waiting.findIndex((t) => !busyKeys.has(t.key));
        if (index < 0) break;
        const [task] = waiting.splice(index, 1) as [PoolTask];
        start(task);
      }
      if (running === 0) resolve();
    };

    const start = (task: PoolTask): void => {
      running++;
      busyKeys.add(task.key);
      task
        .run()
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => {
          running--;
          busyKeys.delete(task.key);
          pump();
        });
    };

    pump();
  });

  if (failure !== null) throw failure;
}
