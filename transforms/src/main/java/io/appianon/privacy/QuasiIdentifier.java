package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.io.Serializable;
import java.util.Objects;

/**
 * A quasi-identifier: a column, the hierarchy that generalizes it, and whether its values are
 * numbers (ordered, so that Iyengar's loss measures an interval width and Mondrian splits it at the
 * median rather than along the hierarchy).
 *
 * @param column the input column name
 * @param hierarchy its generalization hierarchy ({@link Hierarchy#flat(String)} for value-or-{@code
 *     *})
 * @param numeric true for an ordered numeric attribute (e.g. age)
 */
public record QuasiIdentifier(String column, Hierarchy hierarchy, boolean numeric)
    implements Serializable {

  public QuasiIdentifier {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(hierarchy, "hierarchy");
    if (column.isBlank()) {
      throw new IllegalArgumentException(
          "Invalid quasi-identifier column: '" + column + "' (must not be blank)");
    }
  }

  /** A categorical quasi-identifier. */
  public static QuasiIdentifier of(String column, Hierarchy hierarchy) {
    return new QuasiIdentifier(column, hierarchy, false);
  }

  /** A numeric (ordered) quasi-identifier. */
  public static QuasiIdentifier numeric(String column, Hierarchy hierarchy) {
    return new QuasiIdentifier(column, hierarchy, true);
  }
}
