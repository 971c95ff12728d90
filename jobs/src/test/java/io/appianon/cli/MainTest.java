package io.appianon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and one-line messages that name the file and the key. */
class MainTest {
  @TempDir Path tmp;

  record Outcome(int code, String out, String err) {}

  private Outcome run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new CliContext(
                java.time.Clock.systemUTC(),
                System.getenv(),
                java.util.Optional.of(TestSpark.session())));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Arguments that point the real configuration at temporary folders and at the given policies. */
  private List<String> args(String command, Path survey, Path purchases) {
    List<String> a =
        new ArrayList<>(
            List.of(
                command,
                "--config",
                TestProject.root().resolve("conf/application.conf").toString()));
    for (Map.Entry<String, Object> e : TestProject.overrides(tmp).entrySet()) {
      if (e.getKey().equals("appianon.datasets")) {
        continue;
      }
      a.add("--set");
      a.add(e.getKey() + "=" + e.getValue());
    }
    a.add("--set");
    a.add("appianon.datasets=[\"" + survey + "\",\"" + purchases + "\"]");
    return a;
  }

  private Path policy(String name, String from, String to) throws IOException {
    Path src = TestProject.root().resolve("conf/policies/" + name + ".conf");
    String text = Files.readString(src);
    assertTrue(text.contains(from), "test edit applies to " + src + ": " + from);
    Path p = tmp.resolve(name + "-edited.conf");
    Files.writeString(p, text.replace(from, to));
    return p;
  }

  private Path real(String name) {
    return TestProject.root().resolve("conf/policies/" + name + ".conf");
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    Outcome o = run(List.of("--help"));
    assertEquals(0, o.code());
    assertTrue(o.out().contains("anonymize"));
    for (ExitCode c : ExitCode.values()) {
      assertTrue(o.out().contains(c.code() + "  " + c.meaning()), "help documents exit code " + c);
    }
  }

  @Test
  void planPrintsColumnsRolesAndModelWithoutWriting() {
    Outcome o = run(args("plan", real("survey"), real("purchases")));
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("my_number") && o.out().contains("id-code"));
    assertTrue(o.out().contains("privacy: k=5"));
    assertFalse(Files.exists(tmp.resolve("releases")), "plan writes nothing");
  }

  @Test
  void unknownColumnFailsWithFileAndKey() throws IOException {
    Path bad =
        policy(
            "survey", "{ type = delete, columns = [name, ", "{ type = delete, columns = [nmae, ");
    Outcome o = run(args("anonymize", bad, real("purchases")));
    assertEquals(ExitCode.CONFIG.code(), o.code());
    assertTrue(o.err().contains(bad.toString()), o.err());
    assertTrue(o.err().contains("dataset.transforms[0].columns"), o.err());
    assertTrue(o.err().contains("unknown column 'nmae'"), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one-line message: " + o.err());
  }

  @Test
  void missingHierarchyFailsWithFileKeyAndPath() throws IOException {
    Path bad =
        policy(
            "survey", "{ column = sex, hierarchy = sex }", "{ column = sex, hierarchy = gender }");
    Outcome o = run(args("anonymize", bad, real("purchases")));
    assertEquals(ExitCode.CONFIG.code(), o.code());
    assertTrue(o.err().contains("dataset.privacy.quasi-identifiers[1].hierarchy"), o.err());
    assertTrue(o.err().contains("gender.csv"), o.err());
  }

  @Test
  void kBelowTwoFailsWithFileAndKey() throws IOException {
    Path bad = policy("purchases", "k = 5", "k = 1");
    Outcome o = run(args("anonymize", real("survey"), bad));
    assertEquals(ExitCode.CONFIG.code(), o.code());
    assertTrue(
        o.err().contains(bad + ": dataset.privacy.k: invalid value 1 (must be >= 2)"), o.err());
  }

  @Test
  void anIdentificationCodeLeftInTheOutputIsRefused() throws IOException {
    Path bad = policy("survey", "city, street, my_number]", "city, street]");
    Outcome o = run(args("anonymize", bad, real("purchases")));
    assertEquals(ExitCode.CONFIG.code(), o.code());
    assertTrue(o.err().contains("my_number") && o.err().contains("id-code"), o.err());
  }

  @Test
  void unsatisfiablePrivacyModelExitsWithCode4AndPublishesNothing() throws IOException {
    // k larger than the dataset: not even the most general node can satisfy it without suppressing
    // everything.
    Path strict2 = policy("purchases", "k = 5", "k = 100000");
    List<String> a = args("anonymize", real("survey"), strict2);
    a.add("--release-id");
    a.add("never");
    Outcome o = run(a);
    assertEquals(ExitCode.PRIVACY.code(), o.code(), o.err());
    assertTrue(o.err().contains("k=100000") && o.err().contains("purchases-edited.conf"), o.err());
    assertFalse(Files.exists(tmp.resolve("releases/never")), "no partial release");
    try (var s = Files.list(tmp.resolve("releases/.staging"))) {
      assertEquals(0, s.count(), "staging cleaned up");
    }
  }

  @Test
  void validateCountsQuarantinedRowsByReasonAndWritesNothing() {
    Outcome o = run(args("validate", real("survey"), real("purchases")));
    assertEquals(0, o.code(), o.err());
    assertTrue(
        o.out().contains("dataset survey") && o.out().contains("3 would be quarantined"), o.out());
    assertTrue(o.out().contains("birth_date: not a valid date"), o.out());
    assertTrue(
        o.out().contains("dataset purchases") && o.out().contains("4 would be quarantined"),
        o.out());
    assertFalse(
        Files.exists(tmp.resolve("releases")) || Files.exists(tmp.resolve("quarantine")),
        "writes nothing");
  }

  @Test
  void eachCommandHasItsOwnHelp() {
    Outcome o = run(List.of("validate", "--help"));
    assertEquals(0, o.code());
    assertTrue(o.out().startsWith("Usage: appi-anon validate"), o.out());
  }

  @Test
  void generateIsNoCommandAndPointsToTheScript() {
    Outcome o = run(List.of("generate", "--members", "50", "--out", tmp.toString()));
    assertEquals(ExitCode.CONFIG.code(), o.code());
    assertTrue(
        o.err().contains("unknown command 'generate'") && o.err().contains("scripts/generate.sh"),
        o.err());
    assertFalse(Files.exists(tmp.resolve("survey.csv")), "writes nothing");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Outcome o = run(List.of("anonymize", "--frobnicate"));
    assertEquals(ExitCode.CONFIG.code(), o.code());
    assertTrue(o.err().contains("unknown option --frobnicate"));
  }
}
