package io.appianon.privacy;

import io.appianon.hierarchy.Hierarchy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-identification risk from equivalence class sizes: before anonymization (the frequency table at
 * level 0) and after (the chosen node, suppressed classes removed). See {@link RiskReport} for the
 * measures. A population table (the same quasi-identifiers over the population the sample was drawn
 * from) enables the journalist and marketer risks; without one, journalist risk is reported as
 * prosecutor risk (an upper bound, as population classes are at least as large as sample classes)
 * and marketer risk as classes / records.
 */
public final class RiskMetrics {
  /** Default threshold: records in classes smaller than 5 (risk above 0.2) are "at risk". */
  public static final double DEFAULT_THRESHOLD = 0.2;

  private RiskMetrics() {}

  /** Risk from sample class sizes alone. */
  public static RiskReport of(long[] classSizes, double threshold) {
    return compute(classSizes, null, threshold);
  }

  /** Risk from sample class sizes and the population size of each class (same order). */
  public static RiskReport of(long[] classSizes, long[] populationSizes, double threshold) {
    Objects.requireNonNull(populationSizes, "populationSizes");
    if (populationSizes.length != classSizes.length) {
      throw new IllegalArgumentException(
          "Invalid population sizes: "
              + populationSizes.length
              + " for "
              + classSizes.length
              + " classes");
    }
    return compute(classSizes, populationSizes, threshold);
  }

  private static RiskReport compute(long[] sizes, long[] population, double threshold) {
    if (!(threshold > 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException(
          "Invalid risk threshold: " + threshold + " (must be in (0, 1])");
    }
    long records = 0;
    long classes = 0;
    long min = Long.MAX_VALUE;
    long minPop = Long.MAX_VALUE;
    long atRisk = 0;
    long uniques = 0;
    double marketerSum = 0.0;
    for (int i = 0; i < sizes.length; i++) {
      long f = sizes[i];
      if (f <= 0) {
        continue;
      }
      records += f;
      classes++;
      min = Math.min(min, f);
      if (1.0 / f > threshold) {
        atRisk += f;
      }
      if (f == 1) {
        uniques++;
      }
      if (population != null) {
        long pop = Math.max(population[i], f);
        minPop = Math.min(minPop, pop);
        marketerSum += (double) f / pop;
      }
    }
    if (records == 0) {
      return new RiskReport(0, 0, 0.0, 0.0, threshold, 0.0, 0.0, 0.0, 0.0, population != null);
    }
    double prosecutorMax = 1.0 / min;
    double prosecutorAverage = (double) classes / records;
    double journalist = population == null ? prosecutorMax : 1.0 / minPop;
    double marketer = population == null ? prosecutorAverage : marketerSum / records;
    return new RiskReport(
        records,
        classes,
        prosecutorMax,
        prosecutorAverage,
        threshold,
        (double) atRisk / records,
        (double) uniques / records,
        journalist,
        marketer,
        population != null);
  }

  /** Risk of the original data: the frequency table's rows are the classes. */
  public static RiskReport before(
      FrequencyTable table, double threshold, Optional<FrequencyTable> population) {
    int q = table.qiCount();
    int[] levels = new int[q];
    long[] sizes = new long[table.size()];
    String[][] labels = new String[table.size()][q];
    for (int r = 0; r < table.size(); r++) {
      sizes[r] = table.count(r);
      for (int a = 0; a < q; a++) {
        labels[r][a] = table.value(r, a);
      }
    }
    return withPopulation(table, sizes, labels, levels, threshold, population);
  }

  /** Risk of a release: the kept classes of a node. */
  static RiskReport after(
      FrequencyTable table,
      ClassSnapshot snapshot,
      double threshold,
      Optional<FrequencyTable> population) {
    List<Long> sizes = new ArrayList<>();
    List<String[]> labels = new ArrayList<>();
    for (int c = 0; c < snapshot.size(); c++) {
      if (!snapshot.failed()[c]) {
        sizes.add(snapshot.counts()[c]);
        labels.add(snapshot.labels()[c]);
      }
    }
    return withPopulation(
        table,
        sizes.stream().mapToLong(Long::longValue).toArray(),
        labels.toArray(new String[0][]),
        snapshot.levels(),
        threshold,
        population);
  }

  private static RiskReport withPopulation(
      FrequencyTable table,
      long[] sizes,
      String[][] labels,
      int[] levels,
      double threshold,
      Optional<FrequencyTable> population) {
    if (population.isEmpty()) {
      return of(sizes, threshold);
    }
    FrequencyTable pop = population.get();
    List<String> cols = table.qis().stream().map(QuasiIdentifier::column).toList();
    List<String> popCols = pop.qis().stream().map(QuasiIdentifier::column).toList();
    if (!cols.equals(popCols)) {
      throw new IllegalArgumentException(
          "Population table has quasi-identifiers " + popCols + ", expected " + cols);
    }
    Map<List<String>, Long> popClasses = new HashMap<>();
    int q = table.qiCount();
    for (int r = 0; r < pop.size(); r++) {
      String[] key = new String[q];
      for (int a = 0; a < q; a++) {
        Hierarchy h = table.qis().get(a).hierarchy();
        key[a] = h.generalize(pop.value(r, a), levels[a]);
      }
      popClasses.merge(Arrays.asList(key), pop.count(r), Long::sum);
    }
    long[] popSizes = new long[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      popSizes[i] = popClasses.getOrDefault(Arrays.asList(labels[i]), 0L);
    }
    return of(sizes, popSizes, threshold);
  }
}
