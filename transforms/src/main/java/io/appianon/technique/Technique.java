package io.appianon.technique;

import io.appianon.pipeline.Lineage;
import io.appianon.policy.Origin;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One processing technique of PPC Rule 34 / the GL's table of techniques, modelled on Spark ML's Transformer: an
 * immutable value holding its parsed parameters, a schema pass that rejects a bad column or type before any data is
 * read, and an apply step built from Spark's own operators.
 */
public interface Technique extends Serializable {

  /** The name used in policy files ({@code type = ...}). */
  String type();

  /** Where this technique was declared, for error messages. */
  Origin origin();

  /**
   * Checks the input schema and derives the output schema. Throws {@link io.appianon.policy.PolicyException} naming
   * the policy file and key when a column is missing or has the wrong type.
   */
  StructType transformSchema(StructType schema);

  /** Records, in words the public can read, what this technique does to each column (for the manifest). */
  void describe(Lineage lineage);

  /** Applies the technique; metrics (cells changed, rows removed) are registered through {@code ctx}. */
  Dataset<Row> apply(Dataset<Row> data, TechniqueContext ctx);
}
