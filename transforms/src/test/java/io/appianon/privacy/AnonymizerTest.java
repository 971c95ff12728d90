package io.appianon.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.ReportJson;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.report.PrivacySection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnonymizerTest {

  @BeforeAll
  static void quiet() {
    TestData.spark().sparkContext().setLogLevel("WARN");
  }

  private static long smallestClass(Dataset<Row> output, List<String> qis) {
    Column[] cols = qis.stream().map(Anonymizer::column).toArray(Column[]::new);
    Row r = output.groupBy(cols).count().agg(min(col("count"))).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  @Test
  void anonymizesAdultToFiveAnonymityWithinFivePercent() {
    List<QuasiIdentifier> qis = TestData.adultQis(TestData.ADULT_QIS);
    PrivacyResult r =
        new Anonymizer()
            .apply(
                TestData.adult(),
                qis,
                Optional.of(TestData.ADULT_SENSITIVE),
                List.of(new KAnonymity(5)),
                0.05,
                Objective.LOSS);
    assertTrue(r.search().feasible());
    assertEquals(30162, r.inputRecords());
    assertTrue(r.suppressedRecords() <= 0.05 * 30162);
    assertEquals(
        r.inputRecords() - r.suppressedRecords(),
        r.output().count(),
        "every row kept or suppressed");
    assertTrue(smallestClass(r.output(), TestData.ADULT_QIS) >= 5);
    assertEquals(r.kAchieved(), smallestClass(r.output(), TestData.ADULT_QIS));
    assertEquals(Arrays.asList(TestData.adult().columns()), Arrays.asList(r.output().columns()));
    assertTrue(r.riskBefore().prosecutorMax() == 1.0 && r.riskAfter().prosecutorMax() <= 0.2);
    assertTrue(r.riskAfter().sampleUniques() == 0.0);
    assertEquals(0.0, r.lossBefore().loss(), 0.0);
    assertEquals(r.search().loss(), r.lossAfter());
    assertEquals(8, r.utility().attributes().size());
    assertEquals("kolmogorov-smirnov", r.utility().attributes().get(1).test());
    Map<String, Object> report =
        ReportJson.toMap(
            PrivacySection.of(List.of(), 5, 0.05, r.search().levelsByAttribute(), "search", r));
    assertTrue(
        report
            .keySet()
            .containsAll(
                List.of(
                    "k_achieved", "search", "risk_before", "risk_after", "loss_after", "utility")),
        report.keySet().toString());

    // fixed-levels mode reproduces the searched node
    PrivacyResult fixed =
        new Anonymizer()
            .applyFixed(
                TestData.adult(),
                qis,
                Optional.of(TestData.ADULT_SENSITIVE),
                List.of(new KAnonymity(5)),
                0.05,
                Objective.LOSS,
                r.search().levels());
    assertEquals("fixed", fixed.search().strategy());
    assertEquals(r.suppressedRecords(), fixed.suppressedRecords());
    assertEquals(r.output().count(), fixed.output().count());
  }

  @Test
  void unsatisfiablePoliciesNameTheModelsAndTheLimit() {
    List<QuasiIdentifier> qis = TestData.adultQis(List.of("sex", "age", "race"));
    PrivacyUnsatisfiableException fixed =
        assertThrows(
            PrivacyUnsatisfiableException.class,
            () ->
                new Anonymizer()
                    .applyFixed(
                        TestData.adult(),
                        qis,
                        Optional.empty(),
                        List.of(new KAnonymity(5)),
                        0.0,
                        Objective.LOSS,
                        List.of(0, 0, 0)));
    assertTrue(fixed.getMessage().contains("k-anonymity (k=5)"), fixed.getMessage());
    assertTrue(fixed.getMessage().contains("at most 0.00% suppression"), fixed.getMessage());
    assertTrue(fixed.bestSuppressedShare() > 0);

    PrivacyUnsatisfiableException searched =
        assertThrows(
            PrivacyUnsatisfiableException.class,
            () ->
                new Anonymizer()
                    .apply(
                        TestData.adult(),
                        qis,
                        Optional.of(TestData.ADULT_SENSITIVE),
                        List.of(new KAnonymity(5), new DistinctLDiversity(3)),
                        0.1,
                        Objective.LOSS));
    assertTrue(searched.getMessage().contains("distinct-l-diversity (l=3)"), searched.getMessage());
    assertTrue(
        searched.getMessage().contains("100.00%"),
        "salary-class has 2 values: " + searched.getMessage());
  }

  @Test
  void theRiskThresholdIsAShareAboveZeroAndAtMostOneAndFixedLevelsNameEachQi() {
    assertThrows(IllegalArgumentException.class, () -> new Anonymizer().withRiskThreshold(0.0));
    assertThrows(IllegalArgumentException.class, () -> new Anonymizer().withRiskThreshold(1.01));
    assertThrows(
        IllegalArgumentException.class, () -> new Anonymizer().withRiskThreshold(Double.NaN));
    new Anonymizer().withRiskThreshold(1.0); // every record at risk: allowed
    new Anonymizer().withRiskThreshold(Double.MIN_VALUE);

    List<QuasiIdentifier> qis = TestData.adultQis(List.of("sex", "age", "race"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Anonymizer()
                    .applyFixed(
                        TestData.adult(),
                        qis,
                        Optional.empty(),
                        List.of(new KAnonymity(5)),
                        0.1,
                        Objective.LOSS,
                        List.of(0, 0)));
    assertTrue(e.getMessage().contains("2 levels for 3 quasi-identifiers"), e.getMessage());
  }

  /**
   * Cities a, b, c once each: k = 2 without suppression needs the flat hierarchy's level 1 (all
   * "*"). A cap of level 0 (the policy's max-level) leaves no solution, and the refusal names it.
   */
  @Test
  void theSearchNeverChoosesALevelAboveTheCap() {
    StructType schema = new StructType().add("city", DataTypes.StringType);
    Dataset<Row> data =
        TestData.spark()
            .createDataFrame(
                List.of(RowFactory.create("a"), RowFactory.create("b"), RowFactory.create("c")),
                schema);
    List<QuasiIdentifier> qis = List.of(QuasiIdentifier.of("city", Hierarchy.flat("city")));
    PrivacyResult free =
        new Anonymizer()
            .apply(
                data,
                qis,
                Optional.empty(),
                List.of(new KAnonymity(2)),
                0.0,
                Objective.LOSS,
                List.of(-1));
    assertEquals(List.of(1), free.search().levels());
    assertEquals(
        List.of("*", "*", "*"), free.output().select("city").as(Encoders.STRING()).collectAsList());
    PrivacyUnsatisfiableException capped =
        assertThrows(
            PrivacyUnsatisfiableException.class,
            () ->
                new Anonymizer()
                    .apply(
                        data,
                        qis,
                        Optional.empty(),
                        List.of(new KAnonymity(2)),
                        0.0,
                        Objective.LOSS,
                        List.of(0)));
    assertTrue(capped.getMessage().contains("city at most level 0"), capped.getMessage());
  }

  @Test
  void suppressionJoinMatchesNullsAndNonStringColumns() {
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("city", DataTypes.StringType, true),
              DataTypes.createStructField("n", DataTypes.IntegerType, true),
              DataTypes.createStructField("payload", DataTypes.StringType, true)
            });
    List<Row> rows =
        List.of(
            RowFactory.create(null, 1, "p0"),
            RowFactory.create("a", 1, "p1"),
            RowFactory.create("a", 1, "p2"),
            RowFactory.create("a", 1, "p3"),
            RowFactory.create("b", 2, "p4"),
            RowFactory.create("b", 2, "p5"),
            RowFactory.create("b", 2, "p6"),
            RowFactory.create("b", null, "p7"),
            RowFactory.create("b", null, "p8"));
    Dataset<Row> data = TestData.spark().createDataFrame(rows, schema);
    List<QuasiIdentifier> qis =
        List.of(
            QuasiIdentifier.of("city", Hierarchy.flat("city")),
            QuasiIdentifier.of("n", Hierarchy.flat("n")));
    // (null, 1) is alone: suppressing it (1 of 9 records) keeps everything else at level 0
    PrivacyResult r =
        new Anonymizer()
            .apply(data, qis, Optional.empty(), List.of(new KAnonymity(2)), 0.12, Objective.LOSS);
    assertEquals(List.of(0, 0), r.search().levels());
    assertEquals(1, r.suppressedRecords());
    List<String> kept = r.output().select("payload").as(Encoders.STRING()).collectAsList();
    assertEquals(
        List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"), kept.stream().sorted().toList());
    assertEquals(
        DataTypes.IntegerType, r.output().schema().apply("n").dataType(), "level 0 keeps the type");

    // with k = 3 the (b, null) class of two must go as well: 3 of 9 > 12 %, so city is generalized
    // instead
    PrivacyResult r3 =
        new Anonymizer()
            .apply(data, qis, Optional.empty(), List.of(new KAnonymity(3)), 0.12, Objective.LOSS);
    assertEquals(9 - r3.suppressedRecords(), r3.output().count());
    assertTrue(smallestClass(r3.output(), List.of("city", "n")) >= 3);
    assertTrue(r3.kAchieved() >= 3);
  }
}
