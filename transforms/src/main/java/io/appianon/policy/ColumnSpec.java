package io.appianon.policy;

import java.io.Serializable;
import java.util.Optional;
import java.util.Set;

/**
 * One declared input column: its name, type and role; the category of personal information it belongs to (for the
 * public manifest); and the validation rules a row must pass to be processed rather than quarantined.
 */
public record ColumnSpec(String name, ColumnType type, ColumnRole role, Optional<Text> category, boolean required,
    Optional<Double> min, Optional<Double> max, Optional<String> pattern, Origin origin) implements Serializable {

  static final Set<String> KEYS = Set.of("name", "type", "role", "category", "required", "min", "max", "pattern");

  static ColumnSpec parse(Conf c) {
    c.allowOnly(KEYS);
    String name = c.string("name");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw c.error("name", "invalid column name '" + name + "' (letters, digits and _ only)");
    }
    ColumnType type = ColumnType.parse(c.string("type", "string"), c.origin().child("type"));
    ColumnRole role = ColumnRole.parse(c.string("role"), c.origin().child("role"));
    Optional<Double> min = c.optNumber("min");
    Optional<Double> max = c.optNumber("max");
    if ((min.isPresent() || max.isPresent()) && !type.isNumeric()) {
      throw c.error(min.isPresent() ? "min" : "max", "only numeric columns can have min/max, '" + name + "' is "
          + type.configName());
    }
    Optional<String> pattern = c.optString("pattern");
    pattern.ifPresent(p -> {
      try {
        java.util.regex.Pattern.compile(p);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw c.error("pattern", "invalid regular expression: " + e.getDescription());
      }
    });
    return new ColumnSpec(name, type, role, c.optText("category"), c.bool("required", false), min, max, pattern,
        c.origin());
  }
}
