package io.appianon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A horizontal bar chart as numbers for the report template, which draws it as inline SVG: one row
 * per bar, the bar's length proportional to its value (the longest bar fills the plot). Values are
 * counts or shares.
 *
 * @param title what the chart shows (also the SVG's accessible name)
 * @param width the SVG's width in px
 * @param height the SVG's height in px
 * @param bars the rows, in the given order
 */
public record BarChart(String title, int width, int height, List<Bar> bars) {
  static final int ROW = 18;
  static final int LABEL = 150;
  static final int PLOT = 260;
  static final int VALUE = 70;

  /**
   * One bar: its label (cut to 22 characters), the whole label (shown on hover), its value as
   * written, and its geometry.
   *
   * @param kind a CSS class ({@code before}, {@code after}, {@code bad})
   */
  public record Bar(
      String label,
      String fullLabel,
      String value,
      int y,
      int textY,
      double length,
      int plotX,
      int valueX,
      String kind) {}

  public boolean empty() {
    return bars.isEmpty();
  }

  /** A chart of {@code values} (label to count), all bars of one kind. */
  public static BarChart of(String title, Map<String, ? extends Number> values, String kind) {
    double max = values.values().stream().mapToDouble(Number::doubleValue).max().orElse(0);
    List<Bar> bars = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
      double v = e.getValue().doubleValue();
      double length =
          max <= 0 ? 0 : Math.max(v > 0 ? 1 : 0, Math.round(v / max * PLOT * 10) / 10.0);
      int y = i * ROW;
      String label = e.getKey().length() > 22 ? e.getKey().substring(0, 21) + "…" : e.getKey();
      bars.add(
          new Bar(
              label,
              e.getKey(),
              format(e.getValue()),
              y + 3,
              y + 14,
              length,
              LABEL,
              LABEL + (int) length + 4,
              kind));
      i++;
    }
    return new BarChart(
        title, LABEL + PLOT + VALUE, Math.max(ROW, bars.size() * ROW + 4), List.copyOf(bars));
  }

  static String format(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? String.format(Locale.ROOT, "%,d", (long) d)
          : String.format(Locale.ROOT, "%.3f", d);
    }
    return String.format(Locale.ROOT, "%,d", n.longValue());
  }
}
