package io.appianon.privacy;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of {@link Anonymizer}: the output dataset (QIs generalized, failing classes removed;
 * lazy) and what the report needs about it.
 *
 * @param output the anonymized rows (all input columns; generalized QI columns are strings)
 * @param search the chosen generalization and its metrics
 * @param inputRecords records in the input
 * @param suppressedRecords records removed with their classes
 * @param kAchieved the smallest released class
 * @param riskBefore risk of the input over the QIs
 * @param riskAfter risk of the output
 * @param lossBefore loss metrics of the input (level 0, nothing suppressed)
 * @param lossAfter loss metrics of the output
 * @param utility distribution changes and class sizes of the output
 * @param suppressedClasses the classes removed (to find their rows)
 */
public record PrivacyResult(
    Dataset<Row> output,
    SearchResult search,
    long inputRecords,
    long suppressedRecords,
    long kAchieved,
    RiskReport riskBefore,
    RiskReport riskAfter,
    LossMetrics lossBefore,
    LossMetrics lossAfter,
    UtilityReport utility,
    SuppressedClasses suppressedClasses) {

  /** Records in the output. */
  public long outputRecords() {
    return inputRecords - suppressedRecords;
  }
}
