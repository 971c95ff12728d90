package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generalizes a number to an interval label: fixed width ({@code width = 5} gives {@code 30-34}) or
 * given bounds ({@code bounds = [0, 1000, 3000, 10000]} gives {@code 0-999}, {@code 1000-2999},
 * ..., {@code 10000+}). Values below the first bound become {@code <first}. Built from {@code
 * floor}/{@code when}, no UDF.
 */
public record IntervalBands(
    Origin origin,
    String column,
    String output,
    Optional<Double> width,
    List<Double> bounds,
    Optional<Text> category)
    implements ColumnTechnique {
  public static final String TYPE = "interval";

  public static IntervalBands parse(Conf c) {
    c.allowOnly(Set.of("type", "column", "output", "width", "bounds", "category"));
    Optional<Double> width = c.optNumber("width");
    List<Double> bounds = c.has("bounds") ? c.numbers("bounds") : List.of();
    if (width.isPresent() == !bounds.isEmpty()) {
      throw c.error("width", "give exactly one of width or bounds");
    }
    if (width.isPresent() && width.get() <= 0) {
      throw c.error("width", "invalid value " + width.get() + " (must be > 0)");
    }
    for (int i = 1; i < bounds.size(); i++) {
      if (bounds.get(i) <= bounds.get(i - 1)) {
        throw c.error(
            "bounds",
            "must be strictly increasing, but " + bounds.get(i) + " follows " + bounds.get(i - 1));
      }
    }
    String column = c.string("column");
    return new IntervalBands(
        c.origin(), column, c.string("output", column), width, bounds, c.optText("category"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void checkInput(StructType schema) {
    Schemas.requireNumeric(schema, column, origin, "column");
  }

  @Override
  public DataType outputType(StructType schema) {
    return DataTypes.StringType;
  }

  @Override
  public void describe(Lineage lineage) {
    Text how =
        width
            .map(
                w ->
                    Text.of(
                        TopBottomCode.fmt(w) + "刻みの区間に一般化",
                        "generalized to bands of " + TopBottomCode.fmt(w)))
            .orElseGet(
                () ->
                    Text.of(
                        "区間（" + boundsText() + "）に一般化",
                        "generalized to bands (" + boundsText() + ")"));
    lineage.derive(column, output, Processing.GENERALIZED, how, category, !output.equals(column));
  }

  private String boundsText() {
    StringBuilder sb = new StringBuilder();
    for (Double b : bounds) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(TopBottomCode.fmt(b));
    }
    return sb.toString();
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_LOCAL;
  }

  @Override
  public Column value(Dataset<Row> data, TechniqueContext ctx) {
    boolean integral = Schemas.isIntegral(data.schema().apply(column).dataType());
    Column v = col(column);
    Column label;
    if (width.isPresent()) {
      double w = width.get();
      Column lo = floor(v.divide(w)).multiply(w);
      Column hi = integral ? lo.plus(w - 1) : lo.plus(w);
      label = concat(num(lo, integral), lit(integral ? "-" : "-<"), num(hi, integral));
    } else {
      label = lit("<" + TopBottomCode.fmt(bounds.get(0)));
      for (int i = 0; i < bounds.size(); i++) {
        double b = bounds.get(i);
        String text =
            i + 1 < bounds.size()
                ? TopBottomCode.fmt(b)
                    + (integral
                        ? "-" + TopBottomCode.fmt(bounds.get(i + 1) - 1)
                        : "-<" + TopBottomCode.fmt(bounds.get(i + 1)))
                : TopBottomCode.fmt(b) + "+";
        label = when(v.geq(lit(b)), lit(text)).otherwise(label);
      }
    }
    return when(v.isNull(), lit(null).cast("string")).otherwise(label);
  }

  private static Column num(Column c, boolean integral) {
    return integral ? c.cast("long").cast("string") : c.cast("string");
  }
}
