package io.appianon.privacy;

/**
 * t-closeness with the equal ground distance: the Earth Mover's Distance between a class's
 * sensitive distribution P and the input's distribution Q, every two distinct values being at
 * distance 1, is at most t. That EMD is the total variation distance {@code 1/2 * sum |p_i - q_i|}.
 *
 * <p>N. Li, T. Li, S. Venkatasubramanian, "t-Closeness: privacy beyond k-anonymity and
 * l-diversity", ICDE 2007, pp. 106-115 (Section 4.2, equal distance). Monotone under generalization
 * (the EMD is convex in P), not with suppression.
 *
 * @param t the largest allowed distance, in (0, 1]
 */
public record EqualDistanceTCloseness(double t) implements PrivacyModel {

  public EqualDistanceTCloseness {
    TCloseness.checkT(t);
  }

  /** The distance of a class to the overall distribution. */
  public static double distance(EquivalenceClass ec, SensitiveContext context) {
    TCloseness.checkHistogram(ec, context, "equal-distance t-closeness");
    long n = ec.count();
    long[] h = ec.histogram();
    double sum = 0.0;
    for (int i = 0; i < h.length; i++) {
      double p = n == 0 ? 0.0 : (double) h[i] / n;
      sum += Math.abs(p - context.probability(i));
    }
    return sum / 2.0;
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
    return "t-closeness (t=" + t + ", equal distance)";
  }
}
