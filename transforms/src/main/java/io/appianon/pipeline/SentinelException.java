package io.appianon.pipeline;

/**
 * A published column holds identifiers the policy does not expect ({@link Sentinel}): the run stops
 * (exit 3).
 */
public final class SentinelException extends RuntimeException {
  public SentinelException(String message) {
    super(message);
  }
}
