package io.appianon.job;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a run takes from outside the configuration: the clock (injectable for tests), the
 * environment (the method-store passphrase {@code APPIANON_METHOD_KEY} is read from it, never from
 * the configuration), and the release whose kept pseudonym secret to reuse ({@code
 * --reuse-secret}).
 *
 * @param clock the clock for release ids, dates and announcement checks
 * @param env the environment variables
 * @param reuseSecretOf the release whose sealed pseudonym secret this run reuses, if any
 */
public record JobOptions(Clock clock, Map<String, String> env, Optional<String> reuseSecretOf) {

  /** The system clock and environment, no reuse. */
  public static JobOptions defaults() {
    return new JobOptions(Clock.systemUTC(), System.getenv(), Optional.empty());
  }

  public JobOptions withReuseSecretOf(String releaseId) {
    return new JobOptions(clock, env, Optional.of(releaseId));
  }
}
