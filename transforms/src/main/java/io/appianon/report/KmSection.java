package io.appianon.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code km}: the k^m-anonymity stage of a dataset. {@code level} for the generalize remedy; {@code
 * suppressedItems} and {@code suppressedRecords} for the suppress remedy (each absent otherwise).
 */
public record KmSection(
    String model,
    String remedy,
    long violatingItemsetsBefore,
    long violatingItemsetsAfter,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer level,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer suppressedItems,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long suppressedRecords) {
  /**
   * In words, for the job's log: the model, the violating itemsets before and after, the remedy.
   */
  public String summary() {
    StringBuilder s =
        new StringBuilder()
            .append(violatingItemsetsBefore)
            .append(" violating itemsets before, ")
            .append(violatingItemsetsAfter)
            .append(" after; remedy ")
            .append(remedy);
    if (level != null) {
      s.append(" at level ").append(level);
    }
    if (suppressedItems != null) {
      s.append(", ").append(suppressedItems).append(" items suppressed");
    }
    if (suppressedRecords != null) {
      s.append(", ").append(suppressedRecords).append(" records suppressed");
    }
    return s.append(" (").append(model).append(')').toString();
  }
}
