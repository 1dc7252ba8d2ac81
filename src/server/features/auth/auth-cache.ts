// Sessions and actors kept in the process (issue 10.1): a request whose session and actor are cached costs no
// database work to authenticate. What they are read from (sessions, accounts, role assignments, memberships,
// positions, organisations) tells every process of each change on the channel 'chibo_auth', from triggers inside
// the writing transaction (migration 0010), so an entry is dropped once the change commits, whichever process made
// it. Notifications lost while the listening connection was down drop everything; entries also expire on their own
// after a short age (the safety net: scopes that begin or end at midnight, a missed message) and the cache holds a
// bounded number of them, least recently used first out.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../domain/permissions.ts';
import { type Database, notify } from '../../platform/db.ts';
import { logger } from '../../platform/logger.ts';
import * as service from './auth.service.ts';

export const authChannel = 'chibo_auth';

export interface AuthCacheOptions {
  /** Most sessions (and, separately, actors) kept. */
  maxEntries?: number;
  /** Age after which an entry is read again from the database. */
  maxAgeMs?: number;
}

interface CachedSession {
  accountId: string;
  expiresAt: number;
  lastSeenAt: number;
  cachedAt: number;
}

interface CachedActor {
  actor: Actor;
  cachedAt: number;
}

/** A map that keeps at most `max` entries, dropping the least recently used. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }
  set(key: K, v: V) {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K) {
    this.map.delete(key);
  }
  deleteWhere(test: (v: V, k: K) => boolean) {
    for (const [k, v] of this.map) if (test(v, k)) this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
  get size() {
    return this.map.size;
  }
}

export interface AuthCache {
  /** The live session of a cookie's token (as `resolveSession`), from memory when cached. */
  session(token: string, sessionDays: number): Promise<{ tokenHash: string; accountId: string } | null>;
  /** The actor of an account (as `resolveActor`), from memory when cached. */
  actor(accountId: string): Promise<Actor | null>;
  /**
   * Waits until every change committed before the call has reached this process (a marker sent now arrives after
   * them: PostgreSQL delivers notifications in commit order). Used after a write that may change sessions or roles,
   * so that this process's next request sees it.
   */
  settle(): Promise<void>;
  /** Entries held (tests and benchmarks). */
  readonly size: { sessions: number; actors: number };
  stop(): Promise<void>;
}

export function createAuthCache(db: Database, options: AuthCacheOptions = {}): AuthCache {
  const maxEntries = options.maxEntries ?? 50_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const sessions = new Lru<string, CachedSession>(maxEntries);
  const actors = new Lru<string, CachedActor>(maxEntries);
  // Bumped by every invalidation: a read that began before one may not store what it read.
  let generation = 0;
  // Until the listener is up nothing is stored: a change could not be heard.
  let listening = false;
  const markers = new Map<string, () => void>();

  const dropAll = () => {
    generation++;
    sessions.clear();
    actors.clear();
  };
  const dropAccount = (accountId: string) => {
    actors.delete(accountId);
    sessions.deleteWhere((s) => s.accountId === accountId);
  };

  function onMessage(payload: string) {
    const colon = payload.indexOf(':');
    const kind = colon < 0 ? payload : payload.slice(0, colon);
    const id = payload.slice(colon + 1);
    if (kind === 'marker') return markers.get(id)?.();
    generation++;
    if (kind === 'session') sessions.delete(id);
    else if (kind === 'account') dropAccount(id);
    else if (kind === 'member') actors.deleteWhere((a) => a.actor.memberId === id);
    else dropAll();
  }

  // Listening starts with the first use (an app built only to list its routes never touches the database).
  let stopListening: Promise<() => Promise<void>> | null = null;
  const start = () =>
    (stopListening ??= db
      .listen(authChannel, {
        message: onMessage,
        reconnected: () => {
          logger.warn('auth cache: notifications may have been lost, dropping every entry');
          dropAll();
        },
      })
      .then((stop) => {
        listening = true;
        return stop;
      })
      .catch((e: unknown) => {
        logger.error('auth cache: cannot listen, caching nothing', { error: String(e) });
        return async () => undefined;
      }));

  const fresh = (cachedAt: number, now: number) => now - cachedAt < maxAgeMs;

  return {
    async session(token, sessionDays) {
      void start();
      const tokenHash = service.hashToken(token);
      const now = Date.now();
      const hit = sessions.get(tokenHash);
      if (hit && hit.expiresAt > now && fresh(hit.cachedAt, now)) {
        if (now - hit.lastSeenAt > service.touchEveryMs) {
          const expiresAt = new Date(now + sessionDays * 86_400_000);
          await service.touchSessionAt(db, tokenHash, expiresAt);
          hit.lastSeenAt = now;
          hit.expiresAt = expiresAt.getTime();
        }
        return { tokenHash, accountId: hit.accountId };
      }
      if (hit) sessions.delete(tokenHash);
      const seen = generation;
      const found = await service.resolveSessionRow(db, tokenHash, sessionDays);
      if (found && listening && seen === generation) {
        sessions.set(tokenHash, {
          accountId: found.accountId,
          expiresAt: found.expiresAt.getTime(),
          lastSeenAt: found.lastSeenAt.getTime(),
          cachedAt: now,
        });
      }
      return found ? { tokenHash, accountId: found.accountId } : null;
    },

    async actor(accountId) {
      void start();
      const now = Date.now();
      const hit = actors.get(accountId);
      if (hit && fresh(hit.cachedAt, now)) return hit.actor;
      const seen = generation;
      const actor = await service.resolveActor(db, accountId);
      if (actor && listening && seen === generation) actors.set(accountId, { actor, cachedAt: now });
      else if (!actor) actors.delete(accountId);
      return actor;
    },

    async settle() {
      await start();
      if (!listening) return;
      const id = randomBytes(8).toString('hex');
      const arrived = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          // The listening connection is down or slow: nothing cached can be trusted.
          markers.delete(id);
          dropAll();
          resolve();
        }, 2000);
        markers.set(id, () => {
          clearTimeout(timer);
          markers.delete(id);
          resolve();
        });
      });
      await notify(db, authChannel, `marker:${id}`);
      await arrived;
    },

    get size() {
      return { sessions: sessions.size, actors: actors.size };
    },

    async stop() {
      dropAll();
      listening = false;
      const listener = stopListening;
      if (listener) await (await listener)();
    },
  };
}
