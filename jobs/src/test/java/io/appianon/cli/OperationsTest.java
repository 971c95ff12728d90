package io.appianon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.release.Json;
import io.appianon.release.JsonLinesLog;
import io.appianon.testing.ChildJvm;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import io.appianon.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a scheduler and an operator meet through the real command line: provide with relative
 * folders, an identical retry of a published release, --set keys the job does not read, and privacy
 * parameters the model would refuse.
 */
class OperationsTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  @TempDir Path tmp;

  private static List<Map<String, Object>> audit(Fixture fx) throws Exception {
    return new JsonLinesLog(fx.methodStore.resolve(RunAudit.FILE)).read();
  }

  /** Announced at T0, released as r1 at T0 + 1 h; the clock then stands at T0 + 2 h. */
  private static CliContext announcedAndReleased(Fixture fx, String conf) {
    MutableClock clock = new MutableClock(T0);
    CliContext ctx = new CliContext(clock, Map.of(), Optional.of(TestSpark.get()));
    Cli.Result ann = Cli.run(ctx, "announce", "--config", conf);
    assertEquals(0, ann.code(), ann.err());
    clock.advance(Duration.ofHours(1));
    Cli.Result rel = Cli.run(ctx, "--config", conf, "--release-id", "r1");
    assertEquals(0, rel.code(), rel.err());
    clock.advance(Duration.ofHours(1));
    return ctx;
  }

  @Test
  @SuppressWarnings("unchecked")
  void provideWorksWithRelativeFoldersFromTheProjectRootAndAnotherWorkingDirectory()
      throws Exception {
    Fixture fx = new Fixture(tmp);
    String a = fx.config("a", "A").toString();
    CliContext ctx = announcedAndReleased(fx, a);
    MutableClock clock = (MutableClock) ctx.clock();
    clock.set(T0.plus(Duration.ofDays(2)));

    // this JVM's working directory (the module folder), a folder relative to it, as the shipped
    // out/provisions is
    Path here = Path.of("").toAbsolutePath();
    Path relative = here.relativize(tmp.resolve("provisions-rel"));
    assertFalse(relative.isAbsolute());
    String rel = fx.config("rel", "A", "appianon.provisions.dir = \"" + relative + "\"").toString();
    Cli.Result ok =
        Cli.run(
            ctx,
            "provide",
            "r1",
            "--config",
            rel,
            "--recipient",
            "acme",
            "--method",
            "encrypted-transfer");
    assertEquals(0, ok.code(), ok.err());
    Path pkg = tmp.resolve("provisions-rel/r1/acme");
    Map<String, Object> record = Json.read(pkg.resolve("provision.json"));
    List<Map<String, Object>> files = (List<Map<String, Object>>) record.get("files");
    assertFalse(files.isEmpty());
    for (Map<String, Object> f : files) {
      String p = (String) f.get("path");
      assertTrue(p.startsWith("data/survey/") || p.startsWith("data/purchases/"), p);
      assertTrue(Files.isRegularFile(pkg.resolve(p)), p);
    }

    // another working directory, every folder relative to it as in the shipped configuration; the
    // system clock
    String shipped =
        fx.config(
                "shipped",
                "A",
                "appianon.release.output = out",
                "appianon.provisions.dir = provisions",
                "appianon.method-store.dir = method-store",
                "appianon.quarantine.dir = quarantine")
            .toString();
    ChildJvm.Result child =
        ChildJvm.run(
            tmp,
            tmp.resolve("provide.log"),
            List.of(),
            Main.class.getName(),
            List.of(
                "provide",
                "r1",
                "--config",
                shipped,
                "--recipient",
                "beta",
                "--method",
                "encrypted-transfer"));
    assertEquals(0, child.code(), child.output());
    assertTrue(
        Files.isRegularFile(tmp.resolve("provisions/r1/beta/provision.json")), child.output());
    assertEquals(1, new JsonLinesLog(tmp.resolve("provisions/provisions.jsonl")).read().size());
  }

  @Test
  void aRetryWithTheSameInputsAndConfigurationSucceedsWithoutRepublishingAndADifferentOneIsRefused()
      throws Exception {
    Fixture fx = new Fixture(tmp);
    String a = fx.config("a", "A").toString();
    CliContext ctx = announcedAndReleased(fx, a);
    Path manifest = fx.output.resolve("r1/manifest.json");
    byte[] published = Files.readAllBytes(manifest);

    Cli.Result retry = Cli.run(ctx, "--config", a, "--release-id", "r1");
    assertEquals(0, retry.code(), retry.err());
    assertTrue(retry.out().contains("Release r1 is already published"), retry.out());
    assertArrayEquals(published, Files.readAllBytes(manifest), "the release was not touched");
    List<Map<String, Object>> audit = audit(fx);
    Map<String, Object> last = audit.get(audit.size() - 1);
    assertEquals("finished", last.get("event"));
    assertEquals(true, last.get("already_published"));
    assertEquals(0, last.get("exit_code"));
    // every run has a started line (written before any data is read) and a finished line with the
    // same run id
    Map<String, Object> started =
        audit.stream()
            .filter(
                r -> "started".equals(r.get("event")) && last.get("run_id").equals(r.get("run_id")))
            .findFirst()
            .orElseThrow();
    assertEquals("r1", started.get("release_id"));
    assertEquals(
        audit.stream().filter(r -> "started".equals(r.get("event"))).count(),
        audit.stream().filter(r -> "finished".equals(r.get("event"))).count());

    Cli.Result otherConfig =
        Cli.run(
            ctx, "--config", a, "--release-id", "r1", "--set", "appianon.release.compression=gzip");
    assertEquals(ExitCode.RELEASE.code(), otherConfig.code(), otherConfig.err());
    assertTrue(otherConfig.err().contains("from different config"), otherConfig.err());

    Files.writeString(
        fx.surveyCsv(), Files.readString(fx.surveyCsv()) + "M0999,山田太郎,1980-01-01,男性,3\n");
    Cli.Result otherInput = Cli.run(ctx, "--config", a, "--release-id", "r1");
    assertEquals(ExitCode.RELEASE.code(), otherInput.code(), otherInput.err());
    assertTrue(otherInput.err().contains("from different inputs"), otherInput.err());
    assertArrayEquals(published, Files.readAllBytes(manifest));
  }

  private List<String> planArgs(Path survey) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "plan",
                "--config",
                TestProject.root().resolve("conf/application.conf").toString()));
    for (Map.Entry<String, Object> e : TestProject.overrides(tmp).entrySet()) {
      if (!e.getKey().equals("appianon.datasets")) {
        args.add("--set");
        args.add(e.getKey() + "=" + e.getValue());
      }
    }
    args.add("--set");
    args.add(
        "appianon.datasets=[\""
            + survey
            + "\",\""
            + TestProject.root().resolve("conf/policies/purchases.conf")
            + "\"]");
    return args;
  }

  private static CliContext noSpark() {
    return new CliContext(java.time.Clock.systemUTC(), Map.of(), Optional.empty());
  }

  @Test
  void aSetKeyTheJobDoesNotReadIsAConfigurationError() {
    Path survey = TestProject.root().resolve("conf/policies/survey.conf");
    List<String> args = planArgs(survey);
    assertEquals(0, Cli.run(noSpark(), args.toArray(new String[0])).code());

    List<String> policyKey = new java.util.ArrayList<>(args);
    policyKey.addAll(List.of("--set", "dataset.privacy.k=1"));
    Cli.Result r = Cli.run(noSpark(), policyKey.toArray(new String[0]));
    assertEquals(ExitCode.CONFIG.code(), r.code(), r.out());
    assertTrue(r.err().contains("dataset.privacy.k: unknown key"), r.err());
    assertTrue(
        r.err().contains("edit a copy of the policy file") && r.err().contains("appianon.datasets"),
        r.err());
    assertFalse(r.out().contains("privacy: k="), "no plan printed");

    for (String key :
        List.of(
            "appianon.quarantine.directory",
            "appianon.producer.email",
            "appianon.hierarchies.path",
            "appianon.relase.id")) {
      List<String> typo = new java.util.ArrayList<>(args);
      typo.addAll(List.of("--set", key + "=x"));
      Cli.Result t = Cli.run(noSpark(), typo.toArray(new String[0]));
      assertEquals(ExitCode.CONFIG.code(), t.code(), key + ": " + t.out());
      String named = key.startsWith("appianon.relase") ? "appianon.relase" : key;
      assertTrue(t.err().contains(named + ": unknown key"), t.err());
    }
  }

  private Path survey(String from, String to) throws Exception {
    Path src = TestProject.root().resolve("conf/policies/survey.conf");
    String text = Files.readString(src);
    assertTrue(text.contains(from), from);
    Path p = tmp.resolve("survey-" + Integer.toHexString(to.hashCode()) + ".conf");
    Files.writeString(p, text.replace(from, to));
    return p;
  }

  @Test
  void privacyParametersTheModelWouldRefuseAreRefusedAtPlanTimeNamingFileAndKey() throws Exception {
    String shipped = "l-diversity { column = satisfaction, l = 2, variant = distinct }";
    Map<String, String> refused =
        Map.of(
            "l-diversity { column = satisfaction, l = 1, variant = distinct }",
                "dataset.privacy.l-diversity.l",
            "l-diversity { column = satisfaction, l = 2.5, variant = distinct }",
                "dataset.privacy.l-diversity.l",
            "l-diversity { column = satisfaction, l = 2.5, variant = recursive, c = 2 }",
                "dataset.privacy.l-diversity.l",
            "l-diversity { column = satisfaction, l = 1, variant = entropy }",
                "dataset.privacy.l-diversity.l",
            "l-diversity { column = satisfaction, l = 3, variant = recursive, c = 0 }",
                "dataset.privacy.l-diversity.c");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      Path p = survey(shipped, e.getKey());
      Cli.Result r = Cli.run(noSpark(), planArgs(p).toArray(new String[0]));
      assertEquals(ExitCode.CONFIG.code(), r.code(), e.getKey() + "\n" + r.out());
      assertTrue(r.err().contains(p + ": " + e.getValue() + ": "), e.getKey() + ": " + r.err());
    }
    Path entropy =
        survey(shipped, "l-diversity { column = satisfaction, l = 1.5, variant = entropy }");
    Cli.Result ok = Cli.run(noSpark(), planArgs(entropy).toArray(new String[0]));
    assertEquals(0, ok.code(), "entropy l-diversity takes any l > 1: " + ok.err());
  }
}
