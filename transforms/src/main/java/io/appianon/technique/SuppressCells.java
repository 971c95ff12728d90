package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Cell suppression (GL 別表2 「セル削除」, Rule 34 item 4): the value of each listed column is set to null,
 * or to a {@code marker} such as {@code "*"}, in the records matching a Spark SQL condition ({@code
 * where = "age_band = '90+' AND sex = 'その他'"}); the rest of the record is kept. The condition is
 * parsed when the policy is loaded and its columns are checked in the schema pass; it is evaluated
 * once per record, before any listed column changes, so a condition may name a column it
 * suppresses. With a marker the columns become strings. Cells actually changed are counted per
 * column.
 */
public record SuppressCells(
    Origin origin,
    List<String> columns,
    String where,
    Optional<String> marker,
    Optional<Text> description)
    implements Technique {
  public static final String TYPE = "suppress-cells";
  private static final String HIT = TechniqueContext.HIDDEN_PREFIX + "suppress";

  public static SuppressCells parse(Conf c) {
    c.allowOnly(Set.of("type", "columns", "where", "marker", "description"));
    List<String> cols = c.strings("columns");
    if (cols.isEmpty()) {
      throw c.error("columns", "must name at least one column");
    }
    if (new HashSet<>(cols).size() != cols.size()) {
      throw c.error("columns", "names a column twice: " + cols);
    }
    String where = c.string("where");
    parseCondition(c.origin(), where);
    Optional<String> marker =
        c.has("marker") && c.raw().getIsNull("marker") ? Optional.empty() : c.optString("marker");
    return new SuppressCells(c.origin(), cols, where, marker, c.optText("description"));
  }

  private static org.apache.spark.sql.catalyst.expressions.Expression parseCondition(
      Origin origin, String where) {
    try {
      return CatalystSqlParser$.MODULE$.parseExpression(where);
    } catch (Exception e) { // Scala's ParseException is not declared to Java
      throw origin.error("where", "not a valid Spark SQL condition: " + where);
    }
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    scala.collection.Iterator<Attribute> it = parseCondition(origin, where).references().iterator();
    while (it.hasNext()) {
      Schemas.require(schema, it.next().name(), origin, "where");
    }
    StructType out = schema;
    for (String c : columns) {
      Schemas.require(schema, c, origin, "columns");
      if (marker.isPresent()) {
        out = Schemas.replace(out, c, DataTypes.StringType);
      }
    }
    return out;
  }

  @Override
  public void describe(Lineage lineage) {
    for (String c : columns) {
      lineage.process(
          c,
          Processing.SUPPRESSED,
          description.orElseGet(
              () ->
                  marker
                      .map(
                          m ->
                              Text.of(
                                  "条件（" + where + "）に該当するレコードでは「" + m + "」に置き換えた",
                                  "replaced by '" + m + "' in records where " + where))
                      .orElseGet(
                          () ->
                              Text.of(
                                  "条件（" + where + "）に該当するレコードでは削除（空欄）した",
                                  "deleted (left blank) in records where " + where))));
    }
  }

  @Override
  public Evaluation evaluation() {
    return Schemas.deterministic(where) ? Evaluation.ROW_LOCAL : Evaluation.GLOBAL;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    DataType conditionType;
    try {
      conditionType = data.select(expr(where)).schema().fields()[0].dataType();
    } catch (
        RuntimeException e) { // AnalysisException: a function or type the parser could not check
      throw origin.error("where", "cannot evaluate condition '" + where + "': " + e.getMessage());
    }
    if (!conditionType.equals(DataTypes.BooleanType)) {
      throw origin.error(
          "where",
          "condition '"
              + where
              + "' must be true or false, but is "
              + conditionType.simpleString());
    }
    Dataset<Row> out = data.withColumn(HIT, expr(where));
    Column hit = col(HIT).equalTo(lit(true));
    for (String c : columns) {
      Column v = marker.isPresent() ? col(c).cast("string") : col(c);
      Column replacement =
          marker
              .<Column>map(m -> lit(m))
              .orElseGet(() -> lit(null).cast(data.schema().apply(c).dataType()));
      Column changed = marker.isPresent() ? not(v.eqNullSafe(replacement)) : v.isNotNull();
      out = ctx.count(out, TYPE, c, "cells_suppressed", hit.and(changed));
      out = out.withColumn(c, when(hit, replacement).otherwise(v));
    }
    return out.drop(HIT);
  }
}
