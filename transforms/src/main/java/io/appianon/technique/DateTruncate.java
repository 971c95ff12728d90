package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.year;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generalizes a date or timestamp to day, week (its Monday), month, quarter or year, as a string
 * such as {@code 2026-04}, {@code 2026-Q2} or {@code 2026}.
 */
public record DateTruncate(
    Origin origin, String column, String output, String unit, Optional<Text> category)
    implements ColumnTechnique {
  public static final String TYPE = "date-truncate";
  private static final Map<String, Text> UNITS =
      Map.of(
          "day", Text.of("日単位", "day"),
          "week", Text.of("週単位（週の初日）", "week (its Monday)"),
          "month", Text.of("年月", "year and month"),
          "quarter", Text.of("四半期", "quarter"),
          "year", Text.of("年", "year"));

  public static DateTruncate parse(Conf c) {
    c.allowOnly(Set.of("type", "column", "output", "unit", "category"));
    String unit = c.string("unit");
    if (!UNITS.containsKey(unit)) {
      throw c.error(
          "unit", "invalid value '" + unit + "' (expected day, week, month, quarter or year)");
    }
    String column = c.string("column");
    return new DateTruncate(
        c.origin(), column, c.string("output", column), unit, c.optText("category"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void checkInput(StructType schema) {
    Schemas.requireTemporal(schema, column, origin, "column");
  }

  @Override
  public DataType outputType(StructType schema) {
    return DataTypes.StringType;
  }

  @Override
  public void describe(Lineage lineage) {
    Text u = UNITS.get(unit);
    lineage.derive(
        column,
        output,
        Processing.GENERALIZED,
        Text.of(u.ja() + "に一般化", "generalized to " + u.en()),
        category,
        true);
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_LOCAL;
  }

  @Override
  public Column value(Dataset<Row> data, TechniqueContext ctx) {
    Column c = col(column);
    return switch (unit) {
      case "day" -> date_format(c, "yyyy-MM-dd");
      case "week" -> date_format(date_trunc("week", c), "yyyy-MM-dd");
      case "month" -> date_format(c, "yyyy-MM");
      case "quarter" -> concat(year(c).cast("string"), lit("-Q"), quarter(c).cast("string"));
      case "year" -> year(c).cast("string");
      default -> throw new IllegalStateException(unit);
    };
  }
}
