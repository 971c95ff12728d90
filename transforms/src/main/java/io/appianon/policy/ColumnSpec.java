package io.appianon.policy;

import io.appianon.core.ColumnRole;
import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.Text;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * One declared input column: its name, type and role; the category of personal information it
 * belongs to (for the public manifest); and the validation rules a row must pass to be processed
 * rather than quarantined. {@code min} and {@code max} bound a numeric column; {@code dateMin} and
 * {@code dateMax} a date or timestamp column (an ISO date, or {@code today}, the date of the run).
 * {@code unique}: a value may occur once; later occurrences are quarantined. {@code sentinel}: what
 * the free-text sentinel does when a published string value of this column holds an identifier
 * ({@code fail}, the default; {@code scrub}; {@code report}).
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    ColumnRole role,
    Optional<Text> category,
    boolean required,
    Optional<Double> min,
    Optional<Double> max,
    Optional<String> pattern,
    Origin origin,
    boolean unique,
    Optional<String> dateMin,
    Optional<String> dateMax,
    String sentinel)
    implements Serializable {

  static final Set<String> KEYS =
      Set.of(
          "name",
          "type",
          "role",
          "category",
          "required",
          "min",
          "max",
          "pattern",
          "unique",
          "sentinel");
  public static final Set<String> SENTINELS = Set.of("fail", "scrub", "report");

  /** The date bound meaning the date of the run. */
  public static final String TODAY = "today";

  static ColumnSpec parse(Conf c) {
    c.allowOnly(KEYS);
    String name = c.string("name");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw c.error("name", "invalid column name '" + name + "' (letters, digits and _ only)");
    }
    ColumnType type = ColumnType.parse(c.string("type", "string"), c.origin().child("type"));
    ColumnRole role = ColumnRole.parse(c.string("role"), c.origin().child("role"));
    Optional<Double> min = Optional.empty();
    Optional<Double> max = Optional.empty();
    Optional<String> dateMin = Optional.empty();
    Optional<String> dateMax = Optional.empty();
    if (type == ColumnType.DATE || type == ColumnType.TIMESTAMP) {
      dateMin = dateBound(c, "min");
      dateMax = dateBound(c, "max");
    } else if (c.has("min") || c.has("max")) {
      if (!type.isNumeric()) {
        throw c.error(
            c.has("min") ? "min" : "max",
            "only numeric, date and timestamp columns can have min/max, '"
                + name
                + "' is "
                + type.configName());
      }
      min = c.optNumber("min");
      max = c.optNumber("max");
    }
    Optional<String> pattern = c.optString("pattern");
    pattern.ifPresent(
        p -> {
          try {
            java.util.regex.Pattern.compile(p);
          } catch (java.util.regex.PatternSyntaxException e) {
            throw c.error("pattern", "invalid regular expression: " + e.getDescription());
          }
        });
    String sentinel = c.string("sentinel", "fail");
    if (!SENTINELS.contains(sentinel)) {
      throw c.error(
          "sentinel", "invalid value '" + sentinel + "' (expected fail, scrub or report)");
    }
    return new ColumnSpec(
        name,
        type,
        role,
        c.optText("category"),
        c.bool("required", false),
        min,
        max,
        pattern,
        c.origin(),
        c.bool("unique", false),
        dateMin,
        dateMax,
        sentinel);
  }

  /** A date column's bound: an ISO date (yyyy-MM-dd) or {@code today}. */
  private static Optional<String> dateBound(Conf c, String key) {
    if (!c.has(key)) {
      return Optional.empty();
    }
    String v = c.string(key).trim();
    if (v.equalsIgnoreCase(TODAY)) {
      return Optional.of(TODAY);
    }
    try {
      return Optional.of(LocalDate.parse(v).toString());
    } catch (DateTimeParseException e) {
      throw c.error(
          key, "invalid date '" + v + "' (expected an ISO date such as 1900-01-01, or today)");
    }
  }
}
