/**
 * Each task's length: `min` ms, or when `max` is set a whole number from `min` to `max` drawn with
 * Math.random (not seeded: a task's length never decides what the documents promise, only when).
 */
export function taskDelay(min: number, max: number | undefined): () => number {
  if (max === undefined || max <= min) return () => min;
  return () => min + Math.floor(Math.random() * (max - min + 1));
}
