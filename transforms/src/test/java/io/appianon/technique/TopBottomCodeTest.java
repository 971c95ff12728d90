package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Top and bottom coding with fixed and quantile thresholds, on a real local SparkSession. */
class TopBottomCodeTest {

  private static Dataset<Row> amounts(List<Long> values) {
    List<Row> rows = new ArrayList<>();
    values.forEach(v -> rows.add(RowFactory.create(v)));
    return TechniqueRun.spark()
        .createDataFrame(rows, new StructType().add("amount", DataTypes.LongType));
  }

  @Test
  void theQuantileIsExactForFewDistinctValuesAndCapsTheIdiosyncraticAmount() {
    List<Long> values = new ArrayList<>();
    for (long v = 1; v <= 1000; v++) {
      values.add(v);
    }
    values.add(3_000_000L);
    values.add(null);
    TechniqueRun.Result r =
        TechniqueRun.run(
            "type = top-bottom-code, column = amount, upper-quantile = 0.999", amounts(values));
    // 1001 values: rank ceil(0.999 * 1001) = 1000, the value 1000.
    assertEquals(1000L, r.metric("amount", "upper_threshold"));
    assertEquals(1L, r.metric("amount", "top_coded"), "only the 3,000,000 yen order changed");
    assertEquals(
        1000L,
        r.column("amount").stream()
            .filter(v -> v != null)
            .mapToLong(v -> (Long) v)
            .max()
            .orElseThrow());
  }

  @Test
  void exactQuantilesMatchSparksPercentileAtTheSameRank() {
    java.util.Random rnd = new java.util.Random(11);
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      values.add(
          (long) (Math.exp(rnd.nextGaussian()) * 100)); // skewed, a few hundred distinct values
    }
    Dataset<Row> df = amounts(values);
    for (double q : new double[] {0.001, 0.25, 0.5, 0.9, 0.999}) {
      TechniqueRun.Result r =
          TechniqueRun.run(
              "type = top-bottom-code, column = amount, upper-quantile = "
                  + q
                  + ", lower-quantile = "
                  + (1 - q),
              df);
      // With accuracy far above the row count the sketch keeps every value: Spark's own exact
      // answer.
      Row spark =
          df.agg(
                  percentile_approx(col("amount"), lit(q), lit(10_000_000)),
                  percentile_approx(col("amount"), lit(1 - q), lit(10_000_000)))
              .first();
      assertEquals(spark.getLong(0), r.metric("amount", "upper_threshold"), "quantile " + q);
      assertEquals(spark.getLong(1), r.metric("amount", "lower_threshold"), "quantile " + (1 - q));
    }
  }

  @Test
  void manyDistinctValuesFallBackToTheSketch() {
    int n = TopBottomCode.EXACT_MAX_DISTINCT * 2;
    Dataset<Row> df =
        TechniqueRun.spark().range(1, n + 1, 1, 4).selectExpr("cast(id as double) amount");
    TechniqueRun.Result r =
        TechniqueRun.run("type = top-bottom-code, column = amount, upper-quantile = 0.99", df);
    long threshold = r.metric("amount", "upper_threshold");
    // accuracy 100,000: rank error at most n / 100,000 = 2 values
    assertTrue(Math.abs(threshold - 0.99 * n) <= 2, "threshold " + threshold);
    assertEquals(n - threshold, r.metric("amount", "top_coded"));
  }

  @Test
  void fixedBoundsWithLabelsNeedNoPassOverTheData() {
    Technique t =
        TechniqueRun.parse(
            "type = top-bottom-code, column = amount, upper = 90, upper-label = \"90+\"");
    assertEquals(Technique.Evaluation.ROW_LOCAL, t.evaluation());
    assertEquals(
        Technique.Evaluation.FITTED,
        TechniqueRun.parse("type = top-bottom-code, column = amount, upper-quantile = 0.9")
            .evaluation());
    TechniqueRun.Result r = TechniqueRun.run(t, amounts(List.of(89L, 90L, 116L)), 1L);
    assertEquals(List.of("89", "90+", "90+"), r.column("amount"));
    assertEquals(2L, r.metric("amount", "top_coded"));
  }
}
