package io.appianon.technique;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
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
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Micro-aggregation (GL 別表2 「ミクロアグリゲーション」, Rule 34 items 4–5): records are sorted, cut into
 * consecutive groups of {@code k} (the last group of each sort absorbs the remainder, so every
 * group has k to 2k−1 records), and each value of the listed numeric columns is replaced by its
 * group's {@code mean} or {@code median}, rounded to a multiple with {@code round} (integral
 * columns always to whole numbers; the column type is kept). Nulls stay null and do not count
 * towards a group's mean. With {@code within = [age_band]} the sorting and grouping happen
 * separately in each group of records sharing those values.
 *
 * <p>{@code mode = multivariate} (the default) forms one set of groups for all columns, sorted by
 * {@code order-by} (default: the listed columns in order), so each record's values are replaced by
 * the same group's means; {@code mode = univariate} groups each column separately by its own
 * values.
 *
 * <p><b>How it scales.</b> A global rank needs a total order over all rows; a window without {@code
 * PARTITION BY} would move every row into one task. Instead the rank is assembled from bounded
 * pieces:
 *
 * <ol>
 *   <li>one aggregate computes {@code sort-buckets − 1} approximate quantiles of the first sort
 *       column (Spark's {@code percentile_approx}; only those cut points reach the driver), and
 *       each row gets the bucket its value falls into (a balanced {@code CASE} tree over the cut
 *       points, so equal values always share a bucket and buckets follow the sort order);
 *   <li>a {@code groupBy(within, bucket).count()} gives a small table whose running sum (a window
 *       over that small table only) is each bucket's offset within its {@code within} group; it is
 *       broadcast back;
 *   <li>a window partitioned by {@code (within, bucket)} numbers the rows of each bucket in sort
 *       order ({@code row_number}); offset + number − 1 is the exact global position, and position
 *       ÷ k (capped at the last full group) the group;
 *   <li>a window partitioned by {@code (within, group)} computes the mean or median and the group
 *       size.
 * </ol>
 *
 * Each task thus holds one bucket (about rows ÷ {@code sort-buckets}, default {@code
 * spark.sql.shuffle.partitions}; Spark's window buffer spills to disk beyond that) or one group of
 * at most 2k−1 rows, never the whole data. A single value shared by a large share of rows cannot be
 * split and makes its bucket correspondingly larger. The sort key ends with every aggregated
 * column, so rows that tie on it carry identical values and the result does not depend on how Spark
 * breaks the tie. The input is read three times (quantiles, bucket counts, rows); put
 * micro-aggregation after expensive steps only if the input is cached or cheap to recompute.
 *
 * <p>Reported per column: {@code groups} formed, {@code groups_below_k} and {@code
 * records_in_groups_below_k} (a {@code within} group with fewer than k records forms one smaller
 * group; the privacy stage still applies), {@code cells_changed}, and {@code sort_buckets} used.
 */
public record MicroAggregate(
    Origin origin,
    List<String> columns,
    int k,
    List<String> within,
    boolean univariate,
    List<String> orderBy,
    String aggregate,
    Optional<Double> round,
    Optional<Integer> sortBuckets)
    implements Technique {
  public static final String TYPE = "micro-aggregate";

  /**
   * Relative rank error 1/10000 for the bucket cut points; only bucket sizes depend on it, never
   * the result.
   */
  private static final int ACCURACY = 10_000;

  private static final String P = TechniqueContext.HIDDEN_PREFIX + "ma_";
  private static final String BUCKET = P + "bucket";
  private static final String N = P + "n";
  private static final String OFFSET = P + "offset";
  private static final String TOTAL = P + "total";
  private static final String POS = P + "pos";
  private static final String GROUP = P + "group";
  private static final String SIZE = P + "size";
  private static final String VALUE = P + "value_";

  public static MicroAggregate parse(Conf c) {
    c.allowOnly(
        Set.of(
            "type",
            "columns",
            "k",
            "within",
            "mode",
            "order-by",
            "aggregate",
            "round",
            "sort-buckets"));
    List<String> cols = c.columnNames("columns");
    int k = c.integer("k");
    if (k < 2) {
      throw c.error("k", "invalid value " + k + " (must be >= 2)");
    }
    List<String> within = c.strings("within", List.of());
    for (String w : within) {
      if (cols.contains(w)) {
        throw c.error(
            "within", "column '" + w + "' is micro-aggregated and cannot also define the groups");
      }
    }
    String mode = c.string("mode", "multivariate");
    if (!Set.of("univariate", "multivariate").contains(mode)) {
      throw c.error("mode", "invalid value '" + mode + "' (expected univariate or multivariate)");
    }
    boolean univariate = mode.equals("univariate");
    List<String> orderBy = c.strings("order-by", cols);
    if (univariate && c.has("order-by")) {
      throw c.error(
          "order-by",
          "univariate micro-aggregation sorts each column by its own values; remove order-by"
              + " or use mode = multivariate");
    }
    if (orderBy.isEmpty()) {
      throw c.error("order-by", "must name at least one column");
    }
    String aggregate = c.string("aggregate", "mean");
    if (!Set.of("mean", "median").contains(aggregate)) {
      throw c.error("aggregate", "invalid value '" + aggregate + "' (expected mean or median)");
    }
    Optional<Double> round = c.optNumber("round");
    if (round.isPresent() && !(round.get() > 0)) {
      throw c.error("round", "invalid value " + round.get() + " (must be > 0)");
    }
    Optional<Integer> buckets =
        c.has("sort-buckets") ? Optional.of(c.integer("sort-buckets")) : Optional.empty();
    if (buckets.isPresent() && buckets.get() < 1) {
      throw c.error("sort-buckets", "invalid value " + buckets.get() + " (must be >= 1)");
    }
    return new MicroAggregate(
        c.origin(), cols, k, within, univariate, orderBy, aggregate, round, buckets);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    for (String c : columns) {
      Schemas.requireNumeric(schema, c, origin, "columns");
    }
    for (String w : within) {
      Schemas.require(schema, w, origin, "within");
    }
    for (String o : orderBy) {
      Schemas.requireNumeric(schema, o, origin, "order-by");
    }
    return schema;
  }

  @Override
  public void describe(Lineage lineage) {
    String meanJa = aggregate.equals("mean") ? "平均値" : "中央値";
    String meanEn = aggregate.equals("mean") ? "mean" : "median";
    String inJa = within.isEmpty() ? "" : String.join("・", within) + "が同じレコードの中で";
    String inEn =
        within.isEmpty() ? "" : " among records with the same " + String.join(", ", within);
    boolean byOwnValue = univariate || orderBy.equals(columns) && columns.size() == 1;
    String sortJa = byOwnValue ? "値の順" : String.join("、", orderBy) + "の順";
    String sortEn = byOwnValue ? "this value" : String.join(", ", orderBy);
    String rj = Rounding.describeJa(round);
    String re = Rounding.describeEn(round);
    for (String c : columns) {
      lineage.process(
          c,
          Processing.MICRO_AGGREGATED,
          Text.of(
              inJa
                  + sortJa
                  + "に並べて"
                  + k
                  + "件以上ずつのグループに分け、各グループの"
                  + meanJa
                  + "に置き換え"
                  + (rj.isEmpty() ? "" : "て" + rj)
                  + "た（ミクロアグリゲーション）",
              "micro-aggregated: records sorted by "
                  + sortEn
                  + inEn
                  + " and split into groups of at least "
                  + k
                  + ", each value replaced by its group's "
                  + meanEn
                  + (re.isEmpty() ? "" : ", " + re)));
    }
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    // records marked for deletion take no part: they would otherwise fill groups of published
    // records
    return TechniqueContext.onLive(data, live -> applyToLive(live, ctx));
  }

  private Dataset<Row> applyToLive(Dataset<Row> data, TechniqueContext ctx) {
    if (univariate) {
      Dataset<Row> out = data;
      for (String c : columns) {
        out = aggregateGroups(out, List.of(c), List.of(c), c, ctx);
      }
      return out;
    }
    List<String> sortKey = new ArrayList<>(orderBy);
    for (String c : columns) {
      if (!sortKey.contains(c)) {
        sortKey.add(
            c); // tie-break: rows still tied carry the same values, so any order gives the same
        // result
      }
    }
    return aggregateGroups(data, columns, sortKey, String.join("+", columns), ctx);
  }

  private Dataset<Row> aggregateGroups(
      Dataset<Row> data,
      List<String> aggCols,
      List<String> sortKey,
      String label,
      TechniqueContext ctx) {
    int buckets =
        sortBuckets.orElseGet(
            () -> Integer.parseInt(data.sparkSession().conf().get("spark.sql.shuffle.partitions")));
    double[] cuts = cutPoints(data, sortKey.get(0), buckets);
    ctx.report(TYPE, label, "sort_buckets", cuts.length + 1);

    Column[] withinCols = within.stream().map(w -> col(w)).toArray(Column[]::new);
    Dataset<Row> rows = data.withColumn(BUCKET, bucketOf(col(sortKey.get(0)).cast("double"), cuts));

    // Small table: rows per (within, bucket), with each bucket's offset and the group total.
    List<Column> blockKeys = new ArrayList<>(List.of(withinCols));
    blockKeys.add(col(BUCKET));
    Dataset<Row> blocks = rows.groupBy(blockKeys.toArray(new Column[0])).agg(count(lit(1)).as(N));
    WindowSpec earlier =
        Window.partitionBy(withinCols)
            .orderBy(col(BUCKET))
            .rowsBetween(Window.unboundedPreceding(), -1);
    List<Column> right = new ArrayList<>();
    List<String> keyCopies = new ArrayList<>(); // the join needs its own names, not the left side's
    for (int i = 0; i < within.size(); i++) {
      keyCopies.add(P + "w" + i);
      right.add(col(within.get(i)).as(P + "w" + i));
    }
    keyCopies.add(P + "b");
    right.add(col(BUCKET).as(P + "b"));
    right.add(coalesce(sum(col(N)).over(earlier), lit(0L)).as(OFFSET));
    right.add(sum(col(N)).over(Window.partitionBy(withinCols)).as(TOTAL));
    Dataset<Row> offsets = blocks.select(right.toArray(new Column[0]));
    Column on = col(BUCKET).equalTo(col(P + "b"));
    for (int i = 0; i < within.size(); i++) {
      on = on.and(col(within.get(i)).eqNullSafe(col(P + "w" + i)));
    }
    Dataset<Row> joined =
        rows.join(broadcast(offsets), on, "inner").drop(keyCopies.toArray(new String[0]));

    // Exact position in the sorted order of the within group, from a window over one bucket at a
    // time.
    Column[] order = sortKey.stream().map(s -> col(s).asc_nulls_last()).toArray(Column[]::new);
    Column pos =
        col(OFFSET)
            .plus(
                row_number()
                    .over(Window.partitionBy(blockKeys.toArray(new Column[0])).orderBy(order)))
            .minus(lit(1L));
    Column fullGroups = floor(col(TOTAL).divide(lit(k)));
    Column group =
        when(fullGroups.leq(lit(1L)), lit(0L))
            .otherwise(least(floor(col(POS).divide(lit(k))), fullGroups.minus(lit(1L))));
    Dataset<Row> out = joined.withColumn(POS, pos).withColumn(GROUP, group);

    List<Column> groupKeys = new ArrayList<>(List.of(withinCols));
    groupKeys.add(col(GROUP));
    WindowSpec inGroup = Window.partitionBy(groupKeys.toArray(new Column[0]));
    out = out.withColumn(SIZE, count(lit(1)).over(inGroup));
    for (int i = 0; i < aggCols.size(); i++) {
      String c = aggCols.get(i);
      Column v = col(c);
      out =
          out.withColumn(
              VALUE + i, aggregate.equals("mean") ? avg(v).over(inGroup) : median(v).over(inGroup));
    }
    Column firstOfGroup = col(POS).equalTo(col(GROUP).multiply(lit(k)));
    Column belowK = col(SIZE).lt(lit(k));
    out = ctx.count(out, TYPE, label, "groups", firstOfGroup);
    out = ctx.count(out, TYPE, label, "groups_below_k", firstOfGroup.and(belowK));
    out = ctx.count(out, TYPE, label, "records_in_groups_below_k", belowK);
    for (int i = 0; i < aggCols.size(); i++) {
      String c = aggCols.get(i);
      DataType type = data.schema().apply(c).dataType();
      Column replaced =
          when(col(c).isNull(), lit(null).cast(type))
              .otherwise(Rounding.toType(col(VALUE + i), type, round));
      out = out.withColumn(VALUE + i, replaced);
      out = ctx.count(out, TYPE, c, "cells_changed", not(col(VALUE + i).eqNullSafe(col(c))));
      out = out.withColumn(c, col(VALUE + i)).drop(VALUE + i);
    }
    return out.drop(BUCKET, OFFSET, TOTAL, POS, GROUP, SIZE);
  }

  /**
   * Distinct approximate quantiles of {@code column} splitting it into {@code buckets} parts; empty
   * for one part.
   */
  private static double[] cutPoints(Dataset<Row> data, String column, int buckets) {
    if (buckets <= 1) {
      return new double[0];
    }
    double[] ps = new double[buckets - 1];
    for (int i = 1; i < buckets; i++) {
      ps[i - 1] = (double) i / buckets;
    }
    Row r = data.agg(percentile_approx(col(column).cast("double"), lit(ps), lit(ACCURACY))).first();
    if (r.isNullAt(0)) {
      return new double[0];
    }
    TreeSet<Double> distinct = new TreeSet<>(r.<Double>getList(0));
    return distinct.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The number of cut points below {@code v} (nulls after all of them), by binary search in a CASE
   * tree.
   */
  static Column bucketOf(Column v, double[] cuts) {
    return when(v.isNull(), lit(cuts.length + 1)).otherwise(search(v, cuts, 0, cuts.length));
  }

  private static Column search(Column v, double[] cuts, int lo, int hi) {
    if (lo == hi) {
      return lit(lo);
    }
    int mid = (lo + hi) >>> 1;
    return when(v.gt(lit(cuts[mid])), search(v, cuts, mid + 1, hi))
        .otherwise(search(v, cuts, lo, mid));
  }
}
