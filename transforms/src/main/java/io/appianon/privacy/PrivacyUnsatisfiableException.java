package io.appianon.privacy;

import java.util.Locale;

/**
 * No generalization satisfies the privacy models within the suppression limit. The message names
 * the models (k, l, t), the limit and the least suppression any assessed generalization needed, so
 * the policy can be fixed (a larger limit, coarser hierarchies, a smaller k).
 */
public final class PrivacyUnsatisfiableException extends RuntimeException {
  private final double bestSuppressedShare;

  public PrivacyUnsatisfiableException(
      String models, double maxSuppression, double bestSuppressedShare, String bestNode) {
    super(
        String.format(
            Locale.ROOT,
            "No generalization satisfies %s with at most %.2f%% suppression: the best one found (%s) needs %.2f%%",
            models,
            maxSuppression * 100.0,
            bestNode,
            bestSuppressedShare * 100.0));
    this.bestSuppressedShare = bestSuppressedShare;
  }

  /** The same failure, its message prefixed with where it happened (e.g. the policy file). */
  public PrivacyUnsatisfiableException(String where, PrivacyUnsatisfiableException cause) {
    super(where + ": " + cause.getMessage(), cause);
    this.bestSuppressedShare = cause.bestSuppressedShare;
  }

  private PrivacyUnsatisfiableException(String message, double bestSuppressedShare) {
    super(message);
    this.bestSuppressedShare = bestSuppressedShare;
  }

  /**
   * A declared model that does not hold on the files a release wrote (read back by an independent
   * check): the release is not published.
   */
  public static PrivacyUnsatisfiableException onWrittenFiles(String where, String what) {
    return new PrivacyUnsatisfiableException(
        where
            + ": the written files fail the declared model, so the release"
            + " is not published: "
            + what,
        1.0);
  }

  /** The least suppressed share found among assessed generalizations. */
  public double bestSuppressedShare() {
    return bestSuppressedShare;
  }
}
