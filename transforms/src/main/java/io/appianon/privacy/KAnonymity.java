package io.appianon.privacy;

/**
 * k-anonymity: every equivalence class has at least k records.
 *
 * <p>L. Sweeney, "k-anonymity: a model for protecting privacy", International Journal of
 * Uncertainty, Fuzziness and Knowledge-Based Systems 10(5), 2002, pp. 557-570.
 *
 * @param k the minimum class size, at least 2
 */
public record KAnonymity(int k) implements PrivacyModel {

  public KAnonymity {
    if (k < 2) {
      throw new IllegalArgumentException("Invalid k: " + k + " (must be >= 2)");
    }
  }

  @Override
  public boolean isSatisfied(EquivalenceClass ec, SensitiveContext context) {
    return ec.count() >= k;
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
  public boolean usesSensitive() {
    return false;
  }

  @Override
  public long minimumClassSize() {
    return k;
  }

  @Override
  public String describe() {
    return "k-anonymity (k=" + k + ")";
  }
}
