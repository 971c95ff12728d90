package io.appianon.pipeline;

import io.appianon.core.Lineage;
import io.appianon.report.PipelineReport;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The processed dataset, ready to write, and what the processing did. {@code processed} rows
 * entered the techniques; each is either published or suppressed (by reason), so {@code processed
 * == published + sum(suppressed)}. {@code readsInput}: the output is computed from the pipeline's
 * input, which must stay cached until it is written; {@code cleanup} frees the pipeline's own
 * cache, if it made one. {@code privacySuppressed}: the classes the dataset's own privacy models
 * suppressed, when they suppressed any: the release's person stage checks their persons again.
 */
public record PipelineResult(
    Dataset<Row> output,
    long processed,
    long published,
    Map<String, Long> suppressedByReason,
    PipelineReport report,
    Lineage lineage,
    boolean readsInput,
    Runnable cleanup,
    java.util.Optional<io.appianon.privacy.SuppressedClasses> privacySuppressed) {

  public long suppressed() {
    return suppressedByReason.values().stream().mapToLong(Long::longValue).sum();
  }
}
