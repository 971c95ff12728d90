package io.appianon.technique;

import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One processing technique of PPC Rule 34 / the GL's table of techniques, modelled on Spark ML's
 * Transformer: an immutable value holding its parsed parameters, a schema pass that rejects a bad
 * column or type before any data is read, and an apply step built from Spark's own operators.
 */
public interface Technique extends Serializable {

  /** The name used in policy files ({@code type = ...}). */
  String type();

  /** Where this technique was declared, for error messages. */
  Origin origin();

  /**
   * Checks the input schema and derives the output schema. Throws {@link
   * io.appianon.core.PolicyException} naming the policy file and key when a column is missing or
   * has the wrong type.
   */
  StructType transformSchema(StructType schema);

  /**
   * Records, in words the public can read, what this technique does to each column (for the
   * manifest).
   */
  void describe(Lineage lineage);

  /**
   * Applies the technique; metrics (cells changed, rows removed) are registered through {@code
   * ctx}.
   */
  Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx);

  /**
   * How {@link #apply} computes its output, which decides where the pipeline caches rows (see
   * {@link Evaluation}).
   */
  default Evaluation evaluation() {
    return Evaluation.GLOBAL;
  }

  /**
   * How a technique's output is computed. The pipeline applies the leading {@code ROW_LOCAL} and
   * {@code ROW_COSTLY} techniques while the rows are read and caches the result once; techniques
   * after them that are all {@code ROW_LOCAL} or {@code FITTED} are recomputed from that cache by
   * every later pass (they are cheap); any other kind after them makes the pipeline cache a second
   * time, after the last technique.
   */
  enum Evaluation {
    /**
     * Each output row is a cheap, deterministic expression of its input row alone; {@link #apply}
     * reads no data.
     */
    ROW_LOCAL,
    /**
     * As {@code ROW_LOCAL}, but costly per row (keyed hashes, free-text analysis): computed once,
     * before a cache.
     */
    ROW_COSTLY,
    /**
     * {@link #apply} reads its input once (a quantile) and returns a cheap, deterministic
     * expression of each row and what it read.
     */
    FITTED,
    /** Anything else: joins, windows, random numbers. */
    GLOBAL
  }
}
