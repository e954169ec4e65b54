// A seeded generator, so every run (and every library compared within a run) sees the
// same "random" data and the same sequence of checks.

/** mulberry32: tiny, fast, good enough for picking test data. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export const intBelow = (rand: () => number, n: number): number => Math.floor(rand() * n);

/** A deterministic UUID-shaped id (the store treats ids as opaque strings). */
export function benchId(prefix: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `b0000000-0000-4000-${(0x8000 + prefix).toString(16)}-${hex}`;
}
