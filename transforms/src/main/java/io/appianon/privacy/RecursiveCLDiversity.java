package io.appianon.privacy;

import java.util.Arrays;

/**
 * Recursive (c,l)-diversity: with the sensitive counts of a class sorted in descending order {@code
 * r1 >= r2 >= ... >= rm}, the class has at least l distinct values and {@code r1 < c * (rl + ... +
 * rm)}: the most frequent value is not too frequent compared with the less frequent ones.
 *
 * <p>A. Machanavajjhala, D. Kifer, J. Gehrke, M. Venkitasubramaniam, "l-diversity: privacy beyond
 * k-anonymity", ACM Transactions on Knowledge Discovery from Data 1(1), 2007, article 3 (Definition
 * 4.2; monotone under generalization, Section 4.2). Not monotone with suppression.
 *
 * @param c the constant, greater than 0
 * @param l the number of values, at least 2
 */
public record RecursiveCLDiversity(double c, int l) implements PrivacyModel {

  public RecursiveCLDiversity {
    if (!(c > 0.0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("Invalid c: " + c + " (must be > 0)");
    }
    if (l < 2) {
      throw new IllegalArgumentException("Invalid l: " + l + " (must be >= 2)");
    }
  }

  @Override
  public boolean isSatisfied(EquivalenceClass ec, SensitiveContext context) {
    long[] h = ec.histogram();
    int m = 0;
    long[] sorted = new long[h.length];
    for (long v : h) {
      if (v > 0) {
        sorted[m++] = v;
      }
    }
    if (m < l) {
      return false;
    }
    Arrays.sort(sorted, 0, m);
    // ascending: r1 = sorted[m-1], r_i = sorted[m-i]; tail r_l..r_m = sorted[0..m-l]
    long tail = 0;
    for (int i = 0; i <= m - l; i++) {
      tail += sorted[i];
    }
    return sorted[m - 1] < c * tail;
  }

  @Override
  public boolean isMonotonic() {
    return true;
  }

  @Override
  public String describe() {
    return "recursive-(c,l)-diversity (c=" + c + ", l=" + l + ")";
  }
}
