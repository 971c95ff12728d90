package io.appianon.pipeline;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.appianon.core.Lineage;
import io.appianon.core.Processing;
import io.appianon.core.Text;
import io.appianon.policy.DatasetPolicy;
import io.appianon.policy.PrivacySpec;
import io.appianon.privacy.Anonymizer;
import io.appianon.privacy.KmAnonymity;
import io.appianon.privacy.KmResult;
import io.appianon.privacy.Mondrian;
import io.appianon.privacy.Objective;
import io.appianon.privacy.PrivacyModel;
import io.appianon.privacy.PrivacyResult;
import io.appianon.privacy.PrivacyUnsatisfiableException;
import io.appianon.privacy.QuasiIdentifier;
import io.appianon.privacy.SuppressedClasses;
import io.appianon.report.KmSection;
import io.appianon.report.PipelineReport;
import io.appianon.report.PrivacySection;
import io.appianon.report.TechniqueMetric;
import io.appianon.technique.Technique;
import io.appianon.technique.TechniqueContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs one dataset's policy on rows that passed validation: every technique in order, one counting
 * pass, record deletion, the privacy model, and a shuffle of record order. Only aggregates reach
 * the driver.
 */
public final class DatasetPipeline {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DatasetPipeline.class);
  public static final String REASON_PRIVACY = "privacy-model";
  public static final String REASON_KM = "km-anonymity";

  /** Rows of persons the release-level person stage suppressed ({@link ReleasePrivacy}). */
  public static final String REASON_PERSON = "person-model";

  /**
   * Rows removed because their item was rare for the person's class (the person-level stage's item
   * remedy).
   */
  public static final String REASON_RARE_ITEM = "rare-item";

  private static final String RANDOM = TechniqueContext.HIDDEN_PREFIX + "order";

  /**
   * Rows per sorted run of the record shuffle ({@link #shuffleRecords}): about 60 MB of purchase
   * rows.
   */
  static final long SHUFFLE_RUN_ROWS = 250_000;

  private final DatasetPolicy policy;
  private final Plan plan;

  /**
   * The rows the last {@link #finish} kept after the release stage's removals, cached for its
   * privacy models and its output (three passes that joined the removed items each time); released
   * by the next call or by the result's cleanup (the release stage checkpoints each round's output
   * before the next).
   */
  private Dataset<Row> afterRemovals;

  public DatasetPipeline(DatasetPolicy policy) {
    this.policy = policy;
    this.plan = Plan.of(policy);
  }

  public Plan plan() {
    return plan;
  }

  /** Runs the policy on rows that passed validation, caching them itself. */
  public PipelineResult run(Dataset<Row> valid, TechniqueContext ctx) {
    return runPrepared(prepare(valid, ctx, null, List.of()), ctx, false);
  }

  /**
   * The first part of {@link #run}, for a caller that reads, validates and caches rows in one pass:
   * selects the policy's input columns (less {@link Plan#unreadColumns}) and the caller's {@code
   * carried} columns, and applies the {@link Plan#cachedSteps} leading row-wise techniques. Where
   * {@code rejectColumn} (may be null) is set, on rows that failed validation and go to quarantine,
   * every input column is null first: no technique sees a value that failed validation. The caller
   * caches the result and passes its valid rows, without the carried columns, to {@link
   * #runPrepared}.
   */
  public Dataset<Row> prepare(
      Dataset<Row> rows, TechniqueContext ctx, String rejectColumn, List<String> carried) {
    List<Column> cols = new ArrayList<>();
    for (String c : plan.inputSchema().fieldNames()) {
      if (!plan.unreadColumns().contains(c)) {
        cols.add(rejectColumn == null ? col(c) : when(col(rejectColumn).isNull(), col(c)).as(c));
      }
    }
    carried.forEach(c -> cols.add(col(c)));
    Dataset<Row> df = rows.select(cols.toArray(new Column[0]));
    for (Technique t : policy.techniques().subList(0, plan.cachedSteps())) {
      df = t.apply(df, ctx);
    }
    return df;
  }

  /**
   * The rest of {@link #run}, on the valid rows of {@link #prepare}'s output. When the caller has
   * {@code cached} them, the remaining techniques are recomputed from that cache by every pass
   * unless {@link Plan#cacheAgain}, and {@link PipelineResult#readsInput} tells the caller to keep
   * its cache until the output is written.
   */
  public PipelineResult runPrepared(Dataset<Row> prepared, TechniqueContext ctx, boolean cached) {
    return finish(
        process(prepared, ctx, cached),
        ctx,
        Optional.empty(),
        Optional.empty(),
        java.util.Set.of());
  }

  /**
   * What {@link #process} leaves for the privacy stage: the rows kept after the techniques, record
   * deletion and k^m ({@code keptRows} of them), the rows deleted so far by reason, the suppression
   * share left for the privacy models, and the reports so far. {@code cleanup} frees the pipeline's
   * own cache, if it made one.
   */
  public record Processed(
      Dataset<Row> kept,
      long processed,
      long keptRows,
      Map<String, Long> suppressed,
      double suppressionBudget,
      List<TechniqueMetric> techniqueReport,
      KmSection kmReport,
      boolean readsInput,
      Runnable cleanup) {

    /**
     * The same, with other kept rows (e.g. item columns generalized by the release's person-level
     * stage).
     */
    public Processed withKept(Dataset<Row> rows) {
      return new Processed(
          rows,
          processed,
          keptRows,
          suppressed,
          suppressionBudget,
          techniqueReport,
          kmReport,
          readsInput,
          cleanup);
    }
  }

  /**
   * The first part of {@link #runPrepared}: the techniques after the cache, one counting pass,
   * record deletion and k^m-anonymity. The privacy models run in {@link #finish}, after the
   * release-level person stage (if any) has seen every dataset's kept rows.
   */
  public Processed process(Dataset<Row> prepared, TechniqueContext ctx, boolean cached) {
    long t0 = System.nanoTime();
    Dataset<Row> df = prepared;
    List<Technique> steps = policy.techniques();
    for (Technique t : steps.subList(plan.cachedSteps(), steps.size())) {
      df = t.apply(df, ctx);
    }
    df =
        Sentinel.apply(
            df, policy, plan, ctx); // published strings checked by the scrub detectors (issue 20)
    if (!TechniqueContext.hasColumn(df, TechniqueContext.DELETE_REASON)) {
      df = df.withColumn(TechniqueContext.DELETE_REASON, lit(null).cast("string"));
    }
    boolean ownCache = !cached || plan.cacheAgain();
    if (ownCache) {
      df = df.persist(StorageLevel.MEMORY_AND_DISK());
    }
    if (cached && plan.cachedSteps() < steps.size()) {
      int first = plan.cachedSteps() + 1;
      LOG.info(
          "[{}] {} of {} steps ran before the cache; {} {}",
          policy.name(),
          plan.cachedSteps(),
          steps.size(),
          first == steps.size() ? "step " + first : "steps " + first + "-" + steps.size(),
          ownCache
              ? "cached again (costly, random or global)"
              : "recomputed from the cache by each pass (row-wise or fitted)");
    }

    // One pass: rows per deletion reason, and every technique's counters.
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as("n"));
    for (TechniqueContext.MetricFlag f : ctx.flags()) {
      aggs.add(sum(when(col(f.hiddenColumn()), 1L).otherwise(0L)).as(f.hiddenColumn()));
    }
    List<Row> byReason =
        df.groupBy(col(TechniqueContext.DELETE_REASON))
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
            .collectAsList();
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
      // Technique counters cover the records that survive record deletion (before privacy
      // suppression).
      for (int i = 0; i < metricTotals.length; i++) {
        metricTotals[i] += r.getLong(2 + i);
      }
    }
    List<TechniqueMetric> techniqueReport = new ArrayList<>();
    for (int i = 0; i < metricTotals.length; i++) {
      TechniqueContext.MetricFlag f = ctx.flags().get(i);
      techniqueReport.add(
          new TechniqueMetric(f.technique(), f.column(), f.metric(), metricTotals[i]));
    }
    for (TechniqueContext.TechniqueMetric m : ctx.computedMetrics()) {
      techniqueReport.add(new TechniqueMetric(m.technique(), m.column(), m.metric(), m.value()));
    }
    Sentinel.check(policy, plan, techniqueReport);

    LOG.info(
        "[{}] techniques applied to {} rows, {} deleted by rule ({} s)",
        policy.name(),
        processed,
        suppressed.values().stream().mapToLong(Long::longValue).sum(),
        secs(t0));
    String[] outCols = plan.outputSchema().fieldNames();
    Dataset<Row> kept =
        df.where(col(TechniqueContext.DELETE_REASON).isNull()).select(outCols[0], restOf(outCols));
    long keptRows = processed - suppressed.values().stream().mapToLong(Long::longValue).sum();

    // no privacy block (pseudonymous kind): nothing may be suppressed for a model
    double suppressionBudget =
        policy.declaredPrivacy().map(PrivacySpec::maxSuppression).orElse(0.0);
    KmSection kmReport = null;
    if (policy.declaredPrivacy().flatMap(PrivacySpec::kmAnonymity).isPresent()) {
      long tk = System.nanoTime();
      KmOutcome km = applyKm(kept, keptRows);
      LOG.info("[{}] k^m-anonymity: {} ({} s)", policy.name(), km.report().summary(), secs(tk));
      kept = km.data();
      kmReport = km.report();
      if (km.removed() > 0) {
        suppressed.merge(REASON_KM, km.removed(), Long::sum);
        // records deleted for k^m count against the same limit as the k-anonymity stage's
        suppressionBudget =
            (suppressionBudget * keptRows - km.removed()) / (keptRows - km.removed());
        keptRows -= km.removed();
      }
    }
    final Dataset<Row> persisted = df;
    return new Processed(
        kept,
        processed,
        keptRows,
        Map.copyOf(suppressed),
        Math.max(0.0, suppressionBudget),
        List.copyOf(techniqueReport),
        kmReport,
        !ownCache,
        ownCache ? () -> persisted.unpersist(false) : () -> {});
  }

  /**
   * The levels the dataset's own privacy models would choose (the policy's fixed levels, or the
   * search's optimum) on {@code p}'s kept rows, without applying them: the floor of the
   * release-level person stage.
   */
  public Map<String, Integer> ownLevels(Processed p) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    if (!policy.hasPrivacy()) {
      return levels; // no quasi-identifiers of its own
    }
    PrivacySpec s = policy.privacy();
    if (s.levelsFixed()) {
      s.quasiIdentifiers().forEach(q -> levels.put(q.column(), q.level().orElseThrow()));
      return levels;
    }
    try {
      return search(p.kept(), s, p.suppressionBudget()).search().levelsByAttribute();
    } catch (PrivacyUnsatisfiableException e) {
      throw new PrivacyUnsatisfiableException(policy.file(), e);
    }
  }

  /**
   * The privacy models on {@code p}'s kept rows, less the rows of the persons in {@code drop} (a
   * dataset of one column {@code person}: the release-level stage's suppressed persons; {@code
   * personColumn} says which column holds them), at {@code levels} when given (one per
   * quasi-identifier; else the policy's or the search's), then the record shuffle. May be called
   * again on the same {@code p}.
   */
  public PipelineResult finish(
      Processed p,
      TechniqueContext ctx,
      Optional<PersonDrop> drop,
      Optional<Map<String, Integer>> levels,
      java.util.Set<String> releaseDecided) {
    return finish(p, ctx, drop, Optional.empty(), levels, releaseDecided);
  }

  /**
   * As above, first removing the rows of the rare items in {@code items} (the person-level stage's
   * item remedy).
   */
  public PipelineResult finish(
      Processed p,
      TechniqueContext ctx,
      Optional<PersonDrop> drop,
      Optional<ItemDrop> items,
      Optional<Map<String, Integer>> levels,
      java.util.Set<String> releaseDecided) {
    Map<String, Long> suppressed = new TreeMap<>(p.suppressed());
    Dataset<Row> kept = p.kept();
    long keptRows = p.keptRows();
    releaseRemovals();
    if (drop.isPresent()) {
      // the persons: at most the release's suppression budget, broadcast (no shuffle of the rows)
      Dataset<Row> persons = broadcast(drop.get().persons());
      Column match =
          kept.col("`" + drop.get().column().replace("`", "``") + "`")
              .equalTo(persons.col(drop.get().key()));
      kept = kept.join(persons, match, "left_anti");
      long left = items.isPresent() ? kept.count() : cacheRemovals(kept);
      kept = items.isPresent() ? kept : afterRemovals;
      if (left < keptRows) {
        suppressed.merge(REASON_PERSON, keptRows - left, Long::sum);
        keptRows = left;
      }
    }
    if (items.isPresent()) {
      ItemDrop d = items.get();
      Dataset<Row> keyed = kept.withColumn(ITEM_KEY, d.itemKey());
      Column match =
          keyed
              .col("`" + d.column().replace("`", "``") + "`")
              .equalTo(d.removed().col(d.personKey()))
              .and(keyed.col(ITEM_KEY).equalTo(d.removed().col(d.itemKeyColumn())));
      long left = cacheRemovals(keyed.join(d.removed(), match, "left_anti").drop(ITEM_KEY));
      kept = afterRemovals;
      if (left < keptRows) {
        suppressed.merge(REASON_RARE_ITEM, keptRows - left, Long::sum);
        keptRows = left;
      }
    }
    long t1 = System.nanoTime();
    PrivacyOutcome privacy =
        policy.hasPrivacy()
            ? applyPrivacy(kept, keptRows, p.suppressionBudget(), levels)
            : noModel(kept, keptRows);
    LOG.info(
        "[{}] privacy stage: levels {}, {} records suppressed ({} s)",
        policy.name(),
        privacy.levels(),
        privacy.suppressed(),
        secs(t1));
    PrivacySection privacyReport =
        p.kmReport() == null ? privacy.report() : privacy.report().withKmAnonymity(p.kmReport());
    if (privacy.suppressed() > 0) {
      suppressed.merge(REASON_PRIVACY, privacy.suppressed(), Long::sum);
    }
    Dataset<Row> out = privacy.data();
    if (policy.shuffleRecords()) {
      out = shuffleRecords(out, keptRows - privacy.suppressed(), ctx.seed(), SHUFFLE_RUN_ROWS);
    }
    // A lineage of its own per call: finish runs once per round of the release's person stage, and
    // the plan's lineage described by every round would repeat each clause (and no longer match the
    // announcement).
    Lineage lineage = Plan.of(policy).lineage();
    describePrivacy(policy, lineage, privacy.levels(), releaseDecided);

    PipelineReport report = new PipelineReport(p.techniqueReport(), privacyReport);
    Runnable cleanup =
        afterRemovals == null
            ? p.cleanup()
            : () -> {
              releaseRemovals();
              p.cleanup().run();
            };
    return new PipelineResult(
        out,
        p.processed(),
        keptRows - privacy.suppressed(),
        suppressed,
        report,
        lineage,
        p.readsInput(),
        cleanup,
        privacy.suppressedClasses());
  }

  /** Caches {@code rows} as {@link #afterRemovals}; returns their number. */
  private long cacheRemovals(Dataset<Row> rows) {
    afterRemovals = rows.persist(StorageLevel.MEMORY_AND_DISK());
    return afterRemovals.count();
  }

  private void releaseRemovals() {
    if (afterRemovals != null) {
      afterRemovals.unpersist(false);
      afterRemovals = null;
    }
  }

  /**
   * Persons to leave out of a dataset: the {@code key} column of {@code persons} matched to its
   * {@code column}.
   */
  public record PersonDrop(String column, Dataset<Row> persons, String key) {}

  /**
   * Items to leave out of a dataset: its rows whose person ({@code column}, matched to {@code
   * removed}'s {@code personKey}) and item (the expression {@code itemKey} over its columns,
   * matched to {@code itemKeyColumn}) are in {@code removed}.
   */
  public record ItemDrop(
      String column,
      Column itemKey,
      Dataset<Row> removed,
      String personKey,
      String itemKeyColumn) {}

  private static final String ITEM_KEY = "__item_key";

  /**
   * Puts {@code rows} (about {@code count} of them) in an order that reveals nothing of the input
   * order (e.g. registration order): each row gets a per-release random key, and the rows are
   * spread by it and sorted by it within each partition. Sorting by a random key reads the rows
   * back in random memory order, which is slow when a partition holds hundreds of MB: 16M purchase
   * rows in 8 partitions of 470 MB were written in 36 s with the sort and in 19 s without it. So
   * when each of the {@code spark.sql.shuffle.partitions} output files would hold more than {@code
   * runRows} rows, the rows are spread into smaller runs, each run is sorted, and the runs are
   * joined into that many files ({@code coalesce}: no second shuffle); the same write took 23 s
   * with runs of 250,000 rows. Which run a row falls in and its place in the run both come from its
   * random key alone, so the order is as random as one sort.
   */
  static Dataset<Row> shuffleRecords(Dataset<Row> rows, long count, long seed, long runRows) {
    int files = Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    Dataset<Row> keyed = rows.withColumn(RANDOM, rand(seed));
    long runs = (count + runRows - 1) / runRows;
    if (runs <= files) {
      return keyed.repartition(col(RANDOM)).sortWithinPartitions(col(RANDOM)).drop(RANDOM);
    }
    int spread = (int) Math.min(Integer.MAX_VALUE / 2, (runs + files - 1) / files * files);
    return keyed
        .repartition(spread, col(RANDOM))
        .sortWithinPartitions(col(RANDOM))
        .drop(RANDOM)
        .coalesce(files);
  }

  /** What the privacy stage produced. */
  record PrivacyOutcome(
      Dataset<Row> data,
      long suppressed,
      Map<String, Integer> levels,
      PrivacySection report,
      Optional<SuppressedClasses> suppressedClasses) {}

  /** What the k^m-anonymity stage produced: the data, the records it deleted, and its report. */
  record KmOutcome(Dataset<Row> data, long removed, KmSection report) {}

  /**
   * k^m-anonymity of the items each person has ({@link KmAnonymity}): the item column is
   * generalized along its hierarchy to the lowest level with no violation, or the records of a
   * greedy minimal set of items are deleted. Runs before the k-anonymity stage, so the records it
   * deletes cannot break k-anonymity afterwards.
   */
  private KmOutcome applyKm(Dataset<Row> kept, long keptRows) {
    PrivacySpec.KmAnonymity s = policy.privacy().kmAnonymity().orElseThrow();
    KmAnonymity km = new KmAnonymity(s.k(), s.m());
    String model =
        "k^m-anonymity (k=" + s.k() + ", m=" + s.m() + ") of " + s.item() + " per " + s.person();
    KmResult r =
        s.remedy().equals("generalize")
            ? km.generalize(kept, s.person(), s.item(), s.hierarchy().orElseThrow())
            : km.suppress(kept, s.person(), s.item());
    if (r.level() < 0 || r.violationsAfter() > 0) {
      throw new PrivacyUnsatisfiableException(
          policy.file(),
          new PrivacyUnsatisfiableException(
              model,
              policy.privacy().maxSuppression(),
              1.0,
              r.level() < 0
                  ? "every level of hierarchy '" + s.hierarchy().map(h -> h.name()).orElse("") + "'"
                  : r.violationsAfter() + " itemsets still violate"));
    }
    long removed = 0;
    if (!r.suppressedItems().isEmpty()) {
      removed =
          kept.where(col(s.item()).cast("string").isin(r.suppressedItems().toArray())).count();
      double share = keptRows == 0 ? 0.0 : (double) removed / keptRows;
      if (share > policy.privacy().maxSuppression()) {
        throw new PrivacyUnsatisfiableException(
            policy.file(),
            new PrivacyUnsatisfiableException(
                model,
                policy.privacy().maxSuppression(),
                share,
                "suppressing " + r.suppressedItems().size() + " items"));
      }
    }
    boolean generalized = s.remedy().equals("generalize");
    KmSection report =
        new KmSection(
            model,
            s.remedy(),
            r.violationsBefore(),
            r.violationsAfter(),
            generalized ? r.level() : null,
            generalized ? null : r.suppressedItems().size(),
            generalized ? null : removed);
    return new KmOutcome(r.output(), removed, report);
  }

  /**
   * A dataset whose policy declares no privacy block (the pseudonymous kind only): its rows leave
   * as the techniques made them, nothing is suppressed for a model, and the report says plainly
   * that no model was applied.
   */
  private static PrivacyOutcome noModel(Dataset<Row> kept, long keptRows) {
    return new PrivacyOutcome(kept, 0, Map.of(), PrivacySection.none(keptRows), Optional.empty());
  }

  private PrivacyOutcome applyPrivacy(
      Dataset<Row> kept,
      long keptRows,
      double maxSuppression,
      Optional<Map<String, Integer>> given) {
    PrivacySpec p = policy.privacy();
    List<QuasiIdentifier> qis = qis(p);
    Objective objective = Objective.parse(p.objective());
    PrivacyResult r;
    boolean fixed = p.levelsFixed() || given.isPresent();
    try {
      if (fixed) {
        List<Integer> levels =
            p.quasiIdentifiers().stream()
                .map(q -> given.isPresent() ? given.get().get(q.column()) : q.level().orElseThrow())
                .toList();
        r =
            new Anonymizer()
                .applyFixed(
                    kept,
                    qis,
                    p.sensitiveColumn(),
                    p.classModels(),
                    maxSuppression,
                    objective,
                    levels,
                    p.weights());
      } else {
        r = search(kept, p, maxSuppression);
      }
    } catch (PrivacyUnsatisfiableException e) {
      throw new PrivacyUnsatisfiableException(policy.file(), e);
    }
    if (r.inputRecords() != keptRows) {
      throw new IllegalStateException(
          "privacy stage saw " + r.inputRecords() + " records, expected " + keptRows);
    }
    Map<String, Integer> levels = r.search().levelsByAttribute();
    PrivacySection report =
        PrivacySection.of(
            p.classModels().stream().map(PrivacyModel::describe).toList(),
            p.k(),
            p.maxSuppression(),
            levels,
            given.isPresent()
                ? "release person-level stage (at least the dataset's own)"
                : p.levelsFixed() ? "policy" : "search (objective " + p.objective() + ")",
            r);
    if (p.compareLocalRecoding()) {
      // Mondrian multidimensional local recoding on the same records, for comparison only (not
      // published).
      report = report.withLocalRecodingComparison(new Mondrian(p.k()).apply(kept, qis));
    }
    return new PrivacyOutcome(
        r.output(),
        r.suppressedRecords(),
        levels,
        report,
        r.suppressedRecords() > 0 ? Optional.of(r.suppressedClasses()) : Optional.empty());
  }

  /**
   * The policy's search: its models and objective (with its weights), within the suppression share,
   * no level above its max-levels.
   */
  private static PrivacyResult search(Dataset<Row> kept, PrivacySpec p, double maxSuppression) {
    return new Anonymizer()
        .apply(
            kept,
            qis(p),
            p.sensitiveColumn(),
            p.classModels(),
            maxSuppression,
            Objective.parse(p.objective()),
            p.quasiIdentifiers().stream().map(PrivacySpec.QuasiIdentifier::cap).toList(),
            p.weights());
  }

  private static List<QuasiIdentifier> qis(PrivacySpec p) {
    List<QuasiIdentifier> qis = new ArrayList<>();
    for (PrivacySpec.QuasiIdentifier q : p.quasiIdentifiers()) {
      qis.add(QuasiIdentifier.of(q.column(), q.hierarchy()));
    }
    return qis;
  }

  /**
   * The lineage a run of {@code policy} will report, known before any data is read (the
   * quasi-identifiers' levels are fixed in the policy): what the public announcement of a release
   * declares in advance.
   */
  public static Lineage plannedLineage(DatasetPolicy policy) {
    return plannedLineage(policy, java.util.Set.of());
  }

  /**
   * As {@link #plannedLineage(DatasetPolicy)}, where the levels of {@code releaseDecided}
   * quasi-identifiers are decided per release by the release's person-level stage (so described by
   * their ladder, like searched ones).
   */
  public static Lineage plannedLineage(DatasetPolicy policy, java.util.Set<String> releaseDecided) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (PrivacySpec.QuasiIdentifier q : policy.quasiIdentifiers()) {
      levels.put(q.column(), q.level().orElse(-1));
    }
    Lineage lineage = Plan.of(policy).lineage();
    describePrivacy(policy, lineage, levels, releaseDecided);
    return lineage;
  }

  private static void describePrivacy(
      DatasetPolicy policy,
      Lineage lineage,
      Map<String, Integer> levels,
      java.util.Set<String> releaseDecided) {
    if (!policy.hasPrivacy()) {
      describeShuffle(policy, lineage); // no model: nothing generalized or deleted for one
      return;
    }
    PrivacySpec p = policy.privacy();
    for (PrivacySpec.QuasiIdentifier q : p.quasiIdentifiers()) {
      if ((!p.levelsFixed() || releaseDecided.contains(q.column())) && lineage.has(q.column())) {
        // Searched levels differ between releases; the public wording must not, so it names the
        // ladder instead.
        lineage.process(
            q.column(),
            Processing.GENERALIZED,
            Text.of(
                "k-匿名化に必要な粒度まで階層（" + ladder(q) + "）に沿って一般化",
                "generalized along the hierarchy ("
                    + ladder(q)
                    + ") as far as k-anonymity requires"));
        continue;
      }
      int level = levels.get(q.column());
      if (level > 0 && lineage.has(q.column())) {
        String example =
            q.hierarchy().labels(level).stream().limit(3).reduce((a, b) -> a + "、" + b).orElse("");
        lineage.process(
            q.column(),
            Processing.GENERALIZED,
            level == q.hierarchy().maxLevel()
                ? Text.of("全て「*」に一般化", "generalized to '*' (all values)")
                : Text.of(
                    "「" + example + "」などの区分に一般化", "generalized to groups such as " + example));
      }
    }
    p.models().forEach(m -> m.describe(lineage)); // what each declared model does (k^m-anonymity)
    lineage.records(
        Text.of(
            "準識別子（"
                + String.join("、", p.columns())
                + "）の組合せが同じレコードが"
                + p.k()
                + "件未満となるレコードは削除（k-匿名化）",
            "records whose combination of "
                + String.join(", ", p.columns())
                + " is shared by fewer than "
                + p.k()
                + " records were deleted (k-anonymity)"));
    describeShuffle(policy, lineage);
  }

  private static void describeShuffle(DatasetPolicy policy, Lineage lineage) {
    if (policy.shuffleRecords()) {
      lineage.records(Text.of("レコードの並び順を無作為に入れ替え", "record order randomly shuffled"));
    }
  }

  /** An example value and its generalizations, e.g. {@code 34 → 30-34 → 30-39 → *}. */
  private static String ladder(PrivacySpec.QuasiIdentifier q) {
    List<String> steps = new ArrayList<>();
    java.util.Iterator<String> values = q.hierarchy().values().iterator();
    String example = values.hasNext() ? values.next() : "…";
    for (int l = 0; l <= q.cap(); l++) { // never above the policy's max-level
      steps.add(q.hierarchy().isFlat() && l == 0 ? "値" : q.hierarchy().generalize(example, l));
    }
    return String.join(" → ", steps);
  }

  private static String secs(long t0) {
    return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
  }

  private static String[] restOf(String[] a) {
    String[] r = new String[a.length - 1];
    System.arraycopy(a, 1, r, 0, r.length);
    return r;
  }

  /** Lists the record-level protections for logs. */
  public static String describe(DatasetPolicy p) {
    if (!p.hasPrivacy()) {
      return "no privacy model (the policy declares no privacy block)";
    }
    PrivacySpec s = p.privacy();
    return "k=" + s.k() + " over " + s.columns() + ", max suppression " + s.maxSuppression();
  }
}
