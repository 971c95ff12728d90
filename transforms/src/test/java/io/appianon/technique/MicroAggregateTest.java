package io.appianon.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.physical.SinglePartition$;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Micro-aggregation on a real local SparkSession, checked against a plain sort-and-cut computed in
 * Java.
 */
class MicroAggregateTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("band", DataTypes.StringType, true)
          .add("age", DataTypes.IntegerType, true)
          .add("amount", DataTypes.DoubleType, true);

  private record In(int id, String band, Integer age, Double amount) {}

  private static Dataset<Row> frame(List<In> in) {
    List<Row> rows = new ArrayList<>();
    for (In r : in) {
      rows.add(RowFactory.create(r.id, r.band, r.age, r.amount));
    }
    return TechniqueRun.spark().createDataFrame(rows, SCHEMA).repartition(3);
  }

  /** {@code n} records in two bands, ages with many ties, amounts distinct. */
  private static List<In> sample(int n, long seed) {
    Random rnd = new Random(seed);
    List<In> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String band = rnd.nextInt(3) == 0 ? "B" : "A";
      out.add(
          new In(i, band, 18 + rnd.nextInt(30), Math.round(rnd.nextDouble() * 1_000_000) / 100.0));
    }
    return out;
  }

  /**
   * Reference micro-aggregation: sort each band by the key, cut into groups of k (last absorbs),
   * group means.
   */
  private static List<String> reference(List<In> in, int k, Comparator<In> order, boolean byBand) {
    Map<String, List<In>> bands = new TreeMap<>();
    for (In r : in) {
      bands.computeIfAbsent(byBand ? r.band : "", b -> new ArrayList<>()).add(r);
    }
    List<String> pairs = new ArrayList<>();
    for (List<In> band : bands.values()) {
      band.sort(order);
      int groups = Math.max(1, band.size() / k);
      for (int g = 0; g < groups; g++) {
        List<In> members = band.subList(g * k, g == groups - 1 ? band.size() : (g + 1) * k);
        double age = members.stream().mapToInt(In::age).average().orElseThrow();
        double amount = members.stream().mapToDouble(In::amount).average().orElseThrow();
        for (In m : members) {
          pairs.add(pair(m, Math.round(age), amount));
        }
      }
    }
    pairs.sort(null);
    return pairs;
  }

  private static String pair(In r, Object age, Object amount) {
    return r.band
        + "|"
        + r.age
        + "|"
        + r.amount
        + " -> "
        + age
        + "|"
        + String.format("%.6f", (Double) amount);
  }

  /**
   * The (input values -> output values) pairs of a run; ties may be split either way, so compare
   * multisets.
   */
  private static List<String> pairs(List<In> in, TechniqueRun.Result r) {
    Map<Integer, In> byId = new HashMap<>();
    for (In x : in) {
      byId.put(x.id, x);
    }
    List<String> out = new ArrayList<>();
    for (Map<String, Object> row : r.rows()) {
      In x = byId.get((Integer) row.get("id"));
      out.add(pair(x, ((Integer) row.get("age")).longValue(), row.get("amount")));
    }
    out.sort(null);
    return out;
  }

  @Test
  void microAggregationGroupsHaveAtLeastKRecords() {
    List<In> in = sample(103, 7);
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = micro-aggregate, columns = [amount], k = 5, sort-buckets = 4", frame(in));
    Map<Object, Integer> sizes = new HashMap<>();
    for (Object v : r.column("amount")) {
      sizes.merge(v, 1, Integer::sum);
    }
    // Amounts are distinct, so each group mean is a distinct value: its frequency is the group's
    // size.
    assertEquals(
        20, sizes.size(), "103 records in groups of 5: 19 groups of 5 and a last group of 8");
    assertTrue(sizes.values().stream().allMatch(s -> s >= 5 && s <= 9), sizes.toString());
    assertEquals(8, sizes.values().stream().mapToInt(Integer::intValue).max().orElseThrow());
    assertEquals(20, r.metric("amount", "groups"));
    assertEquals(0, r.metric("amount", "groups_below_k"));
    assertEquals(103, r.metric("amount", "cells_changed"));
    assertEquals(4, r.metric("amount", "sort_buckets"));
  }

  @Test
  void microAggregationMatchesSortAndCutReferenceWhateverTheNumberOfSortBuckets() {
    List<In> in = sample(230, 11);
    List<String> expected =
        reference(in, 4, Comparator.comparing(In::age).thenComparing(In::amount), true);
    for (int buckets : new int[] {1, 3, 8}) {
      TechniqueRun.Result r =
          TechniqueRun.run(
              "type = micro-aggregate, columns = [age, amount], k = 4,"
                  + " within = [band], sort-buckets = "
                  + buckets,
              frame(in));
      assertEquals(expected, pairs(in, r), "sort-buckets = " + buckets);
      assertEquals(
          r.metric("age+amount", "groups"),
          expected.stream().map(p -> p.split(" -> ")[1]).distinct().count());
    }
  }

  @Test
  void univariateMicroAggregationSortsEachColumnByItsOwnValues() {
    List<In> in = sample(60, 3);
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = micro-aggregate, columns = [age, amount], k = 6, mode = univariate, sort-buckets = 2",
            frame(in));
    List<String> expectedAges = new ArrayList<>();
    for (String p : cut(in.stream().map(x -> (double) x.age).toList(), 6)) {
      String[] io = p.split(" -> ");
      expectedAges.add(
          (long) Double.parseDouble(io[0]) + " -> " + Math.round(Double.parseDouble(io[1])));
    }
    expectedAges.sort(null);
    List<String> ages = new ArrayList<>();
    List<String> amounts = new ArrayList<>();
    for (Map<String, Object> row : r.rows()) {
      In x = in.get((Integer) row.get("id"));
      ages.add(x.age + " -> " + row.get("age"));
      amounts.add(x.amount + " -> " + String.format("%.6f", (Double) row.get("amount")));
    }
    ages.sort(null);
    amounts.sort(null);
    assertEquals(expectedAges, ages);
    assertEquals(cut(in.stream().map(In::amount).toList(), 6), amounts);
    assertEquals(10, r.metric("age", "groups"));
    assertEquals(10, r.metric("amount", "groups"));
  }

  /** Univariate reference: "value -> group mean" for each value, sorted. */
  private static List<String> cut(List<Double> values, int k) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int groups = Math.max(1, sorted.size() / k);
    List<String> out = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<Double> members = sorted.subList(g * k, g == groups - 1 ? sorted.size() : (g + 1) * k);
      double mean = members.stream().mapToDouble(Double::doubleValue).sum() / members.size();
      for (Double m : members) {
        out.add(m + " -> " + String.format("%.6f", mean));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void microAggregationMedianRoundsToMultipleAndKeepsIntegerType() {
    StructType schema =
        new StructType().add("id", DataTypes.IntegerType).add("price", DataTypes.LongType);
    long[] prices = {100, 250, 260, 1000, 1010, 5000, 7000};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < prices.length; i++) {
      rows.add(RowFactory.create(i, prices[i]));
    }
    Dataset<Row> df = TechniqueRun.spark().createDataFrame(rows, schema);
    TechniqueRun.Result median =
        TechniqueRun.run(
            "type = micro-aggregate, columns = price, k = 3, aggregate = median, round = 100", df);
    // Groups {100, 250, 260} and {1000, 1010, 5000, 7000}: medians 250 and 3005, to the nearest 100
    // (half up).
    assertEquals(
        List.of(300L, 300L, 300L, 3000L, 3000L, 3000L, 3000L), sortedLongs(median.column("price")));
    assertEquals(DataTypes.LongType, median.schema().apply("price").dataType());
    TechniqueRun.Result mean =
        TechniqueRun.run("type = micro-aggregate, columns = price, k = 3", df);
    // Means 203.33 and 3502.5, to whole numbers (half up) because the column is integral.
    assertEquals(
        List.of(203L, 203L, 203L, 3503L, 3503L, 3503L, 3503L), sortedLongs(mean.column("price")));
    assertEquals(2, mean.metric("price", "groups"));
  }

  @Test
  void groupSmallerThanKIsAggregatedAsOneGroupReportedAndNullsStayNull() {
    List<In> in = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      in.add(new In(i, "A", 30 + i, 100.0 * i));
    }
    in.add(new In(10, "B", 80, 1.0));
    in.add(new In(11, "B", 81, 2.0));
    in.add(new In(12, "B", 99, null));
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = micro-aggregate, columns = amount, k = 5, within = band, sort-buckets = 2",
            frame(in));
    Map<Integer, Object> byId = new HashMap<>();
    for (Map<String, Object> row : r.rows()) {
      byId.put((Integer) row.get("id"), row.get("amount"));
    }
    assertEquals(200.0, byId.get(0));
    assertEquals(700.0, byId.get(9));
    assertEquals(1.5, byId.get(10), "the mean ignores the null");
    assertEquals(1.5, byId.get(11));
    assertNull(byId.get(12));
    assertEquals(3, r.metric("amount", "groups"));
    assertEquals(1, r.metric("amount", "groups_below_k"));
    assertEquals(3, r.metric("amount", "records_in_groups_below_k"));
    // 200 and 700 are their groups' means already: 13 records, one null, two unchanged.
    assertEquals(10, r.metric("amount", "cells_changed"));
  }

  @Test
  void microAggregationMovesOnlyBucketCountsIntoASinglePartition() {
    SparkSession spark = TechniqueRun.spark();
    String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
    spark
        .conf()
        .set("spark.sql.adaptive.enabled", "false"); // a plain plan tree, without query stages
    try {
      Dataset<Row> rows = frame(sample(500, 5));
      Technique t =
          TechniqueRun.parse(
              "type = micro-aggregate, columns = [age, amount], k = 5, sort-buckets = 4");
      Dataset<Row> out = t.apply(rows, new TechniqueContext(Optional.empty(), 1L));
      List<ShuffleExchangeExec> exchanges = new ArrayList<>();
      collectExchanges(out.queryExecution().executedPlan(), exchanges);
      List<ShuffleExchangeExec> single =
          exchanges.stream()
              .filter(e -> e.outputPartitioning() instanceof SinglePartition$)
              .toList();
      assertTrue(exchanges.size() > single.size(), "the rows are shuffled by bucket and group");
      for (ShuffleExchangeExec e : single) {
        List<String> carried =
            CollectionConverters.asJava(e.child().output()).stream().map(a -> a.name()).toList();
        assertFalse(
            carried.contains("amount") || carried.contains("id"),
            "only the per-bucket counts may meet in one partition, not the rows: " + carried);
      }
    } finally {
      spark.conf().set("spark.sql.adaptive.enabled", adaptive);
    }
  }

  private static void collectExchanges(SparkPlan plan, List<ShuffleExchangeExec> into) {
    if (plan instanceof ShuffleExchangeExec e) {
      into.add(e);
    }
    for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
      collectExchanges(child, into);
    }
  }

  private static List<Long> sortedLongs(List<Object> values) {
    return values.stream().map(v -> (Long) v).sorted().toList();
  }
}
