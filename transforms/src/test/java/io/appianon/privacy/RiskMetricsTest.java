package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.ReportJson;
import io.appianon.report.RiskSection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void prosecutorAndMarketerRiskFromClassSizes() {
    RiskReport r = RiskMetrics.of(new long[] {1, 2, 3, 4}, 0.3);
    assertEquals(10, r.records());
    assertEquals(4, r.classes());
    assertEquals(1.0, r.prosecutorMax(), EPS);
    assertEquals(0.4, r.prosecutorAverage(), EPS);
    assertEquals(0.6, r.recordsAtRisk(), EPS, "classes of 1, 2 and 3 exceed 0.3");
    assertEquals(0.1, r.sampleUniques(), EPS);
    assertEquals(1.0, r.journalistMax(), EPS, "no population: prosecutor risk as upper bound");
    assertEquals(0.4, r.marketer(), EPS);
    assertFalse(r.populationModel());
    assertEquals(true, ReportJson.toMap(RiskSection.of(r)).get("journalist_is_upper_bound"));
  }

  @Test
  void journalistAndMarketerRiskWithAPopulation() {
    RiskReport r = RiskMetrics.of(new long[] {1, 2, 3, 4}, new long[] {2, 2, 6, 8}, 0.3);
    assertEquals(0.5, r.journalistMax(), EPS);
    assertEquals((0.5 + 1.0 + 0.5 + 0.5) / 10, r.marketer(), EPS);
    assertTrue(r.populationModel());
    assertEquals(1.0, r.prosecutorMax(), EPS);
  }

  @Test
  void riskBeforeAndAfterANode() {
    FrequencyTable table = InformationLossTest.table();
    RiskReport before = RiskMetrics.before(table, 0.2, Optional.empty());
    assertEquals(5, before.records());
    assertEquals(4, before.classes());
    assertEquals(1.0, before.prosecutorMax(), EPS);
    assertEquals(0.6, before.sampleUniques(), EPS);

    LatticeSearch search = new LatticeSearch(table);
    ClassSnapshot snap = search.snapshot(List.of(0, 1), SearchConfig.kAnonymity(2, 0.2));
    RiskReport after = RiskMetrics.after(table, snap, 0.2, Optional.empty());
    assertEquals(4, after.records(), "(F, 20-29) is suppressed");
    assertEquals(2, after.classes());
    assertEquals(0.5, after.prosecutorMax(), EPS);
    assertEquals(0.5, after.prosecutorAverage(), EPS);
    assertEquals(0.0, after.sampleUniques(), EPS);
    assertEquals(1.0, after.recordsAtRisk(), EPS, "1/2 > 0.2");

    FrequencyTable population =
        FrequencyTable.builder(table.qis(), Optional.empty())
            .add(null, 5, "M", "20")
            .add(null, 3, "F", "25")
            .add(null, 4, "M", "30")
            .add(null, 2, "M", "35")
            .add(null, 6, "F", "30")
            .build();
    RiskReport withPop = RiskMetrics.after(table, snap, 0.2, Optional.of(population));
    assertEquals(0.2, withPop.journalistMax(), EPS, "(M, 20-29) has 5 people in the population");
    assertEquals((2.0 / 5 + 2.0 / 6) / 4, withPop.marketer(), EPS);
  }

  @Test
  void thresholdIsValidated() {
    assertEquals(
        "Invalid risk threshold: 0.0 (must be in (0, 1])",
        assertThrows(IllegalArgumentException.class, () -> RiskMetrics.of(new long[] {1}, 0.0))
            .getMessage());
  }
}
