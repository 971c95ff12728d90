package io.appianon.report;

import io.appianon.privacy.MondrianResult;
import java.util.Map;

/**
 * {@code mondrian}: local recoding on the same records, for comparison only ({@link
 * MondrianResult}).
 */
public record MondrianSection(
    long inputRecords,
    long suppressedRecords,
    int partitions,
    long minPartitionSize,
    double loss,
    Map<String, Double> lossByAttribute,
    long discernibility,
    double averageClassSizeOverK,
    int iterations,
    long elapsedMillis) {

  public static MondrianSection of(MondrianResult r) {
    return new MondrianSection(
        r.inputRecords(),
        r.suppressedRecords(),
        r.partitions(),
        r.minPartitionSize(),
        r.loss(),
        r.lossByAttribute(),
        r.discernibility(),
        r.averageClassSize(),
        r.iterations(),
        r.elapsedMillis());
  }
}
