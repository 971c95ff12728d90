package io.appianon.policy;

import io.appianon.core.Origin;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The declared type of an input column; inputs are parsed to these types explicitly, never
 * inferred.
 */
public enum ColumnType {
  STRING("string", DataTypes.StringType),
  INT("int", DataTypes.IntegerType),
  LONG("long", DataTypes.LongType),
  DOUBLE("double", DataTypes.DoubleType),
  DECIMAL("decimal", DataTypes.createDecimalType(18, 2)),
  BOOLEAN("boolean", DataTypes.BooleanType),
  DATE("date", DataTypes.DateType),
  TIMESTAMP("timestamp", DataTypes.TimestampType);

  private final String configName;
  private final DataType sparkType;

  ColumnType(String configName, DataType sparkType) {
    this.configName = configName;
    this.sparkType = sparkType;
  }

  public String configName() {
    return configName;
  }

  public DataType sparkType() {
    return sparkType;
  }

  public boolean isNumeric() {
    return this == INT || this == LONG || this == DOUBLE || this == DECIMAL;
  }

  public static ColumnType parse(String s, Origin origin) {
    for (ColumnType t : values()) {
      if (t.configName.equalsIgnoreCase(s)) {
        return t;
      }
    }
    throw origin.error(
        "unknown type '"
            + s
            + "' (expected one of "
            + Arrays.stream(values()).map(ColumnType::configName).collect(Collectors.joining(", "))
            + ")");
  }
}
