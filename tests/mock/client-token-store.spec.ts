import { test, expect } from '@playwright/test';
import { ClientTokenStore } from '../../src/mock/state/client-token-store.ts';

test('the store keeps at most maxEntries tokens, dropping the least recently used', () => {
  // Arrange
  const store = new ClientTokenStore<string>(3, 60_000);
  for (const k of ['a', 'b', 'c']) store.finish(k, 'fp', k, 0);
  // Act: touching "a" makes "b" the oldest
  store.get('a', 1);
  store.finish('d', 'fp', 'd', 2);
  // Assert
  expect(store.size).toBe(3);
  expect(store.get('b', 3)).toBeUndefined();
  expect(store.get('a', 3)?.state).toBe('done');
});

test('a token is forgotten ttlMs after it was stored', () => {
  const store = new ClientTokenStore<string>(10, 1000);
  store.finish('t', 'fp', 'r', 0);
  expect(store.get('t', 999)).toMatchObject({ state: 'done', result: 'r' });
  expect(store.get('t', 1000)).toBeUndefined();
});

test('100,000 distinct tokens leave the store at its bound', () => {
  const store = new ClientTokenStore<number>(1000, 60_000);
  for (let i = 0; i < 100_000; i++) store.finish(`t${i}`, 'fp', i, i);
  expect(store.size).toBe(1000);
  expect(store.get('t99999', 100_000)?.state).toBe('done');
});
