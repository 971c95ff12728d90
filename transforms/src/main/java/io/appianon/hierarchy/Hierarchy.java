package io.appianon.hierarchy;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * A generalization hierarchy: each original value and its ever coarser generalizations, level 0
 * being the value itself and the last level the root ({@code *}). Loaded from the CSV layout used
 * by ARX and the UCI Adult hierarchies (one row per value, {@code ;}-separated, no header).
 *
 * <p>A hierarchy is small (its domain is the distinct values of one attribute) and lives on the
 * driver; on Spark it becomes a map literal, so generalizing a column is a built-in lookup with no
 * UDF and no join. A value the hierarchy does not know generalizes to the root at every level above
 * 0 (the safe choice: the most general value says nothing). Null ("not applicable", e.g. no
 * delivery address) stays null below the root level.
 */
public final class Hierarchy implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ROOT = "*";

  private final String name;
  private final int height;
  private final Map<String, String[]> rows;

  private Hierarchy(String name, int height, Map<String, String[]> rows) {
    this.name = name;
    this.height = height;
    this.rows = rows;
  }

  /**
   * Builds a hierarchy from rows; every row must have the same number of levels and end with the
   * root.
   */
  public static Hierarchy of(String name, List<List<String>> rows) {
    Objects.requireNonNull(name, "name");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("Hierarchy '" + name + "' is empty");
    }
    int height = rows.get(0).size();
    if (height < 2) {
      throw new IllegalArgumentException(
          "Hierarchy '"
              + name
              + "' has "
              + height
              + " level(s) (need the value and at least the root)");
    }
    Map<String, String[]> map = new LinkedHashMap<>();
    int line = 0;
    for (List<String> row : rows) {
      line++;
      if (row.size() != height) {
        throw new IllegalArgumentException(
            "Hierarchy '"
                + name
                + "' row "
                + line
                + " has "
                + row.size()
                + " levels, expected "
                + height
                + " like the first row");
      }
      String[] levels = row.toArray(new String[0]);
      if (map.put(levels[0], levels) != null) {
        throw new IllegalArgumentException(
            "Hierarchy '" + name + "' row " + line + ": duplicate value '" + levels[0] + "'");
      }
    }
    return new Hierarchy(name, height, Collections.unmodifiableMap(map));
  }

  /**
   * A two-level hierarchy (value, then {@code *}) for a quasi-identifier with no hierarchy of its
   * own.
   */
  public static Hierarchy flat(String name) {
    return new Hierarchy(name, 2, null);
  }

  /** Reads the ARX / Adult CSV layout. */
  public static Hierarchy fromCsv(String name, Path file, char delimiter) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    Pattern split = Pattern.compile(Pattern.quote(String.valueOf(delimiter)));
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (String c : split.split(line, -1)) {
          cells.add(c.strip());
        }
        rows.add(cells);
      }
    }
    return of(name, rows);
  }

  public String name() {
    return name;
  }

  /** Number of levels, including level 0 (the value) and the root. */
  public int height() {
    return height;
  }

  /** The highest level, where every value is the root. */
  public int maxLevel() {
    return height - 1;
  }

  public boolean isFlat() {
    return rows == null;
  }

  public boolean contains(String value) {
    return rows == null || (value != null && rows.containsKey(value));
  }

  /**
   * The original values this hierarchy knows (empty for a flat hierarchy, which knows every value).
   */
  public Set<String> values() {
    return rows == null ? Set.of() : rows.keySet();
  }

  /** The distinct labels at a level, in first-seen order. */
  public List<String> labels(int level) {
    checkLevel(level);
    if (rows == null) {
      return level == 0 ? List.of() : List.of(ROOT);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String[] r : rows.values()) {
      out.add(r[level]);
    }
    return List.copyOf(out);
  }

  /** Generalizes one value (driver side, e.g. when rolling up a frequency table). */
  public String generalize(String value, int level) {
    checkLevel(level);
    if (level == 0) {
      return value;
    }
    if (level == maxLevel()) {
      return ROOT;
    }
    if (value == null) {
      return null;
    }
    if (rows == null) {
      return ROOT;
    }
    String[] r = rows.get(value);
    return r == null ? ROOT : r[level];
  }

  /**
   * Generalizes a Spark column of strings to a level with built-in functions (a map literal
   * lookup).
   */
  public Column generalize(Column value, int level) {
    checkLevel(level);
    if (level == 0) {
      return value;
    }
    if (level == maxLevel()) {
      return lit(ROOT);
    }
    if (rows == null) {
      return when(value.isNull(), lit(null).cast("string")).otherwise(lit(ROOT));
    }
    String[] keys = rows.keySet().toArray(new String[0]);
    String[] vals = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      vals[i] = rows.get(keys[i])[level];
    }
    Column mapped = try_element_at(map_from_arrays(lit(keys), lit(vals)), value);
    return when(value.isNull(), lit(null).cast("string"))
        .when(mapped.isNull(), lit(ROOT))
        .otherwise(mapped);
  }

  /**
   * A condition on the original values of a column that holds exactly for the values generalizing
   * to one of {@code labels} at {@code level} (a null label stands for the null value): a set
   * lookup, so rows can be filtered before anything is generalized. Empty when those values cannot
   * be listed: at the root level, in a flat hierarchy above level 0, or when the root is among the
   * labels (every value the hierarchy does not know generalizes to it).
   */
  public Optional<Column> generalizesTo(
      Column value, java.util.Collection<String> labels, int level) {
    checkLevel(level);
    Set<String> wanted = new java.util.HashSet<>(labels);
    if (level > 0 && (level == maxLevel() || rows == null || wanted.contains(ROOT))) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    if (level == 0) {
      wanted.stream().filter(Objects::nonNull).forEach(values::add);
    } else {
      rows.forEach(
          (v, r) -> {
            if (wanted.contains(r[level])) {
              values.add(v);
            }
          });
    }
    Column in = value.isin(values.toArray());
    return Optional.of(wanted.contains(null) ? in.or(value.isNull()) : in);
  }

  private void checkLevel(int level) {
    if (level < 0 || level >= height) {
      throw new IllegalArgumentException(
          "Invalid level "
              + level
              + " for hierarchy '"
              + name
              + "' (must be 0.."
              + maxLevel()
              + ")");
    }
  }

  @Override
  public String toString() {
    return "Hierarchy["
        + name
        + ", height="
        + height
        + (rows == null ? ", flat" : ", values=" + rows.size())
        + "]";
  }
}
