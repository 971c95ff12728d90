package io.appianon.privacy;

/**
 * Entropy l-diversity: in every equivalence class the entropy of the sensitive values, {@code -sum
 * p log p}, is at least {@code log l}.
 *
 * <p>A. Machanavajjhala, D. Kifer, J. Gehrke, M. Venkitasubramaniam, "l-diversity: privacy beyond
 * k-anonymity", ACM Transactions on Knowledge Discovery from Data 1(1), 2007, article 3 (Definition
 * 4.1). Monotone under generalization (entropy is concave, so the union of two l-diverse classes is
 * l-diverse), but not with suppression: a diverse class merged with a pure one can fall below
 * {@code log l}.
 *
 * <p>The comparison allows a relative rounding slack of 1e-12, so a uniform class over exactly l
 * values passes.
 *
 * @param l the diversity, greater than 1 (need not be an integer)
 */
public record EntropyLDiversity(double l) implements PrivacyModel {
  private static final double SLACK = 1e-12;

  public EntropyLDiversity {
    if (!(l > 1.0) || Double.isInfinite(l)) {
      throw new IllegalArgumentException("Invalid l: " + l + " (must be > 1)");
    }
  }

  @Override
  public boolean isSatisfied(EquivalenceClass ec, SensitiveContext context) {
    long n = ec.count();
    if (n == 0) {
      return false;
    }
    double entropy = 0.0;
    for (long h : ec.histogram()) {
      if (h > 0) {
        double p = (double) h / n;
        entropy -= p * Math.log(p);
      }
    }
    double bound = Math.log(l);
    return entropy >= bound - SLACK * Math.max(1.0, bound);
  }

  @Override
  public boolean isMonotonic() {
    return true;
  }

  @Override
  public String describe() {
    return "entropy-l-diversity (l=" + l + ")";
  }
}
