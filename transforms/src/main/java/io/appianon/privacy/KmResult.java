package io.appianon.privacy;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of {@link KmAnonymity#generalize} or {@link KmAnonymity#suppress}.
 *
 * @param level the hierarchy level items were generalized to (0 when suppressing)
 * @param suppressedItems the items removed from every basket (empty when generalizing)
 * @param violationsBefore itemsets of size at most m supported by fewer than k persons in the input
 * @param violationsAfter the same count in the output (0 when the result is k^m-anonymous)
 * @param output the (person, item) pairs after the change
 */
public record KmResult(
    int level,
    Set<String> suppressedItems,
    long violationsBefore,
    long violationsAfter,
    Dataset<Row> output) {

  public KmResult {
    suppressedItems = Collections.unmodifiableSet(new TreeSet<>(suppressedItems));
  }
}
