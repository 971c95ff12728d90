package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
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
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Truncates a postal code to its first {@code digits} digits (e.g. {@code 160-0023} → {@code 160}).
 */
public record PostalPrefix(
    Origin origin, String column, String output, int digits, Optional<Text> category)
    implements ColumnTechnique {
  public static final String TYPE = "postal-prefix";

  public static PostalPrefix parse(Conf c) {
    c.allowOnly(Set.of("type", "column", "output", "digits", "category"));
    int digits = c.integer("digits", 3);
    if (digits < 1 || digits > 6) {
      throw c.error("digits", "invalid value " + digits + " (must be 1..6)");
    }
    String column = c.string("column");
    return new PostalPrefix(
        c.origin(), column, c.string("output", column), digits, c.optText("category"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void checkInput(StructType schema) {
    Schemas.requireString(schema, column, origin, "column");
  }

  @Override
  public DataType outputType(StructType schema) {
    return DataTypes.StringType;
  }

  @Override
  public void describe(Lineage lineage) {
    lineage.derive(
        column,
        output,
        Processing.GENERALIZED,
        Text.of("上" + digits + "桁のみ", "first " + digits + " digits only"),
        category,
        !output.equals(column));
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_LOCAL;
  }

  @Override
  public Column value(Dataset<Row> data, TechniqueContext ctx) {
    Column d = regexp_replace(col(column), "[^0-9]", "");
    return when(length(d).geq(lit(digits)), substring(d, 1, digits))
        .otherwise(lit(null).cast("string"));
  }
}
