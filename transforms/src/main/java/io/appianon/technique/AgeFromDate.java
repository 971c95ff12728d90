package io.appianon.technique;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.appianon.core.Conf;
import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generalizes a date of birth to age in whole years at a reference date (a fixed date or another
 * date column, such as the survey date). The date of birth itself is dropped unless {@code
 * keep-source = true}.
 */
public record AgeFromDate(
    Origin origin,
    String column,
    String output,
    Optional<LocalDate> referenceDate,
    Optional<String> referenceColumn,
    boolean keepSource,
    Optional<Text> category)
    implements ColumnTechnique {
  public static final String TYPE = "age";

  public static AgeFromDate parse(Conf c) {
    c.allowOnly(Set.of("type", "column", "output", "reference", "keep-source", "category"));
    String column = c.string("column");
    String ref = c.string("reference");
    Optional<LocalDate> date = Optional.empty();
    Optional<String> refCol = Optional.empty();
    if (ref.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        date = Optional.of(LocalDate.parse(ref));
      } catch (DateTimeParseException e) {
        throw c.error("reference", "invalid date '" + ref + "'");
      }
    } else {
      refCol = Optional.of(ref);
    }
    return new AgeFromDate(
        c.origin(),
        column,
        c.string("output", "age"),
        date,
        refCol,
        c.bool("keep-source", false),
        c.optText("category"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void checkInput(StructType schema) {
    Schemas.requireTemporal(schema, column, origin, "column");
    referenceColumn.ifPresent(r -> Schemas.requireTemporal(schema, r, origin, "reference"));
  }

  @Override
  public DataType outputType(StructType schema) {
    return DataTypes.IntegerType;
  }

  @Override
  public boolean keepsInput() {
    return keepSource;
  }

  @Override
  public void describe(Lineage lineage) {
    String at = referenceDate.map(LocalDate::toString).orElse(referenceColumn.orElse(""));
    lineage.derive(
        column,
        output,
        Processing.AGE,
        Text.of(at + " 時点の満年齢に変換", "converted to age in years at " + at),
        category,
        !keepSource && !output.equals(column));
  }

  @Override
  public Evaluation evaluation() {
    return Evaluation.ROW_LOCAL;
  }

  @Override
  public Column value(Dataset<Row> data, TechniqueContext ctx) {
    Column ref =
        referenceDate
            .map(d -> lit(java.sql.Date.valueOf(d)))
            .orElseGet(() -> col(referenceColumn.get()));
    // Whole years: the year difference, less one before the birthday in the reference year.
    // (months_between, used before, counts 29 February to 28 February as whole years because both
    // are month ends: a year too old.)
    Column birth = to_date(col(column));
    Column at = to_date(ref);
    Column beforeBirthday =
        month(at)
            .lt(month(birth))
            .or(month(at).equalTo(month(birth)).and(dayofmonth(at).lt(dayofmonth(birth))));
    return year(at)
        .minus(year(birth))
        .minus(when(beforeBirthday, lit(1)).otherwise(lit(0)))
        .cast("int");
  }
}
