package io.appianon.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A test's need for a program of the machine (bash, python3, bc). Where it is missing the test is
 * skipped on a developer's machine, but fails when the environment variable {@code CI} is {@code
 * true} (as CI services and {@code .ci/run} set it): a CI run never passes by silently skipping
 * what it was meant to test.
 */
public final class Tools {
  private Tools() {}

  /** Skips the calling test when {@code present} is false, or fails it under {@code CI=true}. */
  public static void require(boolean present, String what) {
    require(present, what, System.getenv());
  }

  static void require(boolean present, String what, Map<String, String> env) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(env.getOrDefault("CI", "").strip())) {
      fail(
          what
              + " is missing and CI=true: the CI machine must provide it (.ci/run installs it with apt-get)");
    }
    Assumptions.abort(what + " is missing: test skipped (with CI=true it fails)");
  }

  /** Whether {@code command} is an executable file in a folder of {@code PATH}. */
  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }
}
