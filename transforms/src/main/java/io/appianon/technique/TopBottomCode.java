package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Top and bottom coding of idiosyncratic values (Rule 34 item 4; GL: 「90歳以上」, 「150cm以上」).
 * Thresholds are fixed ({@code upper = 90}) or quantiles of the data ({@code upper-quantile =
 * 0.999}). A quantile is exact when the column has at most {@value #EXACT_MAX_DISTINCT} distinct
 * values (amounts in yen, ages): one hash aggregate counts each value and only those counts reach
 * the driver; it is cheaper than a sketch. Beyond that it comes from Spark's distributed {@code
 * percentile_approx} sketch with accuracy 100,000 (rank error at most 1/100,000 of the rows), so no
 * task has to hold the whole column, as the exact {@code percentile} would. With a label ({@code
 * upper-label = "90+"}) the column becomes a string and every value at or above the threshold is
 * replaced by the label; without one the values are capped to the threshold.
 */
public record TopBottomCode(
    Origin origin,
    String column,
    Optional<Double> upper,
    Optional<Double> upperQuantile,
    Optional<String> upperLabel,
    Optional<Double> lower,
    Optional<Double> lowerQuantile,
    Optional<String> lowerLabel)
    implements Technique {
  public static final String TYPE = "top-bottom-code";
  private static final int ACCURACY = 100_000;

  /**
   * Quantiles are exact for columns with at most this many distinct values (their counts reach the
   * driver).
   */
  static final int EXACT_MAX_DISTINCT = 100_000;

  public static TopBottomCode parse(Conf c) {
    c.allowOnly(
        Set.of(
            "type",
            "column",
            "upper",
            "upper-quantile",
            "upper-label",
            "lower",
            "lower-quantile",
            "lower-label"));
    Optional<Double> uq = c.optNumber("upper-quantile");
    Optional<Double> lq = c.optNumber("lower-quantile");
    uq.ifPresent(q -> checkQuantile(c, "upper-quantile", q));
    lq.ifPresent(q -> checkQuantile(c, "lower-quantile", q));
    if (c.has("upper") && uq.isPresent()) {
      throw c.error("upper-quantile", "give either upper or upper-quantile, not both");
    }
    if (c.has("lower") && lq.isPresent()) {
      throw c.error("lower-quantile", "give either lower or lower-quantile, not both");
    }
    TopBottomCode t =
        new TopBottomCode(
            c.origin(),
            c.string("column"),
            c.optNumber("upper"),
            uq,
            c.optString("upper-label"),
            c.optNumber("lower"),
            lq,
            c.optString("lower-label"));
    if (!t.hasUpper() && !t.hasLower()) {
      throw c.error("upper", "missing: give upper, upper-quantile, lower or lower-quantile");
    }
    return t;
  }

  /**
   * The upper and lower quantile thresholds (NaN when not asked for, or when the column has no
   * value). Exact when the column has at most {@link #EXACT_MAX_DISTINCT} distinct values: one
   * aggregate counts each value, and the quantile q of n values is the smallest value v with at
   * least ceil(q·n) values at or below it (the rank Spark's {@code percentile_approx} targets). A
   * column with more distinct values is summarized by {@code percentile_approx} instead (accuracy
   * 100,000).
   */
  private double[] quantiles(Dataset<Row> live) {
    Column v = col(column);
    // In Spark's own order of the column's type (exact for longs and decimals, NaN last).
    List<Row> histogram =
        live.where(v.isNotNull())
            .groupBy(v)
            .agg(count(lit(1)))
            .orderBy(v)
            .limit(EXACT_MAX_DISTINCT + 1)
            .collectAsList();
    double hi = Double.NaN;
    double lo = Double.NaN;
    if (histogram.size() <= EXACT_MAX_DISTINCT) {
      long n = histogram.stream().mapToLong(r -> r.getLong(1)).sum();
      if (upperQuantile.isPresent()) {
        hi = atRank(histogram, rank(upperQuantile.get(), n));
      }
      if (lowerQuantile.isPresent()) {
        lo = atRank(histogram, rank(lowerQuantile.get(), n));
      }
      return new double[] {hi, lo};
    }
    List<Column> aggs = new ArrayList<>();
    upperQuantile.ifPresent(q -> aggs.add(percentile_approx(v, lit(q), lit(ACCURACY))));
    lowerQuantile.ifPresent(q -> aggs.add(percentile_approx(v, lit(q), lit(ACCURACY))));
    Row r = live.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    int i = 0;
    if (upperQuantile.isPresent()) {
      hi = r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
      i++;
    }
    if (lowerQuantile.isPresent()) {
      lo = r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
    }
    return new double[] {hi, lo};
  }

  /** ceil(q·n), at least 1, without the rounding error of a double product (0.999 × 16,000,000). */
  private static long rank(double q, long n) {
    return Math.max(
        1,
        java.math.BigDecimal.valueOf(q)
            .multiply(java.math.BigDecimal.valueOf(n))
            .setScale(0, java.math.RoundingMode.CEILING)
            .longValue());
  }

  /**
   * The first value of the sorted (value, count) rows at which {@code rank} values have been seen.
   */
  private static double atRank(List<Row> sorted, long rank) {
    long seen = 0;
    for (Row r : sorted) {
      seen += r.getLong(1);
      if (seen >= rank) {
        return ((Number) r.get(0)).doubleValue();
      }
    }
    return Double.NaN; // no values
  }

  private static void checkQuantile(Conf c, String key, double q) {
    if (!(q > 0 && q < 1)) {
      throw c.error(key, "invalid value " + q + " (must be between 0 and 1, exclusive)");
    }
  }

  private boolean hasUpper() {
    return upper.isPresent() || upperQuantile.isPresent();
  }

  private boolean hasLower() {
    return lower.isPresent() || lowerQuantile.isPresent();
  }

  private boolean labelled() {
    return upperLabel.isPresent() || lowerLabel.isPresent();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.requireNumeric(schema, column, origin, "column");
    return labelled() ? Schemas.replace(schema, column, DataTypes.StringType) : schema;
  }

  @Override
  public void describe(Lineage lineage) {
    List<String> ja = new ArrayList<>();
    List<String> en = new ArrayList<>();
    if (hasUpper()) {
      String th =
          upper
              .map(TopBottomCode::fmt)
              .orElseGet(() -> "上位" + fmt((1 - upperQuantile.get()) * 100) + "%点");
      String thEn =
          upper
              .map(TopBottomCode::fmt)
              .orElseGet(() -> "the " + fmt(upperQuantile.get() * 100) + "th percentile");
      ja.add(th + "以上は" + upperLabel.map(l -> "「" + l + "」にまとめた").orElse(th + "に置換"));
      en.add(
          "values of "
              + thEn
              + " and over "
              + upperLabel.map(l -> "grouped as '" + l + "'").orElse("capped"));
    }
    if (hasLower()) {
      String th =
          lower
              .map(TopBottomCode::fmt)
              .orElseGet(() -> "下位" + fmt(lowerQuantile.get() * 100) + "%点");
      String thEn =
          lower
              .map(TopBottomCode::fmt)
              .orElseGet(() -> "the " + fmt(lowerQuantile.get() * 100) + "th percentile");
      ja.add(th + "以下は" + lowerLabel.map(l -> "「" + l + "」にまとめた").orElse(th + "に置換"));
      en.add(
          "values of "
              + thEn
              + " and under "
              + lowerLabel.map(l -> "grouped as '" + l + "'").orElse("capped"));
    }
    lineage.process(
        column, Processing.TOP_BOTTOM_CODED, Text.of(String.join("、", ja), String.join("; ", en)));
  }

  @Override
  public Evaluation evaluation() {
    return upperQuantile.isPresent() || lowerQuantile.isPresent()
        ? Evaluation.FITTED
        : Evaluation.ROW_LOCAL;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    double hi = Double.NaN;
    double lo = Double.NaN;
    if (upperQuantile.isPresent() || lowerQuantile.isPresent()) {
      double[] q = quantiles(TechniqueContext.live(data));
      hi = q[0];
      lo = q[1];
      if (!Double.isNaN(hi)) {
        ctx.report(TYPE, column, "upper_threshold", hi);
      }
      if (!Double.isNaN(lo)) {
        ctx.report(TYPE, column, "lower_threshold", lo);
      }
    }
    if (upper.isPresent()) {
      hi = upper.get();
    }
    if (lower.isPresent()) {
      lo = lower.get();
    }
    Column v = col(column);
    Column isHigh = Double.isNaN(hi) ? lit(false) : v.geq(lit(hi));
    Column isLow = Double.isNaN(lo) ? lit(false) : v.leq(lit(lo));
    // Count cells actually changed: with a label every value at the threshold becomes the label;
    // when capping, a
    // value equal to the threshold stays as it is.
    Column changedHigh = labelled() || Double.isNaN(hi) ? isHigh : v.gt(lit(hi));
    Column changedLow = labelled() || Double.isNaN(lo) ? isLow : v.lt(lit(lo));
    Dataset<Row> out = data;
    if (hasUpper()) {
      out = ctx.count(out, TYPE, column, "top_coded", changedHigh);
    }
    if (hasLower()) {
      out = ctx.count(out, TYPE, column, "bottom_coded", changedLow);
    }
    Column coded;
    if (labelled()) {
      Column asText = v.cast("string");
      final double h = hi;
      final double l0 = lo;
      Column hiVal = upperLabel.<Column>map(l -> lit(l)).orElseGet(() -> lit(fmt(h)));
      Column loVal = lowerLabel.<Column>map(l -> lit(l)).orElseGet(() -> lit(fmt(l0)));
      coded = when(isHigh, hiVal).when(isLow, loVal).otherwise(asText);
    } else {
      Column hiVal = lit(hi).cast(data.schema().apply(column).dataType());
      Column loVal = lit(lo).cast(data.schema().apply(column).dataType());
      coded = when(isHigh, hiVal).when(isLow, loVal).otherwise(v);
    }
    return out.withColumn(column, coded);
  }

  static String fmt(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return java.math.BigDecimal.valueOf(d)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }
}
