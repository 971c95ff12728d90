package io.appianon.technique;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;

import java.math.BigDecimal;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * Brings a computed number (a mean, a noisy value) back to a column's type: rounded half up to a
 * multiple when the policy asks ({@code round = 100}, {@code round = 0.5}), to a whole number when
 * the column is integral, then cast.
 */
final class Rounding {
  private Rounding() {}

  static Column toType(Column value, DataType type, Optional<Double> multiple) {
    Column v = value;
    if (multiple.isPresent()) {
      double m = multiple.get();
      v = round(v.divide(lit(m))).multiply(lit(m));
      int scale = BigDecimal.valueOf(m).stripTrailingZeros().scale();
      if (scale > 0) {
        v = round(v, scale); // 0.1 * 23 is 2.3000000000000003 in binary floating point
      }
    } else if (Schemas.isIntegral(type)) {
      v = round(v);
    }
    return v.cast(type);
  }

  /**
   * 「整数に丸め」 / 「100単位に丸め」 (to be followed by た or 、) for the public description; empty without a
   * multiple.
   */
  static String describeJa(Optional<Double> multiple) {
    return multiple.map(m -> m == 1.0 ? "整数に丸め" : TopBottomCode.fmt(m) + "単位に丸め").orElse("");
  }

  /**
   * "rounded to whole numbers" / "rounded to multiples of 100"; empty without a configured
   * multiple.
   */
  static String describeEn(Optional<Double> multiple) {
    return multiple
        .map(
            m ->
                m == 1.0
                    ? "rounded to whole numbers"
                    : "rounded to multiples of " + TopBottomCode.fmt(m))
        .orElse("");
  }
}
