package io.appianon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.testing.Cli;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's --help is its own, and usage errors name the command and exit with code 2. */
class CliHelpTest {
  @TempDir Path tmp;

  private static final CliContext NO_SPARK =
      new CliContext(Clock.systemUTC(), Map.of(), Optional.empty());

  /** Each command and an option only that command has. */
  private static final Map<String, String> OWN_OPTION =
      Map.of(
          "anonymize",
          "--reuse-secret",
          "plan",
          "--config",
          "validate",
          "--config",
          "announce",
          "--config",
          "provide",
          "--recipient-name",
          "provisions",
          "[list]",
          "method-info",
          "--file");

  @Test
  void everyCommandPrintsItsOwnHelp() {
    for (Map.Entry<String, String> e : OWN_OPTION.entrySet()) {
      String command = e.getKey();
      for (List<String> args :
          List.of(List.of(command, "--help"), List.of(command, "-h"), List.of("help", command))) {
        Cli.Result r = Cli.run(NO_SPARK, args.toArray(new String[0]));
        assertEquals(0, r.code(), args + ": " + r.err());
        assertTrue(r.out().startsWith("Usage: appi-anon " + command + " "), args + ":\n" + r.out());
        assertTrue(
            r.out().contains(e.getValue()), args + " documents " + e.getValue() + ":\n" + r.out());
        assertFalse(r.out().contains("Commands:"), args + " is not the general help:\n" + r.out());
        assertFalse(
            r.out().contains("io.appianon") || r.out().contains("SampleDataGenerator"),
            "no class name: " + r.out());
      }
    }
    assertFalse(
        Cli.run(NO_SPARK, "plan", "--help").out().contains("--reuse-secret"),
        "anonymize's option only");
  }

  @Test
  void theGeneralHelpListsEveryCommand() {
    Cli.Result r = Cli.run(NO_SPARK, "--help");
    assertEquals(0, r.code());
    for (String command : OWN_OPTION.keySet()) {
      assertTrue(r.out().contains("\n  " + command + " "), command + " listed:\n" + r.out());
    }
  }

  @Test
  void usageErrorsNameTheCommandAndExitWith2() {
    Cli.Result unknown = Cli.run(NO_SPARK, "frobnicate");
    assertEquals(ExitCode.CONFIG.code(), unknown.code());
    assertTrue(
        unknown.err().contains("unknown command 'frobnicate'")
            && unknown.err().contains("method-info"),
        unknown.err());
    Cli.Result noRecipient = Cli.run(NO_SPARK, "provide", "r1", "--method", "web");
    assertEquals(ExitCode.CONFIG.code(), noRecipient.code());
    assertTrue(
        noRecipient.err().contains("--recipient ID is required")
            && noRecipient.err().contains("see appi-anon provide --help"),
        noRecipient.err());
    Cli.Result noId = Cli.run(NO_SPARK, "method-info");
    assertEquals(ExitCode.CONFIG.code(), noId.code());
    assertTrue(noId.err().contains("RELEASE-ID is required"), noId.err());
    Cli.Result noValue = Cli.run(NO_SPARK, "plan", "--config");
    assertEquals(ExitCode.CONFIG.code(), noValue.code());
    assertTrue(noValue.err().contains("--config needs a value"), noValue.err());
    Cli.Result notHere = Cli.run(NO_SPARK, "plan", "--reuse-secret", "r1");
    assertEquals(ExitCode.CONFIG.code(), notHere.code());
    assertTrue(notHere.err().contains("unknown option --reuse-secret"), notHere.err());
  }

  @Test
  void theCommandMayFollowTheOptions() throws Exception {
    // scripts/submit.sh puts --config and --set before the command the user gives.
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--config", TestProject.root().resolve("conf/application.conf").toString()));
    for (Map.Entry<String, Object> e : TestProject.overrides(tmp).entrySet()) {
      args.add("--set");
      args.add(
          e.getKey()
              + "="
              + (e.getValue() instanceof List<?> l
                  ? l.stream().map(v -> "\"" + v + "\"").toList()
                  : e.getValue()));
    }
    args.add("plan");
    Cli.Result r = Cli.run(NO_SPARK, args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("privacy: k="), r.out());
  }
}
