package io.appianon.technique;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a technique may use while it runs: the per-release pseudonym key, a per-release random seed,
 * and a way to count what it did without an extra pass over the data. Counting works by adding a
 * hidden boolean column per metric; the pipeline sums all of them in one aggregation over the
 * persisted data and drops them before anything is written.
 */
public final class TechniqueContext {
  /** Prefix of hidden bookkeeping columns; never published (the pipeline drops them and checks). */
  public static final String HIDDEN_PREFIX = "__appianon_";

  /** Hidden column holding the reason a record is to be deleted (null: keep). */
  public static final String DELETE_REASON = HIDDEN_PREFIX + "delete_reason";

  private final Optional<PseudonymKey> key;
  private final long seed;
  private final List<MetricFlag> flags = new ArrayList<>();
  private final List<TechniqueMetric> computed = new ArrayList<>();

  /**
   * A counted condition: {@code technique.column.metric} summed over the rows where the hidden
   * column is true.
   */
  public record MetricFlag(String technique, String column, String metric, String hiddenColumn) {}

  /** A metric a technique computed itself (e.g. from an aggregate it needed anyway). */
  public record TechniqueMetric(String technique, String column, String metric, Object value) {}

  public TechniqueContext(Optional<PseudonymKey> key, long seed) {
    this.key = key;
    this.seed = seed;
  }

  public PseudonymKey key(String forTechnique) {
    return key.orElseThrow(
        () ->
            new IllegalStateException(
                forTechnique
                    + " needs the per-release pseudonym key but none was given to the pipeline"));
  }

  public long seed() {
    return seed;
  }

  /**
   * Counts the rows where {@code condition} is true, reported as {@code technique/column/metric}.
   */
  public Dataset<Row> count(
      Dataset<Row> data, String technique, String column, String metric, Column condition) {
    String hidden = HIDDEN_PREFIX + "m" + flags.size();
    flags.add(new MetricFlag(technique, column, metric, hidden));
    return data.withColumn(hidden, coalesce(condition, lit(false)));
  }

  /**
   * Marks rows for deletion with a reason; the first reason given to a row wins. Counted as
   * suppressed.
   */
  public Dataset<Row> deleteWhere(Dataset<Row> data, Column condition, String reason) {
    Column current = hasColumn(data, DELETE_REASON) ? col(DELETE_REASON) : lit(null).cast("string");
    return data.withColumn(DELETE_REASON, coalesce(current, when(condition, lit(reason))));
  }

  /**
   * The rows not marked for deletion. A technique's statistics (value counts, quantiles, groups)
   * are computed over these only: a record deleted earlier (e.g. a test account) must neither lift
   * a rare value above its threshold nor fill a micro-aggregation group or a swap partner, since it
   * will not be published.
   */
  public static Dataset<Row> live(Dataset<Row> data) {
    return hasColumn(data, DELETE_REASON) ? data.where(col(DELETE_REASON).isNull()) : data;
  }

  /**
   * Applies {@code technique} to the rows not marked for deletion and passes the marked rows
   * through unchanged (they are counted as suppressed and never published); columns the technique
   * adds are null on the marked rows.
   */
  public static Dataset<Row> onLive(
      Dataset<Row> data, java.util.function.UnaryOperator<Dataset<Row>> technique) {
    if (!hasColumn(data, DELETE_REASON)) {
      return technique.apply(data);
    }
    Dataset<Row> out = technique.apply(live(data));
    return out.unionByName(data.where(col(DELETE_REASON).isNotNull()), true);
  }

  public void report(String technique, String column, String metric, Object value) {
    computed.add(new TechniqueMetric(technique, column, metric, value));
  }

  public List<MetricFlag> flags() {
    return Collections.unmodifiableList(flags);
  }

  public List<TechniqueMetric> computedMetrics() {
    return Collections.unmodifiableList(computed);
  }

  public static boolean hasColumn(Dataset<Row> data, String name) {
    for (String c : data.columns()) {
      if (c.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
