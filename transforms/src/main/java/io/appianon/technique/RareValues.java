package io.appianon.technique;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rare-value suppression (Rule 34 item 4: "a one-person occupation"): categories held by fewer than
 * {@code min-count} records become {@code replacement} (default 「その他」) or null. The rare categories
 * are found with one aggregation and replaced through a broadcast join against that small table, so
 * no values travel to the driver.
 */
public record RareValues(Origin origin, String column, long minCount, Optional<String> replacement)
    implements Technique {
  public static final String TYPE = "rare-values";
  private static final String RARE = TechniqueContext.HIDDEN_PREFIX + "rare";

  public static RareValues parse(Conf c) {
    c.allowOnly(Set.of("type", "column", "min-count", "replacement"));
    long min = c.longValue("min-count", 0);
    if (min < 2) {
      throw c.error("min-count", "invalid value " + min + " (must be >= 2)");
    }
    Optional<String> repl =
        c.has("replacement") && c.raw().getIsNull("replacement")
            ? Optional.empty()
            : Optional.of(c.string("replacement", "その他"));
    return new RareValues(c.origin(), c.string("column"), min, repl);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Schemas.require(schema, column, origin, "column");
    return Schemas.replace(schema, column, DataTypes.StringType);
  }

  @Override
  public void describe(Lineage lineage) {
    String r = replacement.orElse(null);
    lineage.process(
        column,
        Processing.RARE_VALUES_SUPPRESSED,
        Text.of(
            minCount + "件未満の値は" + (r == null ? "削除" : "「" + r + "」にまとめた"),
            "values held by fewer than "
                + minCount
                + " records "
                + (r == null ? "removed" : "grouped as '" + r + "'")));
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    Column v = col(column).cast("string");
    Dataset<Row> rare =
        TechniqueContext.live(data)
            .select(v.as(column))
            .where(col(column).isNotNull())
            .groupBy(column)
            .agg(count(lit(1)).as("n"))
            .where(col("n").lt(minCount))
            .select(col(column).as(RARE), lit(true).as(RARE + "_hit"));
    Dataset<Row> joined =
        data.withColumn(column, v)
            .join(broadcast(rare), col(column).equalTo(col(RARE)), "left_outer")
            .drop(RARE);
    Column isRare = col(RARE + "_hit").isNotNull();
    joined = ctx.count(joined, TYPE, column, "replaced", isRare);
    Column repl = replacement.<Column>map(r -> lit(r)).orElse(lit(null).cast("string"));
    return joined.withColumn(column, when(isRare, repl).otherwise(col(column))).drop(RARE + "_hit");
  }
}
