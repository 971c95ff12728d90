package io.appianon.technique.scrub;

import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark column functions that scrub personal data out of string columns.
 *
 * <p><b>Why a UDF.</b> Everything else in this library is built from Spark's native expressions,
 * but this cannot be: no built-in function validates a My Number or Luhn check digit, checks a
 * Japanese phone number against the numbering plan, or runs a morphological analyser (Kuromoji) to
 * find personal names and addresses; a regex-only expression would either miss validated codes or
 * delete every long number. The UDF is deterministic (same input, same output), so it is not marked
 * non-deterministic and Spark may still reorder or deduplicate it.
 *
 * <p><b>Executors.</b> The functions (lambdas of the serializable {@link UDF1}) capture a small
 * serializable {@code RecentResults} around a {@link TextScrubber} (configured kinds and action
 * only). The heavy parts are created lazily on the executor: Kuromoji's dictionaries on first use
 * per JVM and one tokenizer per task thread.
 *
 * <p><b>Repeated texts.</b> Each function remembers, per Spark task, the results of the last 10,000
 * texts of at most 200 characters it scrubbed ({@code RecentResults}), so a frequent answer such as
 * "特になし" is analysed once per task. The results are the same. In the benchmark's 16M survey (1.6M
 * answers, 960,000 of them not empty, 190,000 distinct) this halves the characters Kuromoji
 * analyses.
 *
 * <p>Prefer {@link #scrubWithFlag} when a "cells changed" metric is needed: it runs the analyser
 * once per value instead of twice ({@link #scrub} plus {@link #containsPii}).
 */
public final class ScrubFunctions {

  /** Field name of the scrubbed text in {@link #SCRUB_RESULT_TYPE}. */
  public static final String TEXT_FIELD = "text";

  /** Field name of the changed flag in {@link #SCRUB_RESULT_TYPE}. */
  public static final String CHANGED_FIELD = "changed";

  /** Type of {@link #scrubWithFlag}: {@code struct<text: string, changed: boolean>}. */
  public static final StructType SCRUB_RESULT_TYPE =
      new StructType()
          .add(TEXT_FIELD, DataTypes.StringType, true)
          .add(CHANGED_FIELD, DataTypes.BooleanType, false);

  private ScrubFunctions() {}

  /**
   * Scrubs {@code text}: every match of {@code kinds} is deleted or replaced by its tag. {@code
   * null} stays {@code null}.
   */
  public static Column scrub(Column text, Set<PiiKind> kinds, Action action) {
    RecentResults scrubber = new RecentResults(new TextScrubber(kinds, action));
    UserDefinedFunction f =
        functions
            .udf((UDF1<String, String>) v -> scrubber.scrubWithFlag(v).text(), DataTypes.StringType)
            .withName("scrub_pii");
    return f.apply(text);
  }

  /** Whether {@code text} contains any of {@code kinds}; {@code false} for {@code null}. */
  public static Column containsPii(Column text, Set<PiiKind> kinds) {
    RecentResults scrubber = new RecentResults(new TextScrubber(kinds, Action.DELETE_MATCH));
    UserDefinedFunction f =
        functions
            .udf(
                (UDF1<String, Boolean>) v -> scrubber.scrubWithFlag(v).changed(),
                DataTypes.BooleanType)
            .withName("contains_pii")
            .asNonNullable();
    return f.apply(text);
  }

  /**
   * Scrubs {@code text} and reports whether anything was found, in one pass: {@code struct<text:
   * string, changed: boolean>} ({@link #SCRUB_RESULT_TYPE}). For {@code null} input the struct is
   * {@code (null, false)}. Typical use:
   *
   * <pre>{@code
   * Column r = ScrubFunctions.scrubWithFlag(col("opinion"), kinds, Action.REPLACE_WITH_TAG);
   * df.withColumn("_s", r)
   *   .withColumn("opinion", col("_s.text"))
   *   .withColumn("opinion_changed", col("_s.changed"))
   *   .drop("_s");
   * }</pre>
   */
  public static Column scrubWithFlag(Column text, Set<PiiKind> kinds, Action action) {
    RecentResults scrubber = new RecentResults(new TextScrubber(kinds, action));
    UserDefinedFunction f =
        functions
            .udf(
                (UDF1<String, Row>)
                    v -> {
                      TextScrubber.Result r = scrubber.scrubWithFlag(v);
                      return RowFactory.create(r.text(), r.changed());
                    },
                SCRUB_RESULT_TYPE)
            .withName("scrub_pii_with_flag")
            .asNonNullable();
    return f.apply(text);
  }
}
