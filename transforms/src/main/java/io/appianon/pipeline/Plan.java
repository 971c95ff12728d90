package io.appianon.pipeline;

import io.appianon.core.Lineage;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.DryRun;
import io.appianon.technique.DeleteColumns;
import io.appianon.technique.Technique;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How the pipeline runs a policy: its {@link DryRun} (the schema pass, the lineage of every output
 * column and the APPI role rules, all without data), the sentinel's checks on the published
 * columns, and the columns no technique reads.
 *
 * <p>It also says where the rows are cached: {@code cachedSteps} leading techniques compute each
 * row on its own ({@link Technique.Evaluation#ROW_LOCAL} or {@code ROW_COSTLY}) and run while the
 * rows are read, before the one cache every later pass reads; the techniques after them are
 * recomputed from that cache by each pass, unless {@code cacheAgain} (one of them is costly, random
 * or global), when their output is cached too.
 */
public record Plan(
    StructType inputSchema,
    StructType outputSchema,
    Lineage lineage,
    List<String> unreadColumns,
    int cachedSteps,
    boolean cacheAgain) {

  public static Plan of(DatasetPolicy policy) {
    DryRun dry =
        DryRun.of(policy); // schema pass + APPI role rules: throws PolicyException naming the key
    StructType input = dry.inputSchema();
    StructType schema = dry.outputSchema();
    Lineage lineage = dry.lineage();
    Sentinel.describe(policy, schema, lineage);
    // Columns the leading delete steps remove are never read by any technique: a reader need not
    // keep them.
    List<String> unread = new ArrayList<>();
    for (Technique t : policy.techniques()) {
      if (!(t instanceof DeleteColumns d)) {
        break;
      }
      unread.addAll(d.columns());
    }
    // Where rows are cached (Technique.Evaluation): after the leading row-wise steps, and again
    // after the last step only if a later step would be costly or inconsistent to recompute from
    // that cache.
    List<Technique> steps = policy.techniques();
    int cached = 0;
    while (cached < steps.size()
        && switch (steps.get(cached).evaluation()) {
          case ROW_LOCAL, ROW_COSTLY -> true;
          default -> false;
        }) {
      cached++;
    }
    boolean again =
        steps.subList(cached, steps.size()).stream()
            .anyMatch(
                t ->
                    switch (t.evaluation()) {
                      case ROW_LOCAL, FITTED -> false;
                      default -> true;
                    });
    return new Plan(input, schema, lineage, List.copyOf(unread), cached, again);
  }

  /** The output columns in order, without hidden bookkeeping columns. */
  public List<String> outputColumns() {
    List<String> out = new ArrayList<>();
    for (StructField f : outputSchema.fields()) {
      out.add(f.name());
    }
    return out;
  }
}
