package io.appianon.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.core.Origin;
import io.appianon.core.ReportJson;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PrivacySpec;
import io.appianon.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReleaseVerifier} on small releases written as Parquet to a temporary folder and read back
 * by the real local Spark: every model both holding and violated, against values computed by hand
 * in the comments.
 */
class ReleaseVerifierTest {
  private static final Origin ORIGIN = new Origin("test.conf", "dataset.privacy");
  private static final double EPS = 1e-9;
  private final SparkSession spark = TestSpark.get();
  @TempDir Path release;

  // ---- k-anonymity
  // ---------------------------------------------------------------------------------------------

  /**
   * Classes (30-39, M) x3, (30-39, F) x2, (null, F) x2: the two null ages form one class of their
   * own.
   */
  private void writeAges() {
    write(
        "d",
        schema("age", "sex"),
        rows(
            new Object[] {"30-39", "M"},
            new Object[] {"30-39", "M"},
            new Object[] {"30-39", "M"},
            new Object[] {"30-39", "F"},
            new Object[] {"30-39", "F"},
            new Object[] {null, "F"},
            new Object[] {null, "F"}));
  }

  @Test
  void kAnonymityHoldsWhenTheSmallestClassHasK() {
    writeAges();
    ModelCheck c = only(verify(spec(2, List.of("age", "sex"), null, null, null)), "k-anonymity");
    assertTrue(c.holds(), c.toString());
    assertEquals(2.0, c.worst().orElseThrow());
    assertEquals(3, c.groups());
    assertEquals(0, c.violatingGroups());
  }

  @Test
  void kAnonymityViolatedCountsClassesAndRecordsBelowK() {
    writeAges();
    VerificationReport report = verify(spec(3, List.of("age", "sex"), null, null, null));
    ModelCheck c = only(report, "k-anonymity");
    assertFalse(c.holds());
    assertFalse(report.holds());
    assertEquals(2.0, c.worst().orElseThrow());
    assertEquals(3, c.groups());
    assertEquals(2, c.violatingGroups(), "(30-39, F) and (null, F)");
    assertEquals(4, c.violatingRecords());
    assertEquals(1, report.failures().size(), report.failures().toString());
  }

  @Test
  void aDeclaredColumnMissingFromTheReleaseDoesNotHold() {
    writeAges();
    ModelCheck c =
        only(verify(spec(2, List.of("age", "sex", "prefecture"), null, null, null)), "k-anonymity");
    assertFalse(c.holds());
    assertTrue(c.note().orElseThrow().contains("[prefecture]"), c.note().toString());
  }

  @Test
  void aDatasetNotPublishedIsAnError() {
    VerificationReport report = verify(spec(2, List.of("age"), null, null, null));
    assertFalse(report.holds());
    assertTrue(
        report.dataset("d").orElseThrow().error().orElseThrow().contains("no published folder"));
  }

  // ---- l-diversity
  // ---------------------------------------------------------------------------------------------

  /**
   * Class A: x, x, y (2 values); class B: x, x (1 value); class C: x, null (2 values: null is a
   * value).
   */
  private void writeDistinct() {
    write(
        "d",
        schema("zip", "s"),
        rows(
            new Object[] {"A", "x"},
            new Object[] {"A", "x"},
            new Object[] {"A", "y"},
            new Object[] {"B", "x"},
            new Object[] {"B", "x"},
            new Object[] {"C", "x"},
            new Object[] {"C", null}));
  }

  @Test
  void distinctLDiversityViolatedByTheOneValueClass() {
    writeDistinct();
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("distinct", 2, 1), null, null)),
            "distinct-l-diversity");
    assertFalse(c.holds());
    assertEquals(1.0, c.worst().orElseThrow());
    assertEquals(3, c.groups());
    assertEquals(1, c.violatingGroups());
    assertEquals(2, c.violatingRecords());
  }

  @Test
  void distinctLDiversityHoldsWhenEveryClassHasLValues() {
    write(
        "d",
        schema("zip", "s"),
        rows(
            new Object[] {"A", "x"},
            new Object[] {"A", "y"},
            new Object[] {"C", "x"},
            new Object[] {"C", null}));
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("distinct", 2, 1), null, null)),
            "distinct-l-diversity");
    assertTrue(c.holds(), c.toString());
    assertEquals(2.0, c.worst().orElseThrow());
  }

  /**
   * Class A counts (2, 1, 1): H = -(1/2 ln 1/2 + 2 * 1/4 ln 1/4) = 1.5 ln 2, so its entropy-l is
   * exp(H) = 2^1.5 = 2.8284...; class B counts (1, 1, 1): exp(H) = 3.
   */
  private void writeEntropy() {
    write(
        "d",
        schema("zip", "s"),
        rows(
            new Object[] {"A", "x"},
            new Object[] {"A", "x"},
            new Object[] {"A", "y"},
            new Object[] {"A", "z"},
            new Object[] {"B", "x"},
            new Object[] {"B", "y"},
            new Object[] {"B", "z"}));
  }

  @Test
  void entropyLDiversityHoldsJustBelowTwoRootTwo() {
    writeEntropy();
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("entropy", 2.8, 1), null, null)),
            "entropy-l-diversity");
    assertTrue(c.holds(), c.toString());
    assertEquals(2 * Math.sqrt(2), c.worst().orElseThrow(), EPS);
  }

  @Test
  void entropyLDiversityViolatedJustAboveTwoRootTwo() {
    writeEntropy();
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("entropy", 2.9, 1), null, null)),
            "entropy-l-diversity");
    assertFalse(c.holds());
    assertEquals(2 * Math.sqrt(2), c.worst().orElseThrow(), EPS);
    assertEquals(1, c.violatingGroups());
    assertEquals(4, c.violatingRecords());
  }

  @Test
  void entropyLDiversityOfAUniformClassOfExactlyLValuesHolds() {
    writeEntropy();
    // class B is uniform over 3 values: exactly log 3; class A (2.83) is below 3
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("entropy", 3, 1), null, null)), "entropy-l-diversity");
    assertEquals(1, c.violatingGroups(), "only A, not the uniform B");
  }

  /**
   * Class A counts (3, 2, 1): r1 / (r2 + r3) = 1, r1 / r3 = 3; class B counts (2, 2, 1, 1): 0.5 and
   * 1.
   */
  private void writeRecursive() {
    List<Object[]> rows = new ArrayList<>();
    for (String s : List.of("x", "x", "x", "y", "y", "z")) {
      rows.add(new Object[] {"A", s});
    }
    for (String s : List.of("x", "x", "y", "y", "z", "w")) {
      rows.add(new Object[] {"B", s});
    }
    write("d", schema("zip", "s"), rows);
  }

  @Test
  void recursiveDiversityHoldsWhenTheTopCountIsBelowCTimesTheTail() {
    writeRecursive();
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("recursive", 2, 1.5), null, null)),
            "recursive-(c,l)-diversity");
    assertTrue(c.holds(), c.toString()); // A: 3 < 1.5 * 3; B: 2 < 1.5 * 4
    assertEquals(1.0, c.worst().orElseThrow(), EPS);
  }

  @Test
  void recursiveDiversityViolatedWhenTheTopCountReachesCTimesTheTail() {
    writeRecursive();
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("recursive", 2, 1), null, null)),
            "recursive-(c,l)-diversity");
    assertFalse(c.holds()); // A: 3 < 1 * 3 is false; B: 2 < 4
    assertEquals(1, c.violatingGroups());
    assertEquals(6, c.violatingRecords());
    ModelCheck l3 =
        only(
            verify(spec(2, List.of("zip"), l("recursive", 3, 1.5), null, null)),
            "recursive-(c,l)-diversity");
    assertFalse(l3.holds()); // A: 3 < 1.5 * 1 is false; B: 2 < 1.5 * (1 + 1)
    assertEquals(3.0, l3.worst().orElseThrow(), EPS);
    assertEquals(1, l3.violatingGroups());
  }

  @Test
  void recursiveDiversityOfAClassWithFewerThanLValuesIsInfinite() {
    write("d", schema("zip", "s"), rows(new Object[] {"A", "x"}, new Object[] {"A", "x"}));
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), l("recursive", 2, 3), null, null)),
            "recursive-(c,l)-diversity");
    assertFalse(c.holds());
    assertEquals(Double.POSITIVE_INFINITY, c.worst().orElseThrow());
    assertEquals("Infinity", ReportJson.toMap(c.report()).get("worst"));
  }

  // ---- t-closeness
  // ---------------------------------------------------------------------------------------------

  /**
   * The salary example of Li, Li, Venkatasubramanian (ICDE 2007, Table 3): salaries 3k..11k once
   * each, classes {3k, 4k, 5k}, {6k, 8k, 11k}, {7k, 9k, 10k}. Ordered distance, with cumulative
   * differences in ninths: class 1: 2, 4, 6, 5, 4, 3, 2, 1, 0 (sum 27/9, / 8 = 0.375, as in the
   * paper); class 2: -1, -2, -3, -1, -2, 0, -1, -2, 0 (12/72 = 0.1667, as in the paper); class 3:
   * -1, -2, -3, -4, -2, -3, -1, 1, 0 (17/72 = 0.2361). Equal distance: every class 1/2 (3 * 2/9 + 6
   * * 1/9) = 2/3.
   */
  private void writeSalaries() {
    List<Object[]> rows = new ArrayList<>();
    for (int s : new int[] {3, 4, 5}) {
      rows.add(new Object[] {"476**", s});
    }
    for (int s : new int[] {6, 8, 11}) {
      rows.add(new Object[] {"4790*", s});
    }
    for (int s : new int[] {7, 9, 10}) {
      rows.add(new Object[] {"4760*", s});
    }
    write(
        "d",
        new StructType().add("zip", DataTypes.StringType).add("salary", DataTypes.IntegerType),
        rows);
  }

  @Test
  void orderedDistanceReproducesThePapersSalaryExample() {
    writeSalaries();
    ModelCheck holds =
        only(
            verify(spec(2, List.of("zip"), null, t("salary", 0.4, "ordered", null), null)),
            "t-closeness (ordered distance)");
    assertTrue(holds.holds(), holds.toString());
    assertEquals(0.375, holds.worst().orElseThrow(), EPS);
    ModelCheck violated =
        only(
            verify(spec(2, List.of("zip"), null, t("salary", 0.2, "ordered", null), null)),
            "t-closeness (ordered distance)");
    assertFalse(violated.holds());
    assertEquals(2, violated.violatingGroups(), "0.375 and 17/72 = 0.236 > 0.2; 1/6 is not");
    assertEquals(6, violated.violatingRecords());
    ModelCheck atT =
        only(
            verify(spec(2, List.of("zip"), null, t("salary", 17.0 / 72, "ordered", null), null)),
            "t-closeness (ordered distance)");
    assertEquals(1, atT.violatingGroups(), "a class exactly at t holds");
  }

  @Test
  void equalDistanceOfTheSalaryExampleIsTwoThirds() {
    writeSalaries();
    ModelCheck holds =
        only(
            verify(spec(2, List.of("zip"), null, t("salary", 0.7, "equal", null), null)),
            "t-closeness (equal distance)");
    assertTrue(holds.holds(), holds.toString());
    assertEquals(2.0 / 3, holds.worst().orElseThrow(), EPS);
    ModelCheck violated =
        only(
            verify(spec(2, List.of("zip"), null, t("salary", 0.6, "equal", null), null)),
            "t-closeness (equal distance)");
    assertFalse(violated.holds());
    assertEquals(3, violated.violatingGroups());
    assertEquals(9, violated.violatingRecords());
  }

  @Test
  void orderedDistanceOfTextValuesIsNotChecked() {
    write("d", schema("zip", "s"), rows(new Object[] {"A", "low"}, new Object[] {"A", "high"}));
    ModelCheck c =
        only(
            verify(spec(2, List.of("zip"), null, t("s", 0.5, "ordered", null), null)),
            "t-closeness (ordered distance)");
    assertFalse(c.holds());
    assertTrue(c.note().orElseThrow().contains("needs numbers"), c.note().toString());
  }

  /**
   * Hierarchy of height 2: a1, a2 under A; b1, b2 under B; both under *. Table: X = {a1, a2}, Y =
   * {a1, b1}, Z = {b1, b2}; Q = (a1 2/6, a2 1/6, b1 2/6, b2 1/6). X: extras a1 +1/6, a2 +1/3, b1
   * -1/3, b2 -1/6; A and B cost 0 (one-signed), root: extra(A) = +1/2, extra(B) = -1/2, cost 2/2 *
   * 1/2 = 0.5. Z likewise 0.5. Y: extras a1 +1/6, a2 -1/6, b1 +1/6, b2 -1/6: A and B each cost 1/2
   * * 1/6 = 1/12, root 0: 1/6. (Equal distance of Y would be 1/3.)
   */
  private void writeDiseases() {
    write(
        "d",
        schema("zip", "disease"),
        rows(
            new Object[] {"X", "a1"}, new Object[] {"X", "a2"},
            new Object[] {"Y", "a1"}, new Object[] {"Y", "b1"},
            new Object[] {"Z", "b1"}, new Object[] {"Z", "b2"}));
  }

  private static Hierarchy diseases() {
    return Hierarchy.of(
        "disease",
        List.of(
            List.of("a1", "A", "*"),
            List.of("a2", "A", "*"),
            List.of("b1", "B", "*"),
            List.of("b2", "B", "*")));
  }

  @Test
  void hierarchicalDistanceHoldsAtTheWorstClassDistance() {
    writeDiseases();
    ModelCheck c =
        only(
            verify(
                spec(2, List.of("zip"), null, t("disease", 0.5, "hierarchical", diseases()), null)),
            "t-closeness (hierarchical distance)");
    assertTrue(c.holds(), c.toString());
    assertEquals(0.5, c.worst().orElseThrow(), EPS);
    assertEquals(3, c.groups());
  }

  @Test
  void hierarchicalDistanceViolatedByTheOneBranchClasses() {
    writeDiseases();
    ModelCheck c =
        only(
            verify(
                spec(2, List.of("zip"), null, t("disease", 0.4, "hierarchical", diseases()), null)),
            "t-closeness (hierarchical distance)");
    assertFalse(c.holds());
    assertEquals(2, c.violatingGroups(), "X and Z (0.5), not Y (1/6)");
    assertEquals(4, c.violatingRecords());
    // Y alone is at 1/6: a t between 1/6 and 1/3 separates the hierarchical from the equal distance
    ModelCheck equal =
        only(
            verify(spec(2, List.of("zip"), null, t("disease", 0.3, "equal", null), null)),
            "t-closeness (equal distance)");
    assertEquals(3, equal.violatingGroups(), "equal distance: X, Z 0.5 and Y 1/3 all above 0.3");
    ModelCheck hier =
        only(
            verify(
                spec(2, List.of("zip"), null, t("disease", 0.3, "hierarchical", diseases()), null)),
            "t-closeness (hierarchical distance)");
    assertEquals(2, hier.violatingGroups(), "hierarchical distance: Y (1/6) holds at 0.3");
  }

  // ---- k^m-anonymity
  // -------------------------------------------------------------------------------------------

  /**
   * p1 {a, b}, p2 {a, b}, p3 {a, c} (with c twice). Itemsets: {a} 3, {b} 2, {c} 1, {a,b} 2, {a,c}
   * 1; with k = 2, {c} and {a,c} violate, held by p3 with 3 records.
   */
  @Test
  void kmAnonymityViolatedByTheRarePair() {
    write(
        "d",
        schema("member", "category"),
        rows(
            new Object[] {"p1", "a"},
            new Object[] {"p1", "b"},
            new Object[] {"p2", "a"},
            new Object[] {"p2", "b"},
            new Object[] {"p2", null},
            new Object[] {"p3", "a"},
            new Object[] {"p3", "c"},
            new Object[] {"p3", "c"}));
    ModelCheck c = only(verify(spec(2, List.of("member"), null, null, km(2, 2))), "k^m-anonymity");
    assertFalse(c.holds());
    assertEquals(5, c.groups());
    assertEquals(2, c.violatingGroups());
    assertEquals(1.0, c.worst().orElseThrow());
    assertEquals(3, c.violatingRecords());
  }

  @Test
  void kmAnonymityHoldsWhenEveryPairIsShared() {
    write(
        "d",
        schema("member", "category"),
        rows(
            new Object[] {"p1", "a"},
            new Object[] {"p1", "b"},
            new Object[] {"p2", "a"},
            new Object[] {"p2", "b"},
            new Object[] {"p3", "a"},
            new Object[] {"p3", "c"},
            new Object[] {"p4", "c"},
            new Object[] {"p4", "a"}));
    ModelCheck c = only(verify(spec(2, List.of("member"), null, null, km(2, 2))), "k^m-anonymity");
    assertTrue(c.holds(), c.toString());
    assertEquals(2.0, c.worst().orElseThrow());
    assertEquals(5, c.groups(), "{a} {b} {c} {a,b} {a,c}");
  }

  /**
   * p1, p2 {a, b, c}; p3, p4 {a, b}: 7 itemsets up to size 3; with k = 3 those containing c
   * (support 2) violate.
   */
  @Test
  void kmAnonymityCountsTriplesWhenMIsThree() {
    List<Object[]> rows = new ArrayList<>();
    for (String p : List.of("p1", "p2")) {
      for (String i : List.of("a", "b", "c")) {
        rows.add(new Object[] {p, i});
      }
    }
    for (String p : List.of("p3", "p4")) {
      for (String i : List.of("a", "b")) {
        rows.add(new Object[] {p, i});
      }
    }
    write("d", schema("member", "category"), rows);
    ModelCheck two =
        only(verify(spec(2, List.of("member"), null, null, km(2, 3))), "k^m-anonymity");
    assertTrue(two.holds(), two.toString());
    assertEquals(7, two.groups());
    ModelCheck three =
        only(verify(spec(2, List.of("member"), null, null, km(3, 3))), "k^m-anonymity");
    assertFalse(three.holds());
    assertEquals(4, three.violatingGroups(), "{c} {a,c} {b,c} {a,b,c}");
    assertEquals(6, three.violatingRecords(), "the rows of p1 and p2");
    ModelCheck pairs =
        only(verify(spec(2, List.of("member"), null, null, km(3, 1))), "k^m-anonymity");
    assertEquals(3, pairs.groups(), "m = 1: single items only");
    assertEquals(1, pairs.violatingGroups());
  }

  // ---- report
  // --------------------------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void reportMapNamesEveryModelOfEveryDataset() {
    writeDistinct();
    VerificationReport report = verify(spec(2, List.of("zip"), l("distinct", 2, 1), null, null));
    Map<String, Object> m = ReportJson.toMap(report.report());
    assertEquals(false, m.get("holds"));
    Map<String, Object> d =
        (Map<String, Object>) ((Map<String, Object>) m.get("datasets")).get("d");
    assertEquals(7L, d.get("records"));
    List<Map<String, Object>> checks = (List<Map<String, Object>>) d.get("checks");
    assertEquals(
        List.of("k-anonymity", "distinct-l-diversity"),
        checks.stream().map(c -> c.get("model")).toList());
    assertEquals(List.of(true, false), checks.stream().map(c -> c.get("holds")).toList());
    assertEquals(2L, checks.get(1).get("violating_records"));
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------------

  private VerificationReport verify(PrivacySpec spec) {
    DatasetPolicy policy =
        new DatasetPolicy("test.conf", "d", null, null, List.of(), List.of(), spec, false);
    return ReleaseVerifier.verify(spark, List.of(policy), release);
  }

  private static ModelCheck only(VerificationReport report, String model) {
    return report
        .dataset("d")
        .orElseThrow()
        .check(model)
        .orElseThrow(() -> new AssertionError("no check " + model + " in " + report.report()));
  }

  private static PrivacySpec spec(
      int k,
      List<String> qis,
      PrivacySpec.LDiversity l,
      PrivacySpec.TCloseness t,
      PrivacySpec.KmAnonymity km) {
    return new PrivacySpec(
        k,
        0.0,
        qis.stream()
            .map(
                c ->
                    new PrivacySpec.QuasiIdentifier(c, Hierarchy.flat(c), Optional.empty(), ORIGIN))
            .toList(),
        Optional.ofNullable(l),
        Optional.ofNullable(t),
        Optional.ofNullable(km),
        "loss",
        false,
        ORIGIN);
  }

  private static PrivacySpec.LDiversity l(String variant, double l, double c) {
    return new PrivacySpec.LDiversity("s", l, variant, c, ORIGIN);
  }

  private static PrivacySpec.TCloseness t(String column, double t, String distance, Hierarchy h) {
    return new PrivacySpec.TCloseness(column, t, distance, Optional.ofNullable(h), ORIGIN);
  }

  private static PrivacySpec.KmAnonymity km(int k, int m) {
    return new PrivacySpec.KmAnonymity(
        "member", "category", k, m, Optional.empty(), "suppress", ORIGIN);
  }

  private static StructType schema(String... columns) {
    StructType s = new StructType();
    for (String c : columns) {
      s = s.add(c, DataTypes.StringType);
    }
    return s;
  }

  private static List<Object[]> rows(Object[]... rows) {
    return Arrays.asList(rows);
  }

  private void write(String dataset, StructType schema, List<Object[]> rows) {
    List<Row> r = rows.stream().map(RowFactory::create).toList();
    spark
        .createDataFrame(r, schema)
        .repartition(2)
        .write()
        .parquet(release.resolve(dataset).toString());
  }
}
