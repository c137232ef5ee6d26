import { createLogger } from '@mindex/rpc-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createInMemoryOptionStore } from './in-memory-option-store.js';
import type { OptionChange, OptionState } from './option-change.js';
import type { OptionStore } from './option-store.js';
import { createOptionWatchHub, type OptionWatchHub, type WatchEvent } from './option-watch-hub.js';

const NAMES = ['a', 'b'];
const quiet = createLogger({ level: 'error', write: () => undefined });
const bool = (value: boolean) => ({ type: 'bool' as const, value });

const describeEvent = (event: WatchEvent | undefined): string =>
  event === undefined
    ? 'end'
    : event.kind === 'snapshot'
      ? `snapshot@${event.snapshot.version}`
      : `change@${event.change.version}:${event.change.name}`;

describe('createOptionWatchHub', () => {
  let hub: OptionWatchHub | undefined;
  afterEach(() => hub?.close());

  const setup = (
    store: OptionStore = createInMemoryOptionStore(),
    options: { maxQueuedChanges?: number } = {},
  ) => {
    hub = createOptionWatchHub({ store, optionNames: NAMES, logger: quiet, pollIntervalMs: 20, ...options });
    return { store, hub };
  };
  const write = (store: OptionStore, name: string, value = true) =>
    store.write({ name, value: bool(value), expectedVersion: undefined, author: 't' });

  it('sends a snapshot, then each change in order', async () => {
    const { store, hub } = setup();
    await write(store, 'a');
    const abort = new AbortController();
    const events = hub.watch({ fromVersion: undefined, signal: abort.signal });
    const first = (await events.next()).value;
    expect(describeEvent(first)).toBe('snapshot@1');
    expect(
      first?.kind === 'snapshot' && first.snapshot.options.map((o: OptionState) => [o.name, o.version]),
    ).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    await write(store, 'b');
    await write(store, 'a', false);
    expect(describeEvent((await events.next()).value)).toBe('change@2:b');
    expect(describeEvent((await events.next()).value)).toBe('change@3:a');
    abort.abort();
  });

  it('replays the changes after a version instead of a snapshot', async () => {
    const { store, hub } = setup();
    for (const name of ['a', 'b', 'a']) await write(store, name);
    const events = hub.watch({ fromVersion: 1, signal: new AbortController().signal });
    expect(describeEvent((await events.next()).value)).toBe('change@2:b');
    expect(describeEvent((await events.next()).value)).toBe('change@3:a');
  });

  it('sends a snapshot for a version the store never reached', async () => {
    const { store, hub } = setup();
    await write(store, 'a');
    const events = hub.watch({ fromVersion: 5, signal: new AbortController().signal });
    expect(describeEvent((await events.next()).value)).toBe('snapshot@1');
  });

  it('sends a snapshot when the trail has a gap', async () => {
    const inner = createInMemoryOptionStore();
    // A trail that lost version 2: changesAfter skips it.
    const store: OptionStore = {
      ...inner,
      changesAfter: async (after, limit) =>
        (await inner.changesAfter(after, limit)).filter((c) => c.version !== 2),
    };
    setup(store);
    for (const name of ['a', 'b', 'a']) await write(inner, name);
    const events = hub!.watch({ fromVersion: 1, signal: new AbortController().signal });
    expect(describeEvent((await events.next()).value)).toBe('snapshot@3');
  });

  it('gives a watcher too far behind a fresh snapshot instead of an unbounded queue', async () => {
    const { store, hub } = setup(undefined, { maxQueuedChanges: 2 });
    for (let i = 0; i < 5; i++) await write(store, 'a', i % 2 === 0);
    // The watch registers on its first read; one poll then brings 5 changes, more than 2 may queue.
    const events = hub.watch({ fromVersion: 0, signal: new AbortController().signal });
    expect(describeEvent((await events.next()).value)).toBe('snapshot@5');
    await write(store, 'b');
    expect(describeEvent((await events.next()).value)).toBe('change@6:b');
  });

  it('fans one poll out to many watchers', async () => {
    const inner = createInMemoryOptionStore();
    let polls = 0;
    const store: OptionStore = {
      ...inner,
      changesAfter: (after, limit) => {
        polls += 1;
        return inner.changesAfter(after, limit);
      },
    };
    setup(store);
    const watchers = Array.from({ length: 20 }, () =>
      hub!.watch({ fromVersion: 0, signal: new AbortController().signal }),
    );
    await write(inner, 'a');
    const firsts = await Promise.all(watchers.map((w) => w.next()));
    expect(firsts.map((r) => describeEvent(r.value))).toEqual(Array(20).fill('change@1:a'));
    expect(hub!.watcherCount).toBe(20);
    expect(polls).toBeLessThan(20);
  });

  it('ends every watch cleanly on close', async () => {
    const { hub } = setup();
    const events = hub.watch({ fromVersion: 0, signal: new AbortController().signal });
    const pending = events.next();
    await new Promise((resolve) => setTimeout(resolve, 30));
    hub.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(hub.watcherCount).toBe(0);
  });

  it('ends a watch when its signal aborts and stops polling without watchers', async () => {
    const inner = createInMemoryOptionStore();
    let polls = 0;
    const store: OptionStore = {
      ...inner,
      changesAfter: (after, limit) => {
        polls += 1;
        return inner.changesAfter(after, limit);
      },
    };
    setup(store);
    const abort = new AbortController();
    const events = hub!.watch({ fromVersion: 0, signal: abort.signal });
    const pending = events.next();
    await new Promise((resolve) => setTimeout(resolve, 30));
    abort.abort();
    expect((await pending).done).toBe(true);
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(polls - after).toBeLessThanOrEqual(1);
  });

  it('keeps watching through a failing poll', async () => {
    const inner = createInMemoryOptionStore();
    let fail = true;
    const store: OptionStore = {
      ...inner,
      changesAfter: async (after, limit): Promise<readonly OptionChange[]> => {
        if (fail) throw new Error('database down');
        return inner.changesAfter(after, limit);
      },
    };
    setup(store);
    const events = hub!.watch({ fromVersion: 0, signal: new AbortController().signal });
    const pending = events.next();
    await write(inner, 'a');
    await new Promise((resolve) => setTimeout(resolve, 60));
    fail = false;
    expect(describeEvent((await pending).value)).toBe('change@1:a');
  });
});
