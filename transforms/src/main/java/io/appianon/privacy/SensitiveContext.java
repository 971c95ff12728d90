package io.appianon.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The global context of the sensitive attribute that some models need besides a class's own counts:
 * the distinct sensitive values (the index space of {@link EquivalenceClass#histogram()}) and their
 * distribution over the whole input, which t-closeness compares each class against. As in ARX, the
 * reference distribution is the input's, not the released table's.
 *
 * <p>Models may cache structures derived from the context (a value order, a hierarchy's node
 * mapping) with {@link #derived(Object, Function)}; a context is created once per frequency table.
 */
public final class SensitiveContext {
  private static final SensitiveContext NONE = new SensitiveContext(List.of(), new long[0]);

  private final List<String> values;
  private final long[] totals;
  private final long total;
  private final double[] distribution;
  private final ConcurrentHashMap<Object, Object> derived = new ConcurrentHashMap<>();

  private SensitiveContext(List<String> values, long[] totals) {
    this.values = values;
    this.totals = totals;
    long t = 0;
    for (long c : totals) {
      t += c;
    }
    this.total = t;
    this.distribution = new double[totals.length];
    for (int i = 0; i < totals.length; i++) {
      distribution[i] = t == 0 ? 0.0 : (double) totals[i] / t;
    }
  }

  /** A context from the distinct sensitive values and their record counts in the whole input. */
  public static SensitiveContext of(List<String> values, long[] totals) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(totals, "totals");
    if (values.size() != totals.length) {
      throw new IllegalArgumentException(
          "Invalid sensitive context: "
              + values.size()
              + " values but "
              + totals.length
              + " totals");
    }
    return new SensitiveContext(
        Collections.unmodifiableList(new ArrayList<>(values)), totals.clone());
  }

  /** The context of a frequency table. */
  public static SensitiveContext of(FrequencyTable table) {
    return table.sensitiveColumn().isPresent()
        ? of(table.sensitiveValues(), table.sensitiveTotals())
        : NONE;
  }

  /** The context when there is no sensitive attribute. */
  public static SensitiveContext none() {
    return NONE;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The distinct sensitive values; index {@code i} is the i-th entry of every class histogram. */
  public List<String> values() {
    return values;
  }

  public int size() {
    return values.size();
  }

  /** Number of input records with sensitive value {@code i}. */
  public long total(int i) {
    return totals[i];
  }

  /** Number of input records. */
  public long total() {
    return total;
  }

  /** Share of input records with sensitive value {@code i}. */
  public double probability(int i) {
    return distribution[i];
  }

  /** A structure derived from this context, computed once per key. */
  @SuppressWarnings("unchecked")
  public <T> T derived(Object key, Function<SensitiveContext, T> compute) {
    Object v = derived.get(key);
    if (v == null) {
      v = compute.apply(this);
      Object prev = derived.putIfAbsent(key, v);
      if (prev != null) {
        v = prev;
      }
    }
    return (T) v;
  }

  @Override
  public String toString() {
    return "SensitiveContext[values=" + values + ", totals=" + Arrays.toString(totals) + "]";
  }
}
