package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.ReportJson;
import io.appianon.report.UtilitySection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class UtilityMetricsTest {

  @Test
  void identicalHistogramsShowNoChange() {
    AttributeUtility c =
        UtilityMetrics.categorical("x", new long[] {10, 20, 30}, new long[] {10, 20, 30});
    assertEquals(0.0, c.statistic(), 1e-12);
    assertEquals(1.0, c.pValue(), 1e-12);
    assertEquals(0.0, c.distance(), 1e-12);
    AttributeUtility k =
        UtilityMetrics.kolmogorovSmirnov(
            "n", new double[] {1, 2, 3}, new double[] {5, 5, 5}, new double[] {1, 1, 1});
    assertEquals(0.0, k.statistic(), 1e-12);
    assertEquals(1.0, k.pValue(), 1e-12);
  }

  @Test
  void shiftedDistributionsAreDetected() {
    AttributeUtility c = UtilityMetrics.categorical("x", new long[] {100, 0}, new long[] {0, 100});
    assertEquals(1.0, c.distance(), 1e-12);
    assertTrue(c.pValue() < 1e-10);
    // all mass at 1 versus all mass at 3: D = 1
    AttributeUtility k =
        UtilityMetrics.kolmogorovSmirnov(
            "n", new double[] {1, 2, 3}, new double[] {50, 0, 0}, new double[] {0, 0, 50});
    assertEquals(1.0, k.statistic(), 1e-12);
    assertTrue(k.pValue() < 1e-10);
  }

  @Test
  void utilityOfANodeSpreadsGeneralizedValues() {
    FrequencyTable table = InformationLossTest.table();
    LatticeSearch search = new LatticeSearch(table);
    UtilityReport u =
        UtilityMetrics.of(table, search.snapshot(List.of(0, 1), SearchConfig.kAnonymity(2, 0.2)));
    assertEquals(0.2, u.suppressedShare(), 1e-12);
    assertEquals(2, u.classSizes().classes());
    assertEquals(2, u.classSizes().min());
    assertEquals(2L, u.classSizes().histogram().get("2-4"));
    AttributeUtility age = u.attributes().get(1);
    assertEquals("kolmogorov-smirnov", age.test());
    // input ages 20,20,25,30,35 (weights .4 .2 .2 .2); release: 20-29 x2 over {20,25}, 30-39 x2
    // over {30,35} CDFs at 20: .4 vs .25, at 25: .6 vs .5, at 30: .8 vs .75 -> D = .15
    assertEquals(0.15, age.statistic(), 1e-12);
    assertEquals(4, age.valuesBefore());
    assertEquals(2, age.valuesAfter());
    AttributeUtility sex = u.attributes().get(0);
    assertEquals("chi-square", sex.test());
    assertEquals(1, sex.valuesAfter(), "only M is released");
  }

  /**
   * An attribute generalized to * is reported as removed, with no test p-value that would read as
   * "unchanged".
   */
  @Test
  void anAttributeGeneralizedToOneValueIsRemoved() {
    FrequencyTable table = InformationLossTest.table();
    UtilityReport u =
        UtilityMetrics.of(
            table,
            new LatticeSearch(table).snapshot(List.of(1, 1), SearchConfig.kAnonymity(2, 0.2)));
    AttributeUtility sex = u.attributes().get(0);
    assertEquals("removed", sex.test());
    assertEquals(true, ReportJson.toMap(UtilitySection.Attribute.of(sex)).get("removed"));
    assertEquals(null, ReportJson.toMap(UtilitySection.Attribute.of(sex)).get("p_value"));
    assertEquals(false, u.attributes().get(1).removed());
  }

  /**
   * The report's bars: input values held by fewer than k records are pooled (report.json is
   * published), bands in numeric order.
   */
  @Test
  void distributionsPoolRareInputValues() {
    FrequencyTable table = InformationLossTest.table();
    UtilityReport u =
        UtilityMetrics.of(
            table,
            new LatticeSearch(table).snapshot(List.of(0, 1), SearchConfig.kAnonymity(2, 0.2)),
            2);
    AttributeUtility age = u.attributes().get(1);
    assertEquals(java.util.Map.of("20", 2L, AttributeUtility.RARE, 3L), age.distributionBefore());
    assertEquals(List.of("20-29", "30-39"), List.copyOf(age.distributionAfter().keySet()));
    assertEquals(
        List.of(2L, 2L), List.copyOf(age.distributionAfter().values()), "(F, 20-29) is suppressed");
  }

  @Test
  void kolmogorovSmirnovOnBoundedSamplesOfSparkColumns() {
    TestData.spark().sparkContext().setLogLevel("WARN");
    Dataset<Row> a = TestData.spark().range(0, 5000).toDF("x");
    Dataset<Row> shifted = TestData.spark().range(2500, 7500).toDF("x");
    AttributeUtility same = UtilityMetrics.kolmogorovSmirnov(a, a, "x", 1000);
    assertTrue(
        same.valuesBefore() <= 1000 && same.valuesBefore() > 500,
        "bounded sample " + same.valuesBefore());
    assertEquals(0.0, same.statistic(), 1e-12, "the same seed samples the same rows");
    AttributeUtility diff = UtilityMetrics.kolmogorovSmirnov(a, shifted, "x", 1000);
    assertTrue(diff.statistic() > 0.4 && diff.pValue() < 1e-6, diff.toString());
  }

  @Test
  void classSizeDistribution() {
    UtilityReport.ClassSizes s = UtilityMetrics.classSizes(new long[] {1, 5, 5, 120, 3});
    assertEquals(5, s.classes());
    assertEquals(1, s.min());
    assertEquals(120, s.max());
    assertEquals(5.0, s.median(), 1e-12);
    assertEquals(26.8, s.mean(), 1e-12);
    assertEquals(1L, s.histogram().get("1"));
    assertEquals(1L, s.histogram().get("2-4"));
    assertEquals(2L, s.histogram().get("5-9"));
    assertEquals(1L, s.histogram().get("100+"));
  }
}
