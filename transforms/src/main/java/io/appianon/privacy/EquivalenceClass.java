package io.appianon.privacy;

import java.util.Arrays;
import java.util.Objects;

/**
 * An equivalence class as the privacy models see it: the number of records sharing one combination
 * of generalized quasi-identifier values and the histogram of their sensitive values (indexed like
 * {@link SensitiveContext#values()}; empty when the models need no sensitive attribute). Models
 * decide on these counts only, never on raw rows.
 *
 * <p>The histogram array is not copied (this object is created once per class and node in the
 * lattice search); treat it as read-only.
 *
 * @param count number of records in the class
 * @param histogram sensitive value counts, summing to {@code count} when present
 */
public record EquivalenceClass(long count, long[] histogram) {
  private static final long[] NONE = new long[0];

  public EquivalenceClass {
    Objects.requireNonNull(histogram, "histogram");
  }

  /** A class with no sensitive histogram (for k-anonymity). */
  public static EquivalenceClass ofCount(long count) {
    return new EquivalenceClass(count, NONE);
  }

  /** A class given by its sensitive histogram; the count is the histogram's sum. */
  public static EquivalenceClass ofHistogram(long... histogram) {
    long c = 0;
    for (long h : histogram) {
      c += h;
    }
    return new EquivalenceClass(c, histogram);
  }

  /** Number of sensitive values that occur in this class. */
  public int distinctSensitiveValues() {
    int d = 0;
    for (long h : histogram) {
      if (h > 0) {
        d++;
      }
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EquivalenceClass e
        && e.count == count
        && Arrays.equals(e.histogram, histogram);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(histogram);
  }

  @Override
  public String toString() {
    return "EquivalenceClass[count=" + count + ", histogram=" + Arrays.toString(histogram) + "]";
  }
}
