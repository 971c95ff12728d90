package io.appianon.report;

import io.appianon.privacy.AttributeUtility;
import io.appianon.privacy.UtilityReport;
import java.util.List;
import java.util.Map;

/**
 * {@code utility}: per-attribute distribution changes, class sizes and the suppressed share ({@link
 * UtilityReport}).
 */
public record UtilitySection(
    List<Attribute> attributes, ClassSizes classSizes, double suppressedShare) {

  public static UtilitySection of(UtilityReport u) {
    UtilityReport.ClassSizes c = u.classSizes();
    return new UtilitySection(
        u.attributes().stream().map(Attribute::of).toList(),
        new ClassSizes(c.classes(), c.min(), c.max(), c.mean(), c.median(), c.histogram()),
        u.suppressedShare());
  }

  /**
   * {@code attribute_utility}: one attribute's change ({@link AttributeUtility}); NaN statistics
   * are null.
   */
  public record Attribute(
      String attribute,
      String test,
      boolean removed,
      Double statistic,
      Double pValue,
      double distance,
      int valuesBefore,
      int valuesAfter,
      Map<String, Long> distributionBefore,
      Map<String, Long> distributionAfter) {

    public static Attribute of(AttributeUtility a) {
      return new Attribute(
          a.attribute(),
          a.test(),
          a.removed(),
          Double.isNaN(a.statistic()) ? null : a.statistic(),
          Double.isNaN(a.pValue()) ? null : a.pValue(),
          a.distance(),
          a.valuesBefore(),
          a.valuesAfter(),
          a.distributionBefore(),
          a.distributionAfter());
    }
  }

  /**
   * {@code class_sizes}: distribution of the released classes' sizes ({@link
   * UtilityReport.ClassSizes}).
   */
  public record ClassSizes(
      long classes, long min, long max, double mean, double median, Map<String, Long> histogram) {}
}
