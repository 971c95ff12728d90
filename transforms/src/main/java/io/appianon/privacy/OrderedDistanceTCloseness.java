package io.appianon.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * t-closeness with the ordered distance for a numeric or otherwise ordered sensitive attribute:
 * with the values ranked {@code v1 < ... < vm}, the distance of {@code vi} and {@code vj} is {@code
 * |i - j| / (m - 1)} and the Earth Mover's Distance between a class's distribution P and the
 * input's Q is {@code 1/(m-1) * sum_i |sum_{j<=i} (p_j - q_j)|}. A class satisfies the model when
 * that EMD is at most t.
 *
 * <p>N. Li, T. Li, S. Venkatasubramanian, "t-Closeness: privacy beyond k-anonymity and
 * l-diversity", ICDE 2007, pp. 106-115 (Section 4.2, ordered distance). Monotone under
 * generalization, not with suppression.
 *
 * <p>The order is either given (every sensitive value must be in it; values of the order absent
 * from the data count in m) or numeric (every sensitive value must parse as a number; m is the
 * number of distinct values in the input).
 *
 * @param t the largest allowed distance, in (0, 1]
 * @param order the explicit ranking, or empty for numeric order
 */
public record OrderedDistanceTCloseness(double t, Optional<List<String>> order)
    implements PrivacyModel {

  public OrderedDistanceTCloseness {
    TCloseness.checkT(t);
    order = order.map(List::copyOf);
    order.ifPresent(
        o -> {
          if (o.isEmpty()) {
            throw new IllegalArgumentException(
                "Invalid order for ordered-distance t-closeness: [] (must not be empty)");
          }
        });
  }

  /** Numeric order of the sensitive values. */
  public OrderedDistanceTCloseness(double t) {
    this(t, Optional.empty());
  }

  /** An explicit order of the sensitive values. */
  public OrderedDistanceTCloseness(double t, List<String> order) {
    this(t, Optional.of(order));
  }

  /** Rank of each context value (index {@code i} of the histogram) and the number of ranks m. */
  private record Ranking(int[] rank, int m) {}

  private Ranking ranking(SensitiveContext context) {
    return context.derived(
        this,
        ctx -> {
          List<String> values = ctx.values();
          int[] rank = new int[values.size()];
          if (order.isPresent()) {
            Map<String, Integer> pos = new HashMap<>();
            List<String> o = order.get();
            for (int i = 0; i < o.size(); i++) {
              pos.putIfAbsent(o.get(i), i);
            }
            for (int i = 0; i < values.size(); i++) {
              Integer r = pos.get(values.get(i));
              if (r == null) {
                throw new IllegalArgumentException(
                    "Sensitive value '"
                        + values.get(i)
                        + "' is not in the order of ordered-distance t-closeness "
                        + o);
              }
              rank[i] = r;
            }
            return new Ranking(rank, o.size());
          }
          List<Integer> idx = new ArrayList<>();
          double[] num = new double[values.size()];
          for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            try {
              num[i] = Double.parseDouble(v == null ? "" : v.strip());
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(
                  "Sensitive value '"
                      + v
                      + "' is not a number (ordered-distance t-closeness without an explicit order needs numbers)",
                  e);
            }
            idx.add(i);
          }
          idx.sort(Comparator.comparingDouble(i -> num[i]));
          int r = -1;
          double prev = Double.NaN;
          for (int i : idx) {
            if (r < 0 || num[i] != prev) {
              r++;
              prev = num[i];
            }
            rank[i] = r;
          }
          return new Ranking(rank, r + 1);
        });
  }

  /** The distance of a class to the overall distribution. */
  public double distance(EquivalenceClass ec, SensitiveContext context) {
    TCloseness.checkHistogram(ec, context, "ordered-distance t-closeness");
    Ranking ranking = ranking(context);
    int m = ranking.m();
    if (m <= 1) {
      return 0.0;
    }
    double[] diff = new double[m];
    long n = ec.count();
    long[] h = ec.histogram();
    for (int i = 0; i < h.length; i++) {
      double p = n == 0 ? 0.0 : (double) h[i] / n;
      diff[ranking.rank()[i]] += p - context.probability(i);
    }
    double cumulative = 0.0;
    double sum = 0.0;
    for (int i = 0; i < m; i++) {
      cumulative += diff[i];
      sum += Math.abs(cumulative);
    }
    return sum / (m - 1);
  }

  @Override
  public boolean isSatisfied(EquivalenceClass ec, SensitiveContext context) {
    return TCloseness.within(distance(ec, context), t);
  }

  @Override
  public boolean isMonotonic() {
    return true;
  }

  @Override
  public String describe() {
    return "t-closeness (t=" + t + ", ordered distance)";
  }
}
