package io.appianon.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PrivacySpec;
import io.appianon.policy.Text;
import io.appianon.technique.Technique;
import io.appianon.technique.TechniqueContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs one dataset's policy on rows that passed validation: every technique in order, one counting pass, record
 * deletion, the privacy model, and a shuffle of record order. Only aggregates reach the driver.
 */
public final class DatasetPipeline {
  public static final String REASON_PRIVACY = "privacy-model";
  private static final String RANDOM = TechniqueContext.HIDDEN_PREFIX + "order";

  private final DatasetPolicy policy;
  private final Plan plan;

  public DatasetPipeline(DatasetPolicy policy) {
    this.policy = policy;
    this.plan = Plan.of(policy);
  }

  public Plan plan() {
    return plan;
  }

  public PipelineResult run(Dataset<Row> valid, TechniqueContext ctx) {
    Dataset<Row> df = valid.select(plan.inputSchema().fieldNames()[0], restOf(plan.inputSchema().fieldNames()));
    for (Technique t : policy.techniques()) {
      df = t.apply(df, ctx);
    }
    if (!TechniqueContext.hasColumn(df, TechniqueContext.DELETE_REASON)) {
      df = df.withColumn(TechniqueContext.DELETE_REASON, lit(null).cast("string"));
    }
    df = df.persist(StorageLevel.MEMORY_AND_DISK());

    // One pass: rows per deletion reason, and every technique's counters.
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as("n"));
    for (TechniqueContext.MetricFlag f : ctx.flags()) {
      aggs.add(sum(when(col(f.hiddenColumn()), 1L).otherwise(0L)).as(f.hiddenColumn()));
    }
    List<Row> byReason = df.groupBy(col(TechniqueContext.DELETE_REASON))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).collectAsList();
    long processed = 0;
    Map<String, Long> suppressed = new TreeMap<>();
    long[] metricTotals = new long[ctx.flags().size()];
    for (Row r : byReason) {
      long n = r.getLong(1);
      processed += n;
      if (!r.isNullAt(0)) {
        suppressed.merge(r.getString(0), n, Long::sum);
        continue;
      }
      // Technique counters cover the records that survive record deletion (before privacy suppression).
      for (int i = 0; i < metricTotals.length; i++) {
        metricTotals[i] += r.getLong(2 + i);
      }
    }
    List<Map<String, Object>> techniqueReport = new ArrayList<>();
    for (int i = 0; i < metricTotals.length; i++) {
      TechniqueContext.MetricFlag f = ctx.flags().get(i);
      techniqueReport.add(metric(f.technique(), f.column(), f.metric(), metricTotals[i]));
    }
    for (TechniqueContext.TechniqueMetric m : ctx.computedMetrics()) {
      techniqueReport.add(metric(m.technique(), m.column(), m.metric(), m.value()));
    }

    String[] outCols = plan.outputSchema().fieldNames();
    Dataset<Row> kept = df.where(col(TechniqueContext.DELETE_REASON).isNull())
        .select(outCols[0], restOf(outCols));
    long keptRows = processed - suppressed.values().stream().mapToLong(Long::longValue).sum();

    PrivacyOutcome privacy = applyPrivacy(kept, keptRows);
    if (privacy.suppressed() > 0) {
      suppressed.merge(REASON_PRIVACY, privacy.suppressed(), Long::sum);
    }
    Dataset<Row> out = privacy.data();
    if (policy.shuffleRecords()) {
      // Record order (e.g. registration order) must reveal nothing: spread rows by a per-release random key.
      out = out.withColumn(RANDOM, rand(ctx.seed()))
          .repartition(col(RANDOM))
          .sortWithinPartitions(col(RANDOM))
          .drop(RANDOM);
    }
    Lineage lineage = plan.lineage();
    describePrivacy(policy, lineage, privacy.levels());

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("techniques", techniqueReport);
    report.put("privacy", privacy.report());
    final Dataset<Row> persisted = df;
    return new PipelineResult(out, processed, keptRows - privacy.suppressed(), suppressed, report, lineage,
        () -> persisted.unpersist(false));
  }

  private static Map<String, Object> metric(String technique, String column, String metric, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", technique);
    m.put("column", column);
    m.put("metric", metric);
    m.put("value", value);
    return m;
  }

  /** What the privacy stage produced. */
  record PrivacyOutcome(Dataset<Row> data, long suppressed, Map<String, Integer> levels, Map<String, Object> report) {}

  private PrivacyOutcome applyPrivacy(Dataset<Row> kept, long keptRows) {
    PrivacySpec p = policy.privacy();
    if (!p.levelsFixed()) {
      throw p.origin().error("quasi-identifiers", "every quasi-identifier needs a level");
    }
    Map<String, Integer> levels = new LinkedHashMap<>();
    Dataset<Row> gen = kept;
    for (PrivacySpec.QuasiIdentifier q : p.quasiIdentifiers()) {
      int level = q.level().orElseThrow();
      levels.put(q.column(), level);
      gen = gen.withColumn(q.column(), q.hierarchy().generalize(col(q.column()).cast("string"), level));
    }
    return KAnonymityCheck.enforce(gen, keptRows, p, levels);
  }

  /**
   * The lineage a run of {@code policy} will report, known before any data is read (the quasi-identifiers' levels are
   * fixed in the policy): what the public announcement of a release declares in advance.
   */
  public static Lineage plannedLineage(DatasetPolicy policy) {
    PrivacySpec p = policy.privacy();
    if (!p.levelsFixed()) {
      throw p.origin().error("quasi-identifiers", "every quasi-identifier needs a level");
    }
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (PrivacySpec.QuasiIdentifier q : p.quasiIdentifiers()) {
      levels.put(q.column(), q.level().orElseThrow());
    }
    Lineage lineage = Plan.of(policy).lineage();
    describePrivacy(policy, lineage, levels);
    return lineage;
  }

  private static void describePrivacy(DatasetPolicy policy, Lineage lineage, Map<String, Integer> levels) {
    PrivacySpec p = policy.privacy();
    for (PrivacySpec.QuasiIdentifier q : p.quasiIdentifiers()) {
      int level = levels.get(q.column());
      if (level > 0 && lineage.has(q.column())) {
        String example = q.hierarchy().labels(level).stream().limit(3).reduce((a, b) -> a + "、" + b).orElse("");
        lineage.process(q.column(), "generalized", level == q.hierarchy().maxLevel()
            ? Text.of("全て「*」に一般化", "generalized to '*' (all values)")
            : Text.of("「" + example + "」などの区分に一般化", "generalized to groups such as " + example));
      }
    }
    lineage.records(Text.of(
        "準識別子（" + String.join("、", p.columns()) + "）の組合せが同じレコードが" + p.k()
            + "件未満となるレコードは削除（k-匿名化）",
        "records whose combination of " + String.join(", ", p.columns()) + " is shared by fewer than " + p.k()
            + " records were deleted (k-anonymity)"));
    if (policy.shuffleRecords()) {
      lineage.records(Text.of("レコードの並び順を無作為に入れ替え", "record order randomly shuffled"));
    }
  }

  private static String[] restOf(String[] a) {
    String[] r = new String[a.length - 1];
    System.arraycopy(a, 1, r, 0, r.length);
    return r;
  }

  /** Lists the record-level protections for logs. */
  public static String describe(DatasetPolicy p) {
    PrivacySpec s = p.privacy();
    return "k=" + s.k() + " over " + s.columns() + ", max suppression " + s.maxSuppression();
  }
}
