package io.appianon.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code persons}: the release's person-level stage ({@code io.appianon.pipeline.ReleasePrivacy}):
 * its model and datasets, persons suppressed, the levels chosen (and their floors, the datasets'
 * own), the rare items removed (when that remedy is on), the stage in words, its search steps and
 * rounds, and the audit of the written files (added after the write). Levels are keyed {@code
 * dataset.column}.
 */
public record PersonsSection(
    String model,
    String domain,
    List<String> datasets,
    long persons,
    double maxSuppression,
    long suppressedPersons,
    double suppressedShare,
    Map<String, Integer> levels,
    Map<String, Integer> floorLevels,
    @JsonInclude(JsonInclude.Include.NON_NULL) RareItems rareItems,
    List<String> inWords,
    List<Map<String, Object>> searchSteps,
    List<Map<String, Object>> rounds,
    double elapsedSeconds,
    @JsonInclude(JsonInclude.Include.NON_NULL) AuditSection auditOfPublishedFiles) {

  /** The same with the audit of the written files. */
  public PersonsSection withAudit(AuditSection audit) {
    return new PersonsSection(
        model,
        domain,
        datasets,
        persons,
        maxSuppression,
        suppressedPersons,
        suppressedShare,
        levels,
        floorLevels,
        rareItems,
        inWords,
        searchSteps,
        rounds,
        elapsedSeconds,
        audit);
  }

  /**
   * {@code persons.rare_items}: the (person, item) pairs and rows removed as rare items from {@code
   * dataset}.
   */
  public record RareItems(
      String dataset,
      double maxItemSuppression,
      long removedPersonItems,
      long removedRows,
      long itemRows,
      double removedShare,
      int rounds) {}
}
