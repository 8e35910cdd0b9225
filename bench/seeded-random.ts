/**
 * A deterministic stream of numbers in [0, 1) from `seed` (mulberry32: 32-bit integer steps,
 * a period of 2^32), so that a bench's rows are the same on every run and machine. Every bench
 * draws from it: linear congruential steps in doubles multiply past 2^53, lose the low bits and
 * close their cycle within about 10,000 draws, too few for a hundred thousand rows.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
