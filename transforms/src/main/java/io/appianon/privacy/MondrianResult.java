package io.appianon.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of {@link Mondrian}: the locally recoded dataset and its loss metrics, comparable
 * with a full-domain {@link SearchResult} (loss, discernibility and average class size are defined
 * the same way; a numeric range's loss is its width over the attribute's range).
 *
 * @param output every input column, QIs replaced by their partition's range ({@code 30-39}) or
 *     hierarchy label
 * @param inputRecords records in the input
 * @param suppressedRecords records removed (all of them when there are fewer than k, none
 *     otherwise)
 * @param partitions equivalence classes (Mondrian partitions)
 * @param minPartitionSize the smallest partition: the k achieved
 * @param lossByAttribute Iyengar's loss per attribute, averaged over records
 * @param loss mean of {@code lossByAttribute}
 * @param discernibility sum of squared partition sizes (plus suppressed times records)
 * @param averageClassSize records / partitions / k
 * @param iterations splitting rounds run on Spark
 * @param elapsedMillis wall-clock time
 */
public record MondrianResult(
    Dataset<Row> output,
    long inputRecords,
    long suppressedRecords,
    int partitions,
    long minPartitionSize,
    Map<String, Double> lossByAttribute,
    double loss,
    long discernibility,
    double averageClassSize,
    int iterations,
    long elapsedMillis) {

  public MondrianResult {
    lossByAttribute = Collections.unmodifiableMap(new LinkedHashMap<>(lossByAttribute));
  }
}
