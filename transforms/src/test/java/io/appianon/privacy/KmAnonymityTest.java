package io.appianon.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KmAnonymityTest {

  @BeforeAll
  static void quiet() {
    TestData.spark().sparkContext().setLogLevel("WARN");
  }

  /** p1 {a,b,c}, p2 {a,b}, p3 {a,c}, p4 {b,c}, p5 {a,b,d} (p5 bought b twice). */
  static Dataset<Row> baskets() {
    StructType schema =
        new StructType(
            new StructField[] {
              DataTypes.createStructField("person", DataTypes.StringType, false),
              DataTypes.createStructField("item", DataTypes.StringType, true)
            });
    String[][] pairs = {
      {"p1", "a"},
      {"p1", "b"},
      {"p1", "c"},
      {"p2", "a"},
      {"p2", "b"},
      {"p3", "a"},
      {"p3", "c"},
      {"p4", "b"},
      {"p4", "c"},
      {"p5", "a"},
      {"p5", "b"},
      {"p5", "b"},
      {"p5", "d"}
    };
    List<Row> rows = new ArrayList<>();
    for (String[] p : pairs) {
      rows.add(RowFactory.create(p[0], p[1]));
    }
    return TestData.spark().createDataFrame(rows, schema);
  }

  private static Map<String, Long> supports(KmAnonymity km, Dataset<Row> pairs) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : km.supports(pairs, "person", "item").collectAsList()) {
      m.put(String.join("", r.<String>getList(0)), r.getLong(1));
    }
    return m;
  }

  @Test
  void countsDistinctPersonsPerItemset() {
    Map<String, Long> s = supports(new KmAnonymity(2, 2), baskets());
    assertEquals(
        Map.of(
            "a", 4L, "b", 4L, "c", 3L, "d", 1L, "ab", 3L, "ac", 2L, "bc", 2L, "ad", 1L, "bd", 1L),
        s);
    Map<String, Long> s3 = supports(new KmAnonymity(2, 3), baskets());
    assertEquals(1L, s3.get("abc"));
    assertEquals(1L, s3.get("abd"));
    assertEquals(11, s3.size());
  }

  @Test
  void findsViolations() {
    assertEquals(
        3, new KmAnonymity(2, 2).countViolations(baskets(), "person", "item"), "d, ad, bd");
    assertEquals(
        5, new KmAnonymity(2, 3).countViolations(baskets(), "person", "item"), "plus abc, abd");
    assertEquals(1, new KmAnonymity(2, 1).countViolations(baskets(), "person", "item"), "d");
  }

  @Test
  void suppressesAGreedyHittingSet() {
    KmResult r = new KmAnonymity(2, 2).suppress(baskets(), "person", "item");
    assertEquals(Set.of("d"), r.suppressedItems());
    assertEquals(3, r.violationsBefore());
    assertEquals(0, r.violationsAfter());
    assertEquals(12, r.output().count());
  }

  @Test
  void generalizesToTheLowestSafeLevel() {
    Hierarchy h =
        Hierarchy.of(
            "item",
            List.of(
                List.of("a", "AB", "*"),
                List.of("b", "AB", "*"),
                List.of("c", "CD", "*"),
                List.of("d", "CD", "*")));
    KmResult r = new KmAnonymity(2, 2).generalize(baskets(), "person", "item", h);
    assertEquals(1, r.level());
    assertEquals(0, r.violationsAfter());
    assertEquals(
        Map.of("AB", 5L, "CD", 4L, "ABCD", 4L), supports(new KmAnonymity(2, 2), r.output()));
    assertEquals(
        "Invalid m: 4 (must be 1..3)",
        assertThrows(IllegalArgumentException.class, () -> new KmAnonymity(2, 4)).getMessage());
  }

  @Test
  void supportsMatchABruteForceCountOnRandomBaskets() {
    java.util.Random rnd = new java.util.Random(7);
    List<Row> rows = new ArrayList<>();
    Map<String, Set<String>> baskets = new TreeMap<>();
    for (int p = 0; p < 60; p++) {
      int n = 1 + rnd.nextInt(7);
      for (int j = 0; j < n; j++) {
        String item = String.valueOf((char) ('a' + rnd.nextInt(8)));
        rows.add(RowFactory.create("p" + p, item));
        baskets.computeIfAbsent("p" + p, x -> new java.util.TreeSet<>()).add(item);
      }
    }
    Dataset<Row> pairs = TestData.spark().createDataFrame(rows, baskets().schema());
    for (int m = 1; m <= 3; m++) {
      assertEquals(bruteForce(baskets, m), supports(new KmAnonymity(2, m), pairs), "m = " + m);
    }
    assertTrue(usesMasks(pairs));
  }

  @Test
  void supportsMatchABruteForceCountAtExactly64Items() {
    // Item i63 has bit 63, the sign bit of the mask.
    Map<String, Set<String>> baskets = new TreeMap<>();
    Dataset<Row> pairs = randomBaskets(64, 11, baskets);
    baskets.get("p0").addAll(List.of("i00", "i62", "i63"));
    pairs =
        pairs.union(
            TestData.spark()
                .createDataFrame(
                    List.of(
                        RowFactory.create("p0", "i00"),
                        RowFactory.create("p0", "i62"),
                        RowFactory.create("p0", "i63")),
                    baskets().schema()));
    assertTrue(usesMasks(pairs));
    for (int m = 1; m <= 3; m++) {
      assertEquals(bruteForce(baskets, m), supports(new KmAnonymity(2, m), pairs), "m = " + m);
    }
  }

  @Test
  void supportsMatchABruteForceCountOnMoreThan64Items() {
    Map<String, Set<String>> baskets = new TreeMap<>();
    Dataset<Row> pairs = randomBaskets(70, 13, baskets);
    assertFalse(usesMasks(pairs));
    for (int m = 1; m <= 3; m++) {
      assertEquals(bruteForce(baskets, m), supports(new KmAnonymity(2, m), pairs), "m = " + m);
    }
    assertEquals(
        new KmAnonymity(2, 2).supports(baskets(), "person", "item").schema(),
        new KmAnonymity(2, 2).supports(pairs, "person", "item").schema(),
        "the same schema on both paths");
  }

  @Test
  void ignoresNullItems() {
    StructType schema = baskets().schema();
    // p2 has only null items: no basket, no itemset.
    List<Row> rows =
        List.of(
            RowFactory.create("p1", "a"),
            RowFactory.create("p1", null),
            RowFactory.create("p2", null),
            RowFactory.create("p2", null),
            RowFactory.create("p3", "a"),
            RowFactory.create("p3", "b"),
            RowFactory.create("p3", null));
    Dataset<Row> pairs = TestData.spark().createDataFrame(rows, schema);
    assertTrue(usesMasks(pairs));
    assertEquals(Map.of("a", 2L, "b", 1L, "ab", 1L), supports(new KmAnonymity(2, 2), pairs));
    assertEquals(Map.of("a", 2L, "b", 1L, "ab", 1L), supports(new KmAnonymity(2, 3), pairs));
    assertEquals(2, new KmAnonymity(2, 2).countViolations(pairs, "person", "item"), "b, ab");
    Dataset<Row> onlyNulls =
        TestData.spark().createDataFrame(List.of(RowFactory.create("p1", null)), schema);
    assertEquals(Map.of(), supports(new KmAnonymity(2, 2), onlyNulls));
    assertEquals(0, new KmAnonymity(2, 2).countViolations(onlyNulls, "person", "item"));
  }

  @Test
  void groupsPersonsAsSparkComparesThem() {
    // "p1" and "P1" are two persons under the default collation (grouped by their bytes), one
    // person under a case-insensitive collation (grouped as strings).
    StructType schema = baskets().schema();
    Dataset<Row> pairs =
        TestData.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("p1", "a"),
                    RowFactory.create("P1", "b"),
                    RowFactory.create("p2", "a"),
                    RowFactory.create("p2", "b")),
                schema);
    assertEquals(DataTypes.BinaryType, keyType(pairs));
    assertEquals(Map.of("a", 2L, "b", 2L, "ab", 1L), supports(new KmAnonymity(2, 2), pairs));
    Dataset<Row> caseless =
        pairs.withColumn("person", functions.collate(functions.col("person"), "UTF8_LCASE"));
    assertEquals(caseless.schema().apply("person").dataType(), keyType(caseless));
    assertEquals(Map.of("a", 2L, "b", 2L, "ab", 2L), supports(new KmAnonymity(2, 2), caseless));
    // Not a string: grouped as it is.
    Dataset<Row> numbered =
        TestData.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create(1L, "a"),
                    RowFactory.create(1L, "b"),
                    RowFactory.create(2L, "a")),
                new StructType(
                    new StructField[] {
                      DataTypes.createStructField("person", DataTypes.LongType, false),
                      DataTypes.createStructField("item", DataTypes.StringType, true)
                    }));
    assertEquals(DataTypes.LongType, keyType(numbered));
    assertEquals(Map.of("a", 2L, "b", 1L, "ab", 1L), supports(new KmAnonymity(2, 2), numbered));
  }

  private static DataType keyType(Dataset<Row> pairs) {
    return pairs
        .select(KmAnonymity.groupingKey(pairs, functions.col("person")))
        .schema()
        .fields()[0]
        .dataType();
  }

  /**
   * Whether {@link KmAnonymity#supports} takes the bit mask path (at most 64 distinct items) for
   * these pairs.
   */
  private static boolean usesMasks(Dataset<Row> pairs) {
    return new KmAnonymity(2, 2)
        .supports(pairs, "person", "item")
        .queryExecution()
        .logical()
        .toString()
        .contains("__km_mask");
  }

  /**
   * 80 persons with 1..9 random items of {@code i00, i01, ...} (every one of the {@code items}
   * occurs, some rows are null items), their baskets added to {@code baskets}.
   */
  private static Dataset<Row> randomBaskets(
      int items, long seed, Map<String, Set<String>> baskets) {
    java.util.Random rnd = new java.util.Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < 80; p++) {
      baskets.put("p" + p, new java.util.TreeSet<>());
      int n = 1 + rnd.nextInt(9);
      for (int j = 0; j < n; j++) {
        String item = String.format("i%02d", j == 0 ? p % items : rnd.nextInt(items));
        rows.add(RowFactory.create("p" + p, item));
        baskets.get("p" + p).add(item);
      }
      if (rnd.nextInt(5) == 0) {
        rows.add(RowFactory.create("p" + p, null));
      }
    }
    return TestData.spark().createDataFrame(rows, baskets().schema());
  }

  /**
   * The supports of the itemsets of size 1..m, counted basket by basket (items joined in ascending
   * order).
   */
  private static Map<String, Long> bruteForce(Map<String, Set<String>> baskets, int m) {
    Map<String, Long> expected = new TreeMap<>();
    for (Set<String> b : baskets.values()) {
      List<String> items = new ArrayList<>(b);
      for (int i = 0; i < items.size(); i++) {
        expected.merge(items.get(i), 1L, Long::sum);
        for (int j = i + 1; m >= 2 && j < items.size(); j++) {
          expected.merge(items.get(i) + items.get(j), 1L, Long::sum);
          for (int l = j + 1; m >= 3 && l < items.size(); l++) {
            expected.merge(items.get(i) + items.get(j) + items.get(l), 1L, Long::sum);
          }
        }
      }
    }
    return expected;
  }
}
