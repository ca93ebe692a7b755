import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

const SCALE = 2 ** 30;

/** A seeded pseudo-random source (pure-rand xoroshiro128+): the same seed always gives the same sequence. */
export class Random {
  private readonly rng;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }
  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }
  /** A number in [0, 1). */
  float(): number {
    return uniformInt(this.rng, 0, SCALE - 1) / SCALE;
  }
  chance(probability: number): boolean {
    return this.float() < probability;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.float() * total;
    for (const [value, weight] of choices) {
      if ((roll -= weight) < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }
  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = Math.max(this.float(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}
