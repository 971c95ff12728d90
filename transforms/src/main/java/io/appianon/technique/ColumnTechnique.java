package io.appianon.technique;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * A technique that derives one column from one column with a Spark expression, after Spark ML's
 * {@code UnaryTransformer}: it checks what it reads, names its output's type and gives the
 * expression; the schema pass and {@link #apply} are written once, here, so they cannot disagree.
 * The output replaces the input in place when it has the input's name; a new name is added last,
 * and the input is dropped unless {@link #keepsInput}.
 */
public interface ColumnTechnique extends Technique {

  /** The column read. */
  String column();

  /** The column written: {@link #column} (in place) or a new column. */
  String output();

  /**
   * Whether a new output column leaves the input column in place (default: the input is dropped).
   */
  default boolean keepsInput() {
    return false;
  }

  /**
   * Checks the columns this technique reads (the input's type, any other column), throwing {@link
   * io.appianon.core.PolicyException} naming the policy file and key.
   */
  void checkInput(StructType schema);

  /** The output column's type, for an input schema that passed {@link #checkInput}. */
  DataType outputType(StructType schema);

  /**
   * The rows to derive from, with this technique's counters registered ({@code ctx.count}); by
   * default the rows as they are.
   */
  default Dataset<Row> count(Dataset<Row> data, TechniqueContext ctx) {
    return data;
  }

  /**
   * The output value of each row, an expression over {@code data}'s columns (a fitted technique
   * reads data here).
   */
  Column value(Dataset<Row> data, TechniqueContext ctx);

  @Override
  default StructType transformSchema(StructType schema) {
    checkInput(schema);
    DataType type = outputType(schema);
    if (output().equals(column())) {
      return Schemas.replace(schema, column(), type);
    }
    StructType out = keepsInput() ? schema : Schemas.drop(schema, column());
    Schemas.requireAbsent(out, output(), origin(), "output");
    return Schemas.replace(out, output(), type);
  }

  @Override
  default Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx) {
    Dataset<Row> out = count(data, ctx).withColumn(output(), value(data, ctx));
    return output().equals(column()) || keepsInput() ? out : out.drop(column());
  }
}
