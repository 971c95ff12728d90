package io.appianon.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much one attribute's distribution changed between input and release.
 *
 * @param attribute the column
 * @param test {@link #REMOVED} when every input value was generalized to one released value (the
 *     attribute carries nothing: statistic and p-value are null), else {@code chi-square}
 *     (categorical: homogeneity of the input's and the release's counts per released value) or
 *     {@code kolmogorov-smirnov} (numeric: the input's values against the release's, each released
 *     group spread uniformly over the input values it covers)
 * @param statistic the test statistic (chi-square value, or KS D)
 * @param pValue the p-value (asymptotic; conservative for the many ties of discrete data)
 * @param distance total variation distance between the input's value distribution and the release's
 *     spread over the input values (0 = unchanged, 1 = disjoint)
 * @param valuesBefore distinct input values
 * @param valuesAfter distinct released values
 * @param distributionBefore input records per input value (numeric values in numeric order, others
 *     by count; values held by fewer records than k summed under {@link #RARE}; at most {@link
 *     #MAX_BARS}, the rest summed under {@link #OTHERS}); empty when not computed
 * @param distributionAfter released records per released value, in the same manner
 */
public record AttributeUtility(
    String attribute,
    String test,
    double statistic,
    double pValue,
    double distance,
    int valuesBefore,
    int valuesAfter,
    Map<String, Long> distributionBefore,
    Map<String, Long> distributionAfter) {
  /** The most values a distribution lists. */
  public static final int MAX_BARS = 60;

  /** The key under which values held by fewer records than the models' class size are summed. */
  public static final String RARE = "(rare values)";

  /** The key under which the values past {@link #MAX_BARS} are summed. */
  public static final String OTHERS = "(others)";

  public AttributeUtility {
    distributionBefore =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(distributionBefore));
    distributionAfter =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(distributionAfter));
  }

  public AttributeUtility(
      String attribute,
      String test,
      double statistic,
      double pValue,
      double distance,
      int valuesBefore,
      int valuesAfter) {
    this(
        attribute,
        test,
        statistic,
        pValue,
        distance,
        valuesBefore,
        valuesAfter,
        Map.of(),
        Map.of());
  }

  /** This result with the two distributions. */
  public AttributeUtility withDistributions(Map<String, Long> before, Map<String, Long> after) {
    return new AttributeUtility(
        attribute, test, statistic, pValue, distance, valuesBefore, valuesAfter, before, after);
  }

  /** The test of an attribute generalized to a single value (removed entirely). */
  public static final String REMOVED = "removed";

  /** Whether the attribute was generalized to a single value. */
  public boolean removed() {
    return REMOVED.equals(test);
  }
}
