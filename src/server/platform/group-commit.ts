// Group commit in the app (issue 10.1): many small writes of one kind, asked for at about the same time, made by
// one statement. A call runs at once while fewer than `maxInFlight` runs are under way; calls made meanwhile wait
// and go together in the next run (at most `maxBatch` in one). So a lone call costs what it did alone, and under
// load each round trip, each statement and each commit carries many writes instead of one.
export interface GroupCommitOptions {
  /** runs under way at once (each holds one database connection) */
  maxInFlight: number;
  /** items in one run at most */
  maxBatch: number;
}

/**
 * The caller's function of one item, made from `run`, which does many items at once and answers one result per
 * item, in their order. Every caller waits for the end of the run that carried its item (for a write: its commit);
 * when a run fails, every item in it fails with the same error.
 */
export function groupCommit<I, R>(
  run: (items: I[]) => Promise<R[]>,
  options: GroupCommitOptions,
): (item: I) => Promise<R> {
  const waiting: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let inFlight = 0;
  const pump = () => {
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      inFlight++;
      run(batch.map((b) => b.item))
        .then((results) => {
          if (results.length !== batch.length) throw new Error('group commit: one result per item expected');
          batch.forEach((b, i) => b.resolve(results[i]!));
        })
        .catch((e: unknown) => batch.forEach((b) => b.reject(e)))
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
}
