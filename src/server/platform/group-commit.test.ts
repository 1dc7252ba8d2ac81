// Group commit (issue 10.1): a lone call runs at once; calls made while the runs in flight are at their limit go
// together in the next run, each answered with its own result; a failed run fails exactly its own calls.
import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** A run whose end the test decides, recording the items of each run. */
function controlledRuns() {
  const runs: { items: number[]; finish: () => void; fail: (e: Error) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      runs.push({ items, finish: () => resolve(items.map((i) => `r${i}`)), fail: reject });
    });
  return { runs, run };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('runs a lone call at once, and gathers the calls made while the runs in flight are at the limit', async () => {
    const { runs, run } = controlledRuns();
    const call = groupCommit(run, { maxInFlight: 2, maxBatch: 100 });
    const first = call(1);
    const second = call(2);
    expect(runs.map((r) => r.items)).toEqual([[1], [2]]);
    const rest = [3, 4, 5].map((i) => call(i));
    await tick();
    expect(runs).toHaveLength(2); // waiting for a run to end
    runs[0]!.finish();
    expect(await first).toBe('r1');
    await tick();
    expect(runs.map((r) => r.items)).toEqual([[1], [2], [3, 4, 5]]);
    runs[2]!.finish();
    expect(await Promise.all(rest)).toEqual(['r3', 'r4', 'r5']);
    runs[1]!.finish();
    expect(await second).toBe('r2');
  });

  it('puts no more than maxBatch calls in one run', async () => {
    const { runs, run } = controlledRuns();
    const call = groupCommit(run, { maxInFlight: 1, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((i) => call(i));
    for (let i = 0; runs.length < 4 && i < 10; i++) {
      runs.at(-1)!.finish();
      await tick();
    }
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3], [4, 5], [6]]);
    runs.at(-1)!.finish();
    expect(await Promise.all(all)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
  });

  it('fails the calls of a failed run, and only those', async () => {
    const { runs, run } = controlledRuns();
    const call = groupCommit(run, { maxInFlight: 1, maxBatch: 10 });
    const first = call(1);
    const later = [call(2), call(3)];
    runs[0]!.fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    expect(runs[1]!.items).toEqual([2, 3]);
    runs[1]!.finish();
    expect(await Promise.all(later)).toEqual(['r2', 'r3']);
  });

  it('fails a run that does not answer once per item', async () => {
    const call = groupCommit(async (items: number[]) => items.slice(1), { maxInFlight: 1, maxBatch: 10 });
    await expect(call(1)).rejects.toThrow('one result per item');
  });
});
