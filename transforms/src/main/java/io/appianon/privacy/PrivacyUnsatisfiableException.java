package io.appianon.privacy;

import java.util.Locale;

/**
 * No generalization satisfies the privacy models within the suppression limit. The message names the models (k, l,
 * t), the limit and the least suppression any assessed generalization needed, so the policy can be fixed (a larger
 * limit, coarser hierarchies, a smaller k).
 */
public final class PrivacyUnsatisfiableException extends RuntimeException {
  private final double bestSuppressedShare;

  public PrivacyUnsatisfiableException(String models, double maxSuppression, double bestSuppressedShare,
      String bestNode) {
    super(String.format(Locale.ROOT,
        "No generalization satisfies %s with at most %.2f%% suppression: the best one found (%s) needs %.2f%%",
        models, maxSuppression * 100.0, bestNode, bestSuppressedShare * 100.0));
    this.bestSuppressedShare = bestSuppressedShare;
  }

  /** The least suppressed share found among assessed generalizations. */
  public double bestSuppressedShare() {
    return bestSuppressedShare;
  }
}
