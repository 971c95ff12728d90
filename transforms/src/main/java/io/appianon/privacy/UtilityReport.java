package io.appianon.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Utility of a release: per-attribute distribution changes, the distribution of equivalence class
 * sizes, and the suppressed share.
 *
 * @param attributes one entry per quasi-identifier
 * @param classSizes sizes of the released classes
 * @param suppressedShare share of input records suppressed
 */
public record UtilityReport(
    List<AttributeUtility> attributes, ClassSizes classSizes, double suppressedShare) {

  public UtilityReport {
    attributes = List.copyOf(attributes);
  }

  /**
   * Distribution of class sizes.
   *
   * @param classes number of classes
   * @param min smallest class (0 when none)
   * @param max largest class
   * @param mean mean size
   * @param median median size (over classes)
   * @param histogram number of classes per size bucket ({@code 1}, {@code 2-4}, {@code 5-9}, {@code
   *     10-19}, {@code 20-49}, {@code 50-99}, {@code 100+})
   */
  public record ClassSizes(
      long classes, long min, long max, double mean, double median, Map<String, Long> histogram) {

    public ClassSizes {
      histogram = Collections.unmodifiableMap(new LinkedHashMap<>(histogram));
    }
  }
}
