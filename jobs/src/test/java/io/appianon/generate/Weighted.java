package io.appianon.generate;

/**
 * Draws an index with probability proportional to fixed weights in O(1) with one random number
 * (Walker/Vose alias method: the integer part picks a column, the fraction decides between the
 * column's own index and its alias).
 */
final class Weighted {
  private final double[] keep;
  private final int[] alias;

  Weighted(double... weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("no weights");
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("bad weight at " + i + ": " + weights[i]);
      }
      sum += weights[i];
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights sum to zero");
    }
    keep = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      keep[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    // leftovers are 1 up to rounding error
    while (nl > 0) {
      int l = large[--nl];
      keep[l] = 1;
      alias[l] = l;
    }
    while (ns > 0) {
      int s = small[--ns];
      keep[s] = 1;
      alias[s] = s;
    }
  }

  int next(Rng r) {
    double u = r.nextDouble() * keep.length;
    int i = (int) u;
    return u - i < keep[i] ? i : alias[i];
  }
}
