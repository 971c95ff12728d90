package io.appianon.pipeline;

import io.appianon.core.Lineage;
import io.appianon.report.PipelineReport;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The processed dataset, ready to write, and what the processing did. {@code processed} rows entered the techniques;
 * each is either published or suppressed (by reason), so {@code processed == published + sum(suppressed)}.
 * {@code readsInput}: the output is computed from the pipeline's input, which must stay cached until it is written;
 * {@code cleanup} frees the pipeline's own cache, if it made one. {@code privacySuppressed}: the rows the dataset's own
 * privacy models suppressed (quasi-identifiers generalized as published; lazy), when they suppressed any: what the
 * release's person stage checks again.
 */
public record PipelineResult(Dataset<Row> output, long processed, long published,
    Map<String, Long> suppressedByReason, PipelineReport report, Lineage lineage, boolean readsInput,
    Runnable cleanup, java.util.Optional<Dataset<Row>> privacySuppressed) {

  public long suppressed() {
    return suppressedByReason.values().stream().mapToLong(Long::longValue).sum();
  }
}
