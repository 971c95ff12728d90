package io.appianon.technique;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent seeds from the per-release seed (or a policy's {@code seed}), one per purpose
 * and column, so that two columns never receive the same noise sequence and two techniques never
 * share a random order. SplitMix64 finalisation (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014) over the base seed and a 64-bit FNV-1a hash of the
 * purpose.
 */
final class Seeds {
  private Seeds() {}

  static long derive(long base, String purpose) {
    long h = 0xcbf29ce484222325L;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(base ^ mix(h));
  }

  private static long mix(long z) {
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
