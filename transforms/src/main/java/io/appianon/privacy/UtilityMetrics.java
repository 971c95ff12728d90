package io.appianon.privacy;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Utility metrics of a release, computed from aggregated histograms (the frequency table and the
 * released classes), never from raw columns: per attribute a chi-square homogeneity test
 * (categorical, commons-math {@link ChiSquareTest}) or a Kolmogorov-Smirnov test (numeric, D
 * computed exactly on the two weighted histograms, p-value from {@link
 * KolmogorovSmirnovTest#approximateP}), a total variation distance, the class size distribution and
 * the suppressed share.
 *
 * <p>A released (generalized) value is compared with the input by spreading its count uniformly
 * over the input values it covers, which is what an analyst without the original data would assume.
 */
public final class UtilityMetrics {
  private static final String[] BUCKETS = {"1", "2-4", "5-9", "10-19", "20-49", "50-99", "100+"};
  private static final long[] BUCKET_MIN = {1, 2, 5, 10, 20, 50, 100};

  private UtilityMetrics() {}

  /** Utility of the release given by a node's classes (suppressed classes removed). */
  static UtilityReport of(FrequencyTable table, ClassSnapshot snapshot) {
    return of(table, snapshot, 1);
  }

  /**
   * As {@link #of(FrequencyTable, ClassSnapshot)}; in the distributions, values held by fewer than
   * {@code minCount} records are pooled under {@link AttributeUtility#RARE} (the report is
   * published: an input value held by one record must not be listed with its count).
   */
  static UtilityReport of(FrequencyTable table, ClassSnapshot snapshot, long minCount) {
    List<AttributeUtility> attrs = new ArrayList<>();
    long kept = 0;
    List<Long> sizes = new ArrayList<>();
    for (int c = 0; c < snapshot.size(); c++) {
      if (!snapshot.failed()[c]) {
        kept += snapshot.counts()[c];
        sizes.add(snapshot.counts()[c]);
      }
    }
    for (int a = 0; a < table.qiCount(); a++) {
      attrs.add(withDistributions(table, snapshot, a, attribute(table, snapshot, a), minCount));
    }
    long total = table.totalRecords();
    return new UtilityReport(
        attrs,
        classSizes(sizes.stream().mapToLong(Long::longValue).toArray()),
        total == 0 ? 0.0 : (double) (total - kept) / total);
  }

  /**
   * The input's counts per input value and the release's per released value, for the report's bar
   * charts.
   */
  private static AttributeUtility withDistributions(
      FrequencyTable table, ClassSnapshot snapshot, int a, AttributeUtility u, long minCount) {
    int q = table.qiCount();
    int[] codes = table.codes();
    Map<String, Long> before = new LinkedHashMap<>();
    for (int r = 0; r < table.size(); r++) {
      before.merge(
          String.valueOf(table.domainValue(a, codes[r * q + a])), table.count(r), Long::sum);
    }
    Map<String, Long> after = new LinkedHashMap<>();
    for (int c = 0; c < snapshot.size(); c++) {
      if (!snapshot.failed()[c]) {
        after.merge(String.valueOf(snapshot.labels()[c][a]), snapshot.counts()[c], Long::sum);
      }
    }
    // numeric order also for labels that are numbers or bands (ages, 20-39, 90+) in a categorical
    // hierarchy
    boolean numeric =
        table.qis().get(a).numeric()
            || before.keySet().stream().allMatch(v -> v.matches("^<?-?\\d.*"));
    boolean numericAfter =
        numeric || after.keySet().stream().allMatch(v -> v.matches("^<?-?\\d.*|^\\*$"));
    return u.withDistributions(
        bars(pool(before, minCount), numeric), bars(pool(after, minCount), numericAfter));
  }

  private static Map<String, Long> pool(Map<String, Long> counts, long minCount) {
    Map<String, Long> out = new LinkedHashMap<>();
    long rare = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() < minCount) {
        rare += e.getValue();
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    if (rare > 0) {
      out.put(AttributeUtility.RARE, rare);
    }
    return out;
  }

  /**
   * Numeric values (and bands, by their first number) in numeric order, others by count; at most
   * MAX_BARS.
   */
  private static Map<String, Long> bars(Map<String, Long> counts, boolean numeric) {
    List<Map.Entry<String, Long>> list = new ArrayList<>(counts.entrySet());
    java.util.regex.Pattern lead = java.util.regex.Pattern.compile("^<?(-?\\d+(\\.\\d+)?)");
    if (numeric) {
      list.sort(
          java.util.Comparator.comparingDouble(
                  (Map.Entry<String, Long> e) -> {
                    java.util.regex.Matcher m = lead.matcher(e.getKey());
                    return e.getKey().equals(AttributeUtility.RARE)
                        ? Double.MAX_VALUE
                        : m.find()
                            ? Double.parseDouble(m.group(1))
                                - (e.getKey().startsWith("<") ? 0.5 : 0)
                            : Double.MAX_VALUE;
                  })
              .thenComparing(Map.Entry::getKey));
    } else {
      list.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    }
    Map<String, Long> out = new LinkedHashMap<>();
    long others = 0;
    for (int i = 0; i < list.size(); i++) {
      if (i < AttributeUtility.MAX_BARS) {
        out.put(list.get(i).getKey(), list.get(i).getValue());
      } else {
        others += list.get(i).getValue();
      }
    }
    if (others > 0) {
      out.put(AttributeUtility.OTHERS, others);
    }
    return out;
  }

  private static AttributeUtility attribute(FrequencyTable table, ClassSnapshot snapshot, int a) {
    QuasiIdentifier qi = table.qis().get(a);
    int level = snapshot.levels()[a];
    // input counts per original value, and the released label of each original value
    int d = table.domainSize(a);
    long[] before = new long[d];
    int q = table.qiCount();
    int[] codes = table.codes();
    for (int r = 0; r < table.size(); r++) {
      before[codes[r * q + a]] += table.count(r);
    }
    Map<String, Integer> labelIndex = new LinkedHashMap<>();
    int[] labelOf = new int[d];
    for (int v = 0; v < d; v++) {
      String label = qi.hierarchy().generalize(table.domainValue(a, v), level);
      labelOf[v] = labelIndex.computeIfAbsent(label, k -> labelIndex.size());
    }
    int labels = labelIndex.size();
    long[] inputByLabel = new long[labels];
    int[] coveredValues = new int[labels];
    for (int v = 0; v < d; v++) {
      inputByLabel[labelOf[v]] += before[v];
      coveredValues[labelOf[v]]++;
    }
    long[] released = new long[labels];
    int valuesAfter = 0;
    for (int c = 0; c < snapshot.size(); c++) {
      if (!snapshot.failed()[c]) {
        Integer g = labelIndex.get(snapshot.labels()[c][a]);
        if (g != null) {
          released[g] += snapshot.counts()[c];
        }
      }
    }
    for (long r : released) {
      if (r > 0) {
        valuesAfter++;
      }
    }
    // released counts spread uniformly over the input values each label covers
    double[] after = new double[d];
    for (int v = 0; v < d; v++) {
      after[v] = (double) released[labelOf[v]] / coveredValues[labelOf[v]];
    }
    double distance = totalVariation(before, after);
    if (labels == 1 && d > 1) {
      // every input value became one label (the hierarchy's top, *): the attribute is removed, and
      // a test p-value of 1 between the input and a single bar would read as "unchanged"
      return new AttributeUtility(
          qi.column(), AttributeUtility.REMOVED, Double.NaN, Double.NaN, distance, d, valuesAfter);
    }
    if (qi.numeric()) {
      return numeric(qi.column(), table.domain(a), before, after, d, valuesAfter, distance);
    }
    return categorical(qi.column(), inputByLabel, released, d, valuesAfter, distance);
  }

  /** Chi-square homogeneity test of two histograms over the same categories. */
  public static AttributeUtility categorical(String attribute, long[] before, long[] after) {
    return categorical(
        attribute,
        before,
        after,
        before.length,
        (int) Arrays.stream(after).filter(x -> x > 0).count(),
        totalVariation(before, Arrays.stream(after).asDoubleStream().toArray()));
  }

  private static AttributeUtility categorical(
      String attribute,
      long[] before,
      long[] after,
      int valuesBefore,
      int valuesAfter,
      double distance) {
    List<Integer> used = new ArrayList<>();
    long sumB = 0;
    long sumA = 0;
    for (int i = 0; i < before.length; i++) {
      if (before[i] + after[i] > 0) {
        used.add(i);
      }
      sumB += before[i];
      sumA += after[i];
    }
    double stat = 0.0;
    double p = 1.0;
    if (used.size() >= 2 && sumB > 0 && sumA > 0) {
      long[] b = used.stream().mapToLong(i -> before[i]).toArray();
      long[] af = used.stream().mapToLong(i -> after[i]).toArray();
      ChiSquareTest test = new ChiSquareTest();
      stat = test.chiSquareDataSetsComparison(b, af);
      p = test.chiSquareTestDataSetsComparison(b, af);
    } else if (sumA == 0 && sumB > 0) {
      stat = Double.NaN;
      p = Double.NaN;
    }
    return new AttributeUtility(
        attribute, "chi-square", stat, p, distance, valuesBefore, valuesAfter);
  }

  private static AttributeUtility numeric(
      String attribute,
      List<String> domain,
      long[] before,
      double[] after,
      int valuesBefore,
      int valuesAfter,
      double distance) {
    List<Integer> idx = new ArrayList<>();
    double[] x = new double[domain.size()];
    for (int v = 0; v < domain.size(); v++) {
      x[v] = parse(domain.get(v));
      if (!Double.isNaN(x[v])) {
        idx.add(v);
      }
    }
    idx.sort((i, j) -> Double.compare(x[i], x[j]));
    double[] xs = idx.stream().mapToDouble(i -> x[i]).toArray();
    double[] wb = idx.stream().mapToDouble(i -> before[i]).toArray();
    double[] wa = idx.stream().mapToDouble(i -> after[i]).toArray();
    return kolmogorovSmirnov(attribute, xs, wb, wa, valuesBefore, valuesAfter, distance);
  }

  /**
   * Two-sample Kolmogorov-Smirnov test on weighted histograms over sorted support points {@code x}
   * (equal points allowed): D is the largest difference of the two empirical CDFs; the sample sizes
   * are the weight sums.
   */
  public static AttributeUtility kolmogorovSmirnov(
      String attribute, double[] x, double[] weightsBefore, double[] weightsAfter) {
    return kolmogorovSmirnov(
        attribute,
        x,
        weightsBefore,
        weightsAfter,
        x.length,
        x.length,
        totalVariation(weightsBefore, weightsAfter));
  }

  private static AttributeUtility kolmogorovSmirnov(
      String attribute,
      double[] x,
      double[] wb,
      double[] wa,
      int valuesBefore,
      int valuesAfter,
      double distance) {
    double nb = Arrays.stream(wb).sum();
    double na = Arrays.stream(wa).sum();
    if (nb <= 0 || na <= 0) {
      return new AttributeUtility(
          attribute,
          "kolmogorov-smirnov",
          Double.NaN,
          Double.NaN,
          distance,
          valuesBefore,
          valuesAfter);
    }
    double cb = 0.0;
    double ca = 0.0;
    double d = 0.0;
    for (int i = 0; i < x.length; i++) {
      cb += wb[i];
      ca += wa[i];
      if (i + 1 < x.length && x[i + 1] == x[i]) {
        continue; // evaluate the CDFs only after the last of equal points
      }
      d = Math.max(d, Math.abs(cb / nb - ca / na));
    }
    int n = (int) Math.min(Integer.MAX_VALUE, Math.round(nb));
    int m = (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(na)));
    double p = d == 0.0 ? 1.0 : new KolmogorovSmirnovTest().approximateP(d, Math.max(1, n), m);
    return new AttributeUtility(
        attribute, "kolmogorov-smirnov", d, p, distance, valuesBefore, valuesAfter);
  }

  /**
   * Kolmogorov-Smirnov test of a numeric column between two datasets on bounded random samples (at
   * most {@code maxSample} non-null values of each, drawn with a fixed seed), for columns outside
   * the frequency table.
   */
  public static AttributeUtility kolmogorovSmirnov(
      Dataset<Row> before, Dataset<Row> after, String column, int maxSample) {
    Objects.requireNonNull(column, "column");
    if (maxSample < 2) {
      throw new IllegalArgumentException("Invalid maxSample: " + maxSample + " (must be >= 2)");
    }
    double[] xb = sample(before, column, maxSample);
    double[] xa = sample(after, column, maxSample);
    if (xb.length < 2 || xa.length < 2) {
      return new AttributeUtility(
          column, "kolmogorov-smirnov", Double.NaN, Double.NaN, Double.NaN, xb.length, xa.length);
    }
    KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
    double d = test.kolmogorovSmirnovStatistic(xb, xa);
    double p = test.approximateP(d, xb.length, xa.length);
    return new AttributeUtility(
        column, "kolmogorov-smirnov", d, p, Double.NaN, xb.length, xa.length);
  }

  private static double[] sample(Dataset<Row> data, String column, int maxSample) {
    Dataset<Row> values =
        data.select(col(column).cast("double").as("x")).where(col("x").isNotNull());
    long n = values.count();
    double fraction = n <= maxSample ? 1.0 : Math.min(1.0, 1.2 * maxSample / n);
    List<Row> rows = values.sample(false, fraction, 42L).limit(maxSample).collectAsList();
    return rows.stream().mapToDouble(r -> r.getDouble(0)).toArray();
  }

  private static double totalVariation(long[] before, double[] after) {
    return totalVariation(Arrays.stream(before).asDoubleStream().toArray(), after);
  }

  private static double totalVariation(double[] before, double[] after) {
    double sb = Arrays.stream(before).sum();
    double sa = Arrays.stream(after).sum();
    if (sb == 0 || sa == 0) {
      return sb == sa ? 0.0 : 1.0;
    }
    double sum = 0.0;
    for (int i = 0; i < before.length; i++) {
      sum += Math.abs(before[i] / sb - after[i] / sa);
    }
    return sum / 2.0;
  }

  private static double parse(String v) {
    if (v == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The distribution of class sizes. */
  public static UtilityReport.ClassSizes classSizes(long[] sizes) {
    Map<String, Long> histogram = new LinkedHashMap<>();
    for (String b : BUCKETS) {
      histogram.put(b, 0L);
    }
    if (sizes.length == 0) {
      return new UtilityReport.ClassSizes(0, 0, 0, 0.0, 0.0, histogram);
    }
    long[] sorted = sizes.clone();
    Arrays.sort(sorted);
    long sum = 0;
    for (long s : sorted) {
      sum += s;
      int b = BUCKETS.length - 1;
      while (b > 0 && s < BUCKET_MIN[b]) {
        b--;
      }
      histogram.merge(BUCKETS[b], 1L, Long::sum);
    }
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    return new UtilityReport.ClassSizes(
        n, sorted[0], sorted[n - 1], (double) sum / n, median, histogram);
  }
}
