package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.ReportJson;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.report.LossSection;
import io.appianon.report.SearchSection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InformationLossTest {
  private static final double EPS = 1e-9;

  /** (M,20) x2, (F,25), (M,30), (M,35); sex flat, age numeric with decades. */
  static FrequencyTable table() {
    Hierarchy age =
        Hierarchy.of(
            "age",
            List.of(
                List.of("20", "20-29", "*"),
                List.of("25", "20-29", "*"),
                List.of("30", "30-39", "*"),
                List.of("35", "30-39", "*")));
    List<QuasiIdentifier> qis =
        List.of(
            QuasiIdentifier.of("sex", Hierarchy.flat("sex")), QuasiIdentifier.numeric("age", age));
    return FrequencyTable.builder(qis, Optional.empty())
        .add(null, 2, "M", "20")
        .add(null, 1, "F", "25")
        .add(null, 1, "M", "30")
        .add(null, 1, "M", "35")
        .build();
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void metricsOfANodeWithoutSuppression() {
    LossMetrics m = InformationLoss.of(table()).metrics(List.of(0, 1));
    assertEquals(0.0, m.intensityByAttribute().get("sex"), EPS);
    assertEquals(0.5, m.intensityByAttribute().get("age"), EPS);
    assertEquals(0.25, m.intensity(), EPS);
    // every age group spans 5 of the 15 years
    assertEquals(1.0 / 3, m.lossByAttribute().get("age"), EPS);
    assertEquals(0.0, m.lossByAttribute().get("sex"), EPS);
    assertEquals(1.0 / 6, m.loss(), EPS);
    assertEquals(4 + 1 + 4, m.discernibility());
    assertEquals(5.0 / 3, m.averageClassSize(), EPS);
    // -log2 P(age | decade): 20 twice at 2/3, 25 at 1/3, 30 and 35 at 1/2
    assertEquals(2 * log2(1.5) + log2(3) + 2, m.nonUniformEntropy(), EPS);
    assertEquals(0.25, m.precisionLoss(), EPS);
    assertEquals(0.75, m.precision(), EPS);
  }

  @Test
  void suppressedRecordsCountAsFullyGeneralized() {
    LatticeSearch search = new LatticeSearch(table());
    SearchResult r = search.evaluate(List.of(0, 1), SearchConfig.kAnonymity(2, 0.2));
    assertTrue(r.feasible());
    assertEquals(1, r.suppressedRecords(), "(F, 20-29) has one record");
    assertEquals(2, r.classes());
    assertEquals(2, r.minClassSize());
    LossMetrics m = r.loss();
    assertEquals(0.2, m.lossByAttribute().get("sex"), EPS);
    assertEquals((4.0 / 3 + 1) / 5, m.lossByAttribute().get("age"), EPS);
    assertEquals(1.0 / 3, m.loss(), EPS);
    assertEquals(4 + 4 + 5, m.discernibility(), "kept classes squared plus suppressed x records");
    assertEquals(1.0, m.averageClassSize(), EPS, "(5 - 1) / 2 classes / k=2");
    double nue = log2(5) + 2 * log2(1.5) + 2 + log2(5);
    assertEquals(nue, m.nonUniformEntropy(), EPS);
    double top = (5 * log2(5) - 8) + (5 * log2(5) - 2);
    assertEquals(nue / top, m.nonUniformEntropyShare(), EPS);
    assertEquals(0.4, m.precisionLoss(), EPS);
    assertEquals(m.loss(), r.objectiveValue(), 0.0);
  }

  /**
   * ARX's definitions (issue 22): average class size = records / (kept classes + 1 for the
   * suppressed ones), loss = geometric mean of (1 + L) minus 1, height = sum of levels; the
   * project's own figures keep their values.
   */
  @Test
  void arxCompatibleMetrics() {
    LossMetrics plain = InformationLoss.of(table()).metrics(List.of(0, 1));
    assertEquals(
        5.0 / 3, plain.arxAverageClassSize(), EPS, "5 records in 3 classes, none suppressed");
    assertEquals(Math.sqrt(1.0 * (1 + 1.0 / 3)) - 1, plain.arxLoss(), EPS);
    assertEquals(1, plain.height());
    SearchResult r =
        new LatticeSearch(table()).evaluate(List.of(0, 1), SearchConfig.kAnonymity(2, 0.2));
    LossMetrics m = r.loss();
    assertEquals(
        5.0 / 3, m.arxAverageClassSize(), EPS, "5 records / (2 kept classes + 1 suppressed)");
    assertEquals(
        1.0, m.averageClassSize(), EPS, "the project's own figure is unchanged: (5 - 1) / 2 / k=2");
    assertEquals(Math.sqrt((1 + 0.2) * (1 + (4.0 / 3 + 1) / 5)) - 1, m.arxLoss(), EPS);
    assertEquals(5.0 / 3, ReportJson.toMap(LossSection.of(m)).get("average_class_size"));
    assertEquals(1.0, ReportJson.toMap(LossSection.of(m)).get("average_class_size_over_k"));
    // the objectives minimize those values
    assertEquals(m.arxLoss(), Objective.LOSS_ARX.value(m), 0.0);
    assertEquals(m.arxAverageClassSize(), Objective.AVERAGE_CLASS_SIZE_ARX.value(m), 0.0);
    assertEquals(1.0, Objective.HEIGHT.value(m), 0.0);
    assertEquals(Objective.LOSS_ARX, Objective.parse("loss-arx"));
    assertEquals(Objective.AVERAGE_CLASS_SIZE_ARX, Objective.parse("average-class-size-arx"));
    assertEquals(Objective.HEIGHT, Objective.parse("height"));
  }

  /**
   * Each ARX objective's search answer equals an exhaustive evaluation of every node (its pruning
   * bound is sound).
   */
  @Test
  void arxObjectivesFindTheExhaustiveOptimum() {
    for (Objective o :
        List.of(Objective.LOSS_ARX, Objective.AVERAGE_CLASS_SIZE_ARX, Objective.HEIGHT)) {
      for (double supp : new double[] {0.0, 0.2}) {
        SearchConfig config = new SearchConfig(SearchConfig.kAnonymity(2, supp).models(), supp, o);
        LatticeSearch search = new LatticeSearch(table());
        SearchResult best = search.search(config);
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a <= 1; a++) {
          for (int b = 0; b <= 2; b++) {
            SearchResult r = new LatticeSearch(table()).evaluate(List.of(a, b), config);
            if (r.feasible()) {
              min = Math.min(min, o.value(r.loss()));
            }
          }
        }
        assertEquals(min, best.objectiveValue(), EPS, o + " with suppression " + supp);
      }
    }
  }

  /**
   * The objective at (sex, decade) with weights w under one objective, (F, 20-29) suppressed (k=2,
   * 20 %).
   */
  private static double weighted(Objective o, List<Double> w) {
    SearchConfig c =
        new SearchConfig(SearchConfig.kAnonymity(2, 0.2).models(), 0.2, o, List.of(), w);
    SearchResult r = new LatticeSearch(table()).evaluate(List.of(0, 1), c);
    assertEquals(1, r.suppressedRecords());
    return r.objectiveValue();
  }

  /**
   * Attribute weights (issue 22 item 4), computed by hand at (sex, decade) with (F, 25) suppressed:
   * per attribute loss sex 1/5, age (2 x 1/3 + 2 x 1/3 + 1) / 5 = 7/15; precision terms sex (4 x 0
   * + 1 x 1) / 1 = 1, age (4 x 1 + 1 x 2) / 2 = 3; intensity sex 0, age 1/2; entropy sex log2 5,
   * age 2 log2 3 + log2 5 (see above). Means divide by the weights' sum, sums weigh by w / max w
   * (as ARX); the report keeps the unweighted figures.
   */
  @Test
  void weightedObjectivesByHand() {
    List<Double> w = List.of(2.0, 1.0); // sex counts twice
    assertEquals((2 * 0.2 + 7.0 / 15) / 3, weighted(Objective.LOSS, w), EPS);
    assertEquals((2 * 1 + 3) / (5.0 * 3), weighted(Objective.PRECISION_LOSS, w), EPS);
    assertEquals((2 * 0 + 0.5) / 3, weighted(Objective.GENERALIZATION_INTENSITY, w), EPS);
    assertEquals(
        Math.exp((2 * Math.log(1.2) + Math.log(1 + 7.0 / 15)) / 3) - 1,
        weighted(Objective.LOSS_ARX, w),
        EPS);
    assertEquals(1.0 * 0 + 0.5 * 1, weighted(Objective.HEIGHT, w), EPS);
    assertEquals(
        1.0 * log2(5) + 0.5 * (2 * log2(3) + log2(5)),
        weighted(Objective.NON_UNIFORM_ENTROPY, w),
        EPS);
    // the other way round age counts more, and its larger loss weighs more
    assertEquals((0.2 + 3 * 7.0 / 15) / 4, weighted(Objective.LOSS, List.of(1.0, 3.0)), EPS);
    // equal weights are the unweighted value: exactly at 1, and for any common value up to rounding
    for (Objective o : Objective.values()) {
      if (o.weighted()) {
        double plain = weighted(o, List.of());
        assertEquals(plain, weighted(o, List.of(1.0, 1.0)), 0.0, o.toString());
        assertEquals(plain, weighted(o, List.of(4.0, 4.0)), 1e-12, o.toString());
      }
    }
    // the report's loss block stays unweighted; the search block records the weights
    SearchResult r =
        new LatticeSearch(table())
            .evaluate(
                List.of(0, 1),
                new SearchConfig(
                    SearchConfig.kAnonymity(2, 0.2).models(), 0.2, Objective.LOSS, List.of(), w));
    assertEquals(1.0 / 3, r.loss().loss(), EPS);
    assertEquals(
        java.util.Map.of("sex", 2.0, "age", 1.0),
        ReportJson.toMap(SearchSection.of(r)).get("weights"));
    assertEquals(
        java.util.Map.of("sex", 1.0, "age", 1.0),
        ReportJson.toMap(
                SearchSection.of(
                    new LatticeSearch(table())
                        .evaluate(List.of(0, 1), SearchConfig.kAnonymity(2, 0.2))))
            .get("weights"));
  }

  /**
   * Weights must be positive and finite, one per quasi-identifier, and only for objectives over
   * attributes.
   */
  @Test
  void weightsAreValidated() {
    var models = SearchConfig.kAnonymity(2, 0).models();
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new SearchConfig(models, 0, Objective.LOSS, List.of(), List.of(1.0, 0.0)))
            .getMessage()
            .contains("each must be finite and > 0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SearchConfig(models, 0, Objective.LOSS, List.of(), List.of(1.0, Double.NaN)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SearchConfig(
                models, 0, Objective.LOSS, List.of(), List.of(Double.POSITIVE_INFINITY, 1.0)));
    for (Objective o :
        List.of(
            Objective.DISCERNIBILITY,
            Objective.AVERAGE_CLASS_SIZE,
            Objective.AVERAGE_CLASS_SIZE_ARX)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new SearchConfig(models, 0, o, List.of(), List.of(2.0, 1.0)));
      assertTrue(
          e.getMessage().contains("measures equivalence classes, not attributes"), e.getMessage());
      // weight 1 everywhere is no weight at all
      assertEquals(
          List.of(1.0, 1.0),
          new SearchConfig(models, 0, o, List.of(), List.of(1.0, 1.0)).weights());
    }
    SearchConfig three =
        new SearchConfig(models, 0, Objective.LOSS, List.of(), List.of(1.0, 2.0, 3.0));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new LatticeSearch(table()).search(three))
            .getMessage()
            .contains("3 weights for 2 quasi-identifiers"));
  }

  @Test
  void infeasibleWhenSuppressionExceedsTheLimit() {
    LatticeSearch search = new LatticeSearch(table());
    SearchResult r = search.evaluate(List.of(0, 1), SearchConfig.kAnonymity(2, 0.1));
    assertEquals(false, r.feasible());
    assertEquals(1, r.suppressedRecords());
  }

  @Test
  void rejectsHierarchiesThatAreNotTrees() {
    Hierarchy bad =
        Hierarchy.of("x", List.of(List.of("a", "A", "X", "*"), List.of("b", "A", "Y", "*")));
    FrequencyTable t =
        FrequencyTable.builder(List.of(QuasiIdentifier.of("x", bad)), Optional.empty())
            .add(null, 1, "a")
            .add(null, 1, "b")
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LatticeSearch(t));
    assertTrue(e.getMessage().contains("is not a tree"), e.getMessage());
  }
}
