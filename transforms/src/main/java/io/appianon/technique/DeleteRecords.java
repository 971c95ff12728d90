package io.appianon.technique;

import static org.apache.spark.sql.functions.expr;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Text;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Record deletion: rows matching a Spark SQL condition (e.g. {@code amount >= 1000000}) are removed
 * and counted as suppressed under {@code reason}. The condition is parsed when the policy is
 * loaded, and its columns are checked against the schema before any data is read.
 */
public record DeleteRecords(Origin origin, String where, String reason, Text description)
    implements Technique {
  public static final String TYPE = "delete-records";

  public static DeleteRecords parse(Conf c) {
    c.allowOnly(Set.of("type", "where", "reason", "description"));
    String where = c.string("where");
    try {
      org.apache.spark.sql.catalyst.parser.CatalystSqlParser$.MODULE$.parseExpression(where);
    } catch (Exception e) { // Scala's ParseException is not declared to Java
      throw c.error("where", "not a valid Spark SQL condition: " + where);
    }
    String reason = c.string("reason");
    Text d =
        c.optText("description")
            .orElse(
                Text.of(
                    "条件（" + reason + "）に該当するレコードを削除", "records matching '" + reason + "' deleted"));
    return new DeleteRecords(c.origin(), where, reason, d);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    var refs =
        org.apache.spark.sql.catalyst.parser.CatalystSqlParser$.MODULE$
            .parseExpression(where)
            .references();
    scala.collection.Iterator<org.apache.spark.sql.catalyst.expressions.Attribute> it =
        refs.iterator();
    while (it.hasNext()) {
      org.apache.spark.sql.catalyst.expressions.Attribute a = it.next();
      Schemas.require(schema, a.name(), origin, "where");
    }
    return schema;
  }

  @Override
  public void describe(Lineage lineage) {
    lineage.records(description);
  }

  @Override
  public Evaluation evaluation() {
    return Schemas.deterministic(where) ? Evaluation.ROW_LOCAL : Evaluation.GLOBAL;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    return ctx.deleteWhere(data, expr(where), reason);
  }
}
