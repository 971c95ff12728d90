package io.appianon.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The one place report records become JSON: Jackson (on Spark's classpath, so not in the cluster
 * jar), record components written in snake_case ({@code kAchieved} → {@code k_achieved}), the
 * properties of a record and the entries of a map in alphabetical order, nulls written. {@code
 * io.appianon.release.Json} writes every JSON file of a release with this mapper.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  /**
   * For {@link #toMap}: the same names, but a record's keys in the order of its components and a
   * map's in its own (e.g. a distribution's bars), as report.html lists and draws them.
   */
  private static final ObjectMapper VIEW =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private ReportJson() {}

  /** The configured mapper (a copy may add e.g. indentation). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * A report record as the nested maps, lists, strings, numbers and booleans report.json holds (the
   * same keys and values; in the order of the record's components and the maps' own).
   */
  public static Map<String, Object> toMap(Object report) {
    return VIEW.convertValue(report, new TypeReference<Map<String, Object>>() {});
  }
}
