package io.appianon.technique;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

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
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Data swapping (GL 別表2 「データ交換（スワップ）」, Rule 34 item 5): the values of the listed columns are
 * randomly permuted among records, separately within each group of records sharing the {@code
 * within} columns (e.g. the same age band), so every value, and every group's distribution of
 * values, stays in the data while the link between a record and its values is broken. Several
 * columns move together, as one tuple.
 *
 * <p>Built from windows and a join: each record gets two pseudo-random keys (Spark's {@code
 * xxhash64} of the whole record under two seeds derived from {@code seed}, default the per-release
 * seed); within each group, {@code row_number} over the first key numbers the records and {@code
 * row_number} over the second numbers the value tuples, and a join on (group, number) gives each
 * record the tuple with its number. Both numberings are bijections onto 1..n, so the result is a
 * permutation of each group; because the keys are hashes of the content rather than of row
 * positions, the permutation does not depend on how Spark partitions or orders the input.
 *
 * <p>Groups larger than {@code block-rows} (default 100,000; without {@code within} the whole data
 * is one group) are split by a third hash into ⌈n ÷ block-rows⌉ random blocks permuted
 * independently, so no window task holds more than about {@code block-rows} records and a large
 * group is spread over many tasks. A value then moves only within its block, which is still a
 * random set of tens of thousands of records of the same group. Reported: {@code rows_swapped}
 * (records whose tuple changed) and {@code rows_in_groups_of_one} (records that could not be
 * swapped).
 */
public record Swap(
    Origin origin, List<String> columns, List<String> within, Optional<Long> seed, long blockRows)
    implements Technique {
  public static final String TYPE = "swap";
  private static final String P = TechniqueContext.HIDDEN_PREFIX + "swap_";
  private static final String ONE = P + "all";
  private static final String N = P + "n";
  private static final String BLOCK = P + "block";
  private static final String KEY = P + "key";
  private static final String VALUE_KEY = P + "value_key";
  private static final String RANK = P + "rank";
  private static final String COPY = P + "copy_";
  private static final String VALUE = P + "value_";

  public static Swap parse(Conf c) {
    c.allowOnly(Set.of("type", "columns", "within", "seed", "block-rows"));
    List<String> cols = c.columnNames("columns");
    List<String> within = c.strings("within", List.of());
    for (String w : within) {
      if (cols.contains(w)) {
        throw c.error("within", "column '" + w + "' is swapped and cannot also define the groups");
      }
    }
    Optional<Long> seed = c.has("seed") ? Optional.of(c.longValue("seed", 0)) : Optional.empty();
    long blockRows = c.longValue("block-rows", 100_000L);
    if (blockRows < 2) {
      throw c.error("block-rows", "invalid value " + blockRows + " (must be >= 2)");
    }
    return new Swap(c.origin(), cols, within, seed, blockRows);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    for (String c : columns) {
      Schemas.require(schema, c, origin, "columns");
    }
    for (String w : within) {
      Schemas.require(schema, w, origin, "within");
    }
    return schema;
  }

  @Override
  public void describe(Lineage lineage) {
    String groupJa = within.isEmpty() ? "全レコード" : String.join("・", within) + "が同じレコード";
    String groupEn =
        within.isEmpty() ? "all records" : "records with the same " + String.join(", ", within);
    String togetherJa = columns.size() > 1 ? "（" + String.join("・", columns) + "を組にして）" : "";
    String togetherEn = columns.size() > 1 ? " (" + String.join(", ", columns) + " together)" : "";
    for (String c : columns) {
      lineage.process(
          c,
          Processing.SWAPPED,
          Text.of(
              groupJa + "の間で値を無作為に入れ替えた" + togetherJa + "（値の分布は保たれるが、個々のレコードとの対応は失われる）",
              "values randomly swapped between "
                  + groupEn
                  + togetherEn
                  + " (the distribution of values is kept, the link to each record is broken)"));
    }
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    // records marked for deletion take no part: they would otherwise fill groups of published
    // records
    return TechniqueContext.onLive(data, live -> applyToLive(live, ctx));
  }

  private Dataset<Row> applyToLive(Dataset<Row> data, TechniqueContext ctx) {
    String label = String.join("+", columns);
    long base = seed.orElse(ctx.seed());
    String[] original = data.columns();
    Column[] record = new Column[original.length + 1];
    for (int i = 0; i < original.length; i++) {
      record[i + 1] = col(original[i]);
    }

    List<String> groupCols = within.isEmpty() ? List.of(ONE) : within;
    Dataset<Row> rows = within.isEmpty() ? data.withColumn(ONE, lit(0)) : data;

    // Group sizes: a small table joined back, to count unswappable records and to size the blocks.
    List<Column> sizeCols = new ArrayList<>();
    List<String> copies = new ArrayList<>();
    Column on = null;
    for (int i = 0; i < groupCols.size(); i++) {
      copies.add(COPY + i);
      sizeCols.add(col(groupCols.get(i)).as(COPY + i));
      Column eq = col(groupCols.get(i)).eqNullSafe(col(COPY + i));
      on = on == null ? eq : on.and(eq);
    }
    sizeCols.add(col(N));
    Dataset<Row> sizes =
        rows.groupBy(groupCols.stream().map(functions::col).toArray(Column[]::new))
            .agg(count(lit(1)).as(N))
            .select(sizeCols.toArray(new Column[0]));
    rows = rows.join(broadcast(sizes), on, "inner").drop(copies.toArray(new String[0]));

    record[0] = lit(Seeds.derive(base, TYPE + "/block/" + label));
    rows =
        rows.withColumn(
            BLOCK, pmod(xxhash64(record), ceil(col(N).divide(lit(blockRows))).cast("long")));
    record[0] = lit(Seeds.derive(base, TYPE + "/record/" + label));
    rows = rows.withColumn(KEY, xxhash64(record));
    record[0] = lit(Seeds.derive(base, TYPE + "/value/" + label));
    rows = rows.withColumn(VALUE_KEY, xxhash64(record));

    List<Column> partCols = new ArrayList<>();
    for (String g : groupCols) {
      partCols.add(col(g));
    }
    partCols.add(col(BLOCK));
    Column[] part = partCols.toArray(new Column[0]);
    WindowSpec byKey = Window.partitionBy(part).orderBy(col(KEY));
    WindowSpec byValueKey = Window.partitionBy(part).orderBy(col(VALUE_KEY));

    Dataset<Row> records = rows.withColumn(RANK, row_number().over(byKey));
    List<Column> given = new ArrayList<>();
    for (int i = 0; i < groupCols.size(); i++) {
      given.add(col(groupCols.get(i)).as(COPY + i));
    }
    given.add(col(BLOCK).as(COPY + "block"));
    given.add(row_number().over(byValueKey).as(COPY + "rank"));
    for (int i = 0; i < columns.size(); i++) {
      given.add(col(columns.get(i)).as(VALUE + i));
    }
    Dataset<Row> values = rows.select(given.toArray(new Column[0]));
    Column match =
        on.and(col(BLOCK).equalTo(col(COPY + "block"))).and(col(RANK).equalTo(col(COPY + "rank")));
    Dataset<Row> out = records.join(values, match, "inner");

    Column changed = lit(false);
    for (int i = 0; i < columns.size(); i++) {
      changed = changed.or(not(col(columns.get(i)).eqNullSafe(col(VALUE + i))));
    }
    out = ctx.count(out, TYPE, label, "rows_swapped", changed);
    out = ctx.count(out, TYPE, label, "rows_in_groups_of_one", col(N).equalTo(lit(1L)));

    List<Column> result = new ArrayList<>();
    for (String c : out.columns()) {
      int i = columns.indexOf(c);
      if (i >= 0) {
        result.add(col(VALUE + i).as(c));
      } else if (!c.startsWith(P)) {
        result.add(col(c));
      }
    }
    return out.select(result.toArray(new Column[0]));
  }
}
