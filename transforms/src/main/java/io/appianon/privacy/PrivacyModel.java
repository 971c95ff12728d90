package io.appianon.privacy;

/**
 * A privacy model in the sense of ARX's criteria: a predicate on one equivalence class (its size
 * and sensitive histogram, plus the global {@link SensitiveContext}). A class that fails any
 * configured model is suppressed; a generalization is acceptable when the suppressed records stay
 * within the configured share (suppressed classes are exempt from the models, as in ARX).
 *
 * <p>Two monotonicity properties drive pruning in {@link LatticeSearch}:
 *
 * <ul>
 *   <li>{@link #isMonotonic()}: if two classes satisfy the model, so does their union. Then,
 *       without suppression, a node whose classes all satisfy the model has only satisfying
 *       successors (generalization merges classes).
 *   <li>{@link #isMonotonicWithSuppression()}: if one class satisfies the model, so does its union
 *       with any class. Then the set of records kept never shrinks under generalization, so
 *       "suppressed share at most x" is monotone for every limit x. True for k-anonymity and
 *       distinct l-diversity; false for entropy and recursive (c,l)-diversity and t-closeness (a
 *       satisfying class merged with a failing one can fail).
 * </ul>
 */
public interface PrivacyModel {

  /** Whether the class satisfies the model. */
  boolean isSatisfied(EquivalenceClass ec, SensitiveContext context);

  /** Whether the union of two satisfying classes always satisfies the model. */
  boolean isMonotonic();

  /** Whether the union of a satisfying class with any class always satisfies the model. */
  default boolean isMonotonicWithSuppression() {
    return false;
  }

  /** Whether the model reads the sensitive histogram (needs a sensitive attribute). */
  default boolean usesSensitive() {
    return true;
  }

  /**
   * The class size the model guarantees by itself (k for k-anonymity); used by the average class
   * size metric.
   */
  default long minimumClassSize() {
    return 1;
  }

  /** A short description naming the parameters, e.g. {@code k-anonymity (k=5)}. */
  String describe();
}
