package io.appianon.technique;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.try_element_at;

import io.appianon.hierarchy.Hierarchy;
import org.apache.spark.sql.Column;

/** Spark expressions over hierarchies used by several techniques. */
final class Hierarchies {
  private Hierarchies() {}

  /** The value itself if the hierarchy knows it, else null (a map-literal lookup). */
  static Column knownValue(Hierarchy h, Column value) {
    if (h.isFlat()) {
      return value;
    }
    String[] keys = h.values().toArray(new String[0]);
    return try_element_at(map_from_arrays(lit(keys), lit(keys)), value);
  }
}
