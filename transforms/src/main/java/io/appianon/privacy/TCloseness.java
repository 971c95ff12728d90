package io.appianon.privacy;

/** Shared checks of the t-closeness models (package-private). */
final class TCloseness {
  /** Slack for comparing a rounded distance with t. */
  static final double SLACK = 1e-12;

  private TCloseness() {}

  static double checkT(double t) {
    if (!(t > 0.0) || t > 1.0) {
      throw new IllegalArgumentException("Invalid t: " + t + " (must be in (0, 1])");
    }
    return t;
  }

  static void checkHistogram(EquivalenceClass ec, SensitiveContext context, String model) {
    if (ec.histogram().length != context.size()) {
      throw new IllegalArgumentException(
          model
              + ": class histogram has "
              + ec.histogram().length
              + " values but the sensitive context has "
              + context.size());
    }
  }

  static boolean within(double distance, double t) {
    return distance <= t + SLACK;
  }
}
