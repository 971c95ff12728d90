package io.appianon.privacy;

/**
 * Distinct l-diversity: every equivalence class contains at least l distinct sensitive values.
 *
 * <p>A. Machanavajjhala, D. Kifer, J. Gehrke, M. Venkitasubramaniam, "l-diversity: privacy beyond
 * k-anonymity", ACM Transactions on Knowledge Discovery from Data 1(1), 2007, article 3 (Section
 * 4.1, the simplest instantiation). Monotone even with suppression: a union contains every value of
 * each part.
 *
 * @param l the minimum number of distinct sensitive values, at least 2
 */
public record DistinctLDiversity(int l) implements PrivacyModel {

  public DistinctLDiversity {
    if (l < 2) {
      throw new IllegalArgumentException("Invalid l: " + l + " (must be >= 2)");
    }
  }

  @Override
  public boolean isSatisfied(EquivalenceClass ec, SensitiveContext context) {
    return ec.distinctSensitiveValues() >= l;
  }

  @Override
  public boolean isMonotonic() {
    return true;
  }

  @Override
  public boolean isMonotonicWithSuppression() {
    return true;
  }

  @Override
  public String describe() {
    return "distinct-l-diversity (l=" + l + ")";
  }
}
