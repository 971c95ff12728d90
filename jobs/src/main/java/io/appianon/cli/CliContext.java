package io.appianon.cli;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * What the command line takes from its surroundings: the clock, the environment (for {@code
 * APPIANON_METHOD_KEY}) and, for tests and embedding, an existing SparkSession (used as is and
 * never stopped).
 *
 * @param clock the clock for release ids, announcements, provisions and the audit trail
 * @param env the environment variables
 * @param spark a SparkSession to use instead of creating (and stopping) one
 */
public record CliContext(Clock clock, Map<String, String> env, Optional<SparkSession> spark) {

  /** The system clock and environment; Spark created per command. */
  public static CliContext system() {
    return new CliContext(Clock.systemUTC(), System.getenv(), Optional.empty());
  }
}
