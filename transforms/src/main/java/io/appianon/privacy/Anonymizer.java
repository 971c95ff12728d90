package io.appianon.privacy;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Full-domain generalization with suppression, the entry point the pipeline calls: one Spark
 * aggregation builds the {@link FrequencyTable}, {@link LatticeSearch} finds the optimal levels on
 * the driver (or the levels are given), and the output is derived on Spark: each QI column
 * generalized with {@link io.appianon.hierarchy.Hierarchy#generalize(Column, int)} (a map lookup,
 * no UDF) and the failing classes removed by a broadcast left-anti join on the generalized values
 * (null-safe equality) against the small table of failing classes. Nothing but aggregates reaches
 * the driver.
 *
 * <p>The input is read twice (the aggregation, then the output): the caller should have it
 * persisted. Immutable; configure with {@link #withRiskThreshold} and {@link #withPopulation}.
 */
public final class Anonymizer {
  private final double riskThreshold;
  private final Optional<FrequencyTable> population;

  public Anonymizer() {
    this(RiskMetrics.DEFAULT_THRESHOLD, Optional.empty());
  }

  private Anonymizer(double riskThreshold, Optional<FrequencyTable> population) {
    if (!(riskThreshold > 0.0 && riskThreshold <= 1.0)) {
      throw new IllegalArgumentException(
          "Invalid risk threshold: " + riskThreshold + " (must be in (0, 1])");
    }
    this.riskThreshold = riskThreshold;
    this.population = population;
  }

  /** The prosecutor-risk threshold for the "records at risk" share (default 0.2). */
  public Anonymizer withRiskThreshold(double threshold) {
    return new Anonymizer(threshold, population);
  }

  /** A population frequency table over the same QIs, for journalist and marketer risk. */
  public Anonymizer withPopulation(FrequencyTable populationTable) {
    return new Anonymizer(
        riskThreshold, Optional.of(Objects.requireNonNull(populationTable, "populationTable")));
  }

  /**
   * Searches the optimal full-domain generalization and applies it.
   *
   * @throws PrivacyUnsatisfiableException when no generalization satisfies the models within the
   *     limit
   */
  public PrivacyResult apply(
      Dataset<Row> data,
      List<QuasiIdentifier> qis,
      Optional<String> sensitiveColumn,
      List<PrivacyModel> models,
      double maxSuppression,
      Objective objective) {
    return apply(data, qis, sensitiveColumn, models, maxSuppression, objective, List.of());
  }

  /**
   * As above, the search choosing no level above {@code maxLevels} (one per QI; negative: no cap).
   */
  public PrivacyResult apply(
      Dataset<Row> data,
      List<QuasiIdentifier> qis,
      Optional<String> sensitiveColumn,
      List<PrivacyModel> models,
      double maxSuppression,
      Objective objective,
      List<Integer> maxLevels) {
    return apply(
        data, qis, sensitiveColumn, models, maxSuppression, objective, maxLevels, List.of());
  }

  /**
   * As above, the objective weighing each QI by {@code weights} (one per QI, each > 0; empty: all
   * 1), the analyst's priorities (see {@link Objective}).
   */
  public PrivacyResult apply(
      Dataset<Row> data,
      List<QuasiIdentifier> qis,
      Optional<String> sensitiveColumn,
      List<PrivacyModel> models,
      double maxSuppression,
      Objective objective,
      List<Integer> maxLevels,
      List<Double> weights) {
    SearchConfig config = new SearchConfig(models, maxSuppression, objective, maxLevels, weights);
    FrequencyTable table = FrequencyTable.build(data, qis, sensitiveColumn);
    return apply(data, table, config, Optional.empty());
  }

  /**
   * Applies given levels (one per QI, in order) without searching; classes failing the models are
   * suppressed.
   *
   * @throws PrivacyUnsatisfiableException when that needs more suppression than the limit
   */
  public PrivacyResult applyFixed(
      Dataset<Row> data,
      List<QuasiIdentifier> qis,
      Optional<String> sensitiveColumn,
      List<PrivacyModel> models,
      double maxSuppression,
      Objective objective,
      List<Integer> levels) {
    return applyFixed(
        data, qis, sensitiveColumn, models, maxSuppression, objective, levels, List.of());
  }

  /** As above, the reported objective value weighing each QI by {@code weights} (empty: all 1). */
  public PrivacyResult applyFixed(
      Dataset<Row> data,
      List<QuasiIdentifier> qis,
      Optional<String> sensitiveColumn,
      List<PrivacyModel> models,
      double maxSuppression,
      Objective objective,
      List<Integer> levels,
      List<Double> weights) {
    SearchConfig config = new SearchConfig(models, maxSuppression, objective, List.of(), weights);
    Objects.requireNonNull(levels, "levels");
    if (levels.size() != qis.size()) {
      throw new IllegalArgumentException(
          "Invalid levels "
              + levels
              + ": "
              + levels.size()
              + " levels for "
              + qis.size()
              + " quasi-identifiers");
    }
    FrequencyTable table = FrequencyTable.build(data, qis, sensitiveColumn);
    return apply(data, table, config, Optional.of(levels));
  }

  /** Searches (or applies fixed levels) given an already built frequency table of {@code data}. */
  public PrivacyResult apply(
      Dataset<Row> data,
      FrequencyTable table,
      SearchConfig config,
      Optional<List<Integer>> fixedLevels) {
    LatticeSearch search =
        fixedLevels.isPresent()
            ? new LatticeSearch(table)
            : new LatticeSearch(table, config.maxLevelArray());
    SearchResult result =
        fixedLevels.isPresent()
            ? search.evaluate(fixedLevels.get(), config)
            : search.search(config);
    if (!result.feasible()) {
      throw new PrivacyUnsatisfiableException(
          config.describeModels(),
          config.maxSuppression(),
          result.suppressedShare(),
          "levels " + result.levelsByAttribute() + caps(table, config));
    }
    ClassSnapshot snapshot = search.snapshot(result.levels(), config);
    SuppressedClasses suppressed = new SuppressedClasses(table.qis(), snapshot);
    Dataset<Row> output = suppressed.remove(data);
    RiskReport before = RiskMetrics.before(table, riskThreshold, population);
    RiskReport after = RiskMetrics.after(table, snapshot, riskThreshold, population);
    LossMetrics lossBefore =
        search.informationLoss().metrics(Collections.nCopies(table.qiCount(), 0));
    // input values held by fewer records than the models' class size are pooled in the published
    // distributions
    long minCount =
        config.models().stream().mapToLong(PrivacyModel::minimumClassSize).max().orElse(1);
    UtilityReport utility = UtilityMetrics.of(table, snapshot, minCount);
    return new PrivacyResult(
        output,
        result,
        table.totalRecords(),
        result.suppressedRecords(),
        result.minClassSize(),
        before,
        after,
        lossBefore,
        result.loss(),
        utility,
        suppressed);
  }

  /**
   * The caps in words, for a refusal: an analyst asked for them, so say they are why k could not be
   * met.
   */
  private static String caps(FrequencyTable table, SearchConfig config) {
    List<String> out = new ArrayList<>();
    for (int a = 0; a < config.maxLevels().size(); a++) {
      int cap = config.maxLevels().get(a);
      QuasiIdentifier q = table.qis().get(a);
      if (cap >= 0 && cap < q.hierarchy().maxLevel()) {
        out.add(q.column() + " at most level " + cap);
      }
    }
    return out.isEmpty()
        ? ""
        : " (the best the policy's maximum levels allow: "
            + String.join(", ", out)
            + "; raise a max-level or max-suppression, or lower k)";
  }

  static Column column(String name) {
    return col(quote(name));
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
