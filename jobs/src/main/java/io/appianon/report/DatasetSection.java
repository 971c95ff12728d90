package io.appianon.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code dataset}: one dataset of report.json, its rows reconciled, its columns by kind of
 * processing ({@code columns} is keyed by kind, {@link io.appianon.core.Processing#key()}), then
 * what its pipeline wrote.
 */
public record DatasetSection(
    Rows rows,
    Map<String, List<String>> columns,
    List<TechniqueMetric> techniques,
    PrivacySection privacy,
    double elapsedSeconds) {

  /**
   * {@code rows}: input = published + suppressed + quarantined; {@code sourceLines} when lines were
   * counted.
   */
  public record Rows(
      long input,
      long published,
      long suppressed,
      long quarantined,
      boolean reconciled,
      @JsonInclude(JsonInclude.Include.NON_NULL) SourceLines sourceLines,
      Map<String, Long> suppressedByReason,
      Map<String, Long> quarantinedByReason) {}

  /**
   * {@code rows.source_lines}: the source lines of a multi-line CSV input: every physical line but
   * the header and blank lines is in one record ({@code io.appianon.io.MultiLineCsv}), so {@code
   * input = published_or_suppressed + quarantined} holds in lines as it does in rows (the valid
   * rows' lines are published or suppressed with them).
   */
  public record SourceLines(
      long input, long publishedOrSuppressed, long quarantined, boolean reconciled, String note) {

    public static SourceLines of(long lines, long quarantinedLines) {
      return new SourceLines(
          lines,
          lines - quarantinedLines,
          quarantinedLines,
          true,
          "physical lines of the source in records (header and blank lines excluded)");
    }
  }
}
