package io.appianon.technique;

import io.appianon.core.Origin;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/** Schema checks shared by techniques; every failure names the policy file and key. */
public final class Schemas {
  /** Spark SQL functions whose value can differ when a row is evaluated again. */
  private static final Set<String> NONDETERMINISTIC =
      Set.of(
          "rand",
          "random",
          "randn",
          "randstr",
          "uniform",
          "uuid",
          "shuffle",
          "monotonically_increasing_id",
          "spark_partition_id",
          "input_file_name",
          "input_file_block_start",
          "input_file_block_length",
          "current_timestamp",
          "now",
          "current_date",
          "curdate",
          "localtimestamp",
          "reflect",
          "java_method",
          "try_reflect");

  private Schemas() {}

  /**
   * Whether a SQL expression (a policy's {@code where}) calls none of Spark's nondeterministic
   * functions ({@code rand}, {@code uuid}, {@code current_timestamp}, ...), so evaluating a row
   * again gives the same answer.
   */
  public static boolean deterministic(String sqlExpression) {
    return deterministic(CatalystSqlParser$.MODULE$.parseExpression(sqlExpression));
  }

  private static boolean deterministic(Expression e) {
    if (e instanceof UnresolvedFunction f
        && NONDETERMINISTIC.contains(f.nameParts().last().toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (e.resolved() && !e.deterministic()) {
      return false;
    }
    scala.collection.Iterator<Expression> children = e.children().iterator();
    while (children.hasNext()) {
      if (!deterministic(children.next())) {
        return false;
      }
    }
    return true;
  }

  public static StructField require(StructType schema, String column, Origin origin, String key) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw origin.error(
        key,
        "unknown column '"
            + column
            + "' (columns at this point: "
            + Arrays.stream(schema.fieldNames())
                .filter(n -> !n.startsWith(TechniqueContext.HIDDEN_PREFIX))
                .collect(Collectors.joining(", "))
            + ")");
  }

  public static void requireAbsent(StructType schema, String column, Origin origin, String key) {
    for (String n : schema.fieldNames()) {
      if (n.equals(column)) {
        throw origin.error(key, "column '" + column + "' already exists");
      }
    }
  }

  public static StructField requireNumeric(
      StructType schema, String column, Origin origin, String key) {
    StructField f = require(schema, column, origin, key);
    if (!(f.dataType() instanceof NumericType)) {
      throw origin.error(
          key, "column '" + column + "' must be numeric, but is " + f.dataType().simpleString());
    }
    return f;
  }

  public static StructField requireTemporal(
      StructType schema, String column, Origin origin, String key) {
    StructField f = require(schema, column, origin, key);
    if (!(f.dataType() instanceof DateType || f.dataType() instanceof TimestampType)) {
      throw origin.error(
          key,
          "column '"
              + column
              + "' must be a date or timestamp, but is "
              + f.dataType().simpleString());
    }
    return f;
  }

  public static StructField requireString(
      StructType schema, String column, Origin origin, String key) {
    StructField f = require(schema, column, origin, key);
    if (!f.dataType().equals(DataTypes.StringType)) {
      throw origin.error(
          key, "column '" + column + "' must be a string, but is " + f.dataType().simpleString());
    }
    return f;
  }

  public static boolean isIntegral(DataType t) {
    return t.equals(DataTypes.IntegerType)
        || t.equals(DataTypes.LongType)
        || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.ByteType)
        || (t instanceof DecimalType d && d.scale() == 0);
  }

  public static StructType replace(StructType schema, String column, DataType type) {
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(column)) {
        fields[i] = new StructField(column, type, true, fields[i].metadata());
        return new StructType(fields);
      }
    }
    return schema.add(column, type, true);
  }

  public static StructType drop(StructType schema, String column) {
    return new StructType(
        Arrays.stream(schema.fields())
            .filter(f -> !f.name().equals(column))
            .toArray(StructField[]::new));
  }
}
