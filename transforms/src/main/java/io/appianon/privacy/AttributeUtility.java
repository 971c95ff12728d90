package io.appianon.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much one attribute's distribution changed between input and release.
 *
 * @param attribute the column
 * @param test {@link #REMOVED} when every input value was generalized to one released value (the attribute carries
 *     nothing: statistic and p-value are null), else {@code chi-square} (categorical: homogeneity of the input's and the release's counts per released
 *     value) or {@code kolmogorov-smirnov} (numeric: the input's values against the release's, each released group
 *     spread uniformly over the input values it covers)
 * @param statistic the test statistic (chi-square value, or KS D)
 * @param pValue the p-value (asymptotic; conservative for the many ties of discrete data)
 * @param distance total variation distance between the input's value distribution and the release's spread over
 *     the input values (0 = unchanged, 1 = disjoint)
 * @param valuesBefore distinct input values
 * @param valuesAfter distinct released values
 */
public record AttributeUtility(String attribute, String test, double statistic, double pValue, double distance,
    int valuesBefore, int valuesAfter) {
  /** The test of an attribute generalized to a single value (removed entirely). */
  public static final String REMOVED = "removed";

  /** Whether the attribute was generalized to a single value. */
  public boolean removed() {
    return REMOVED.equals(test);
  }

  /** A JSON-friendly view (NaN as null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("attribute", attribute);
    m.put("test", test);
    m.put("removed", removed());
    m.put("statistic", Double.isNaN(statistic) ? null : statistic);
    m.put("p_value", Double.isNaN(pValue) ? null : pValue);
    m.put("distance", distance);
    m.put("values_before", valuesBefore);
    m.put("values_after", valuesAfter);
    return m;
  }
}
