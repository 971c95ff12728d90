package io.appianon.technique;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Text;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Attribute deletion (Rule 34 items 1–2): the columns are removed from the output entirely. */
public record DeleteColumns(Origin origin, List<String> columns) implements Technique {
  public static final String TYPE = "delete";

  public static DeleteColumns parse(Conf c) {
    c.allowOnly(Set.of("type", "columns"));
    List<String> cols = c.strings("columns");
    if (cols.isEmpty()) {
      throw c.error("columns", "must name at least one column");
    }
    return new DeleteColumns(c.origin(), cols);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    StructType out = schema;
    for (String col : columns) {
      Schemas.require(out, col, origin, "columns");
      out = Schemas.drop(out, col);
    }
    return out;
  }

  @Override
  public void describe(Lineage lineage) {
    for (String col : columns) {
      lineage.delete(col, Text.of("削除", "deleted"));
    }
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_LOCAL;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    return data.drop(columns.toArray(new String[0]));
  }
}
