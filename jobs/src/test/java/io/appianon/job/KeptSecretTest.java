package io.appianon.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.MethodStore;
import io.appianon.release.SecretBox;
import io.appianon.technique.PseudonymKey;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import io.appianon.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in kept pseudonym secret: stored only sealed, refused without a passphrase, read back by
 * --reuse-secret to reproduce a release's pseudonyms exactly; without the opt-in every release has
 * fresh pseudonyms. Nowhere (release, method store, audit trail, provisions, disclosures, logs,
 * console) does the secret or the passphrase appear.
 */
class KeptSecretTest {
  private static final Map<String, String> ENV = Map.of(SecretBox.ENV, Fixture.PASSPHRASE);

  private static Set<String> members(SparkSession spark, Path release, String dataset) {
    Set<String> out = new HashSet<>();
    for (Row r :
        spark
            .read()
            .parquet(release.resolve(dataset).toString())
            .select("member_id")
            .collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  @Test
  void keptSecretIsSealedAndReusedExactlyAndNeverAppearsInClear(@TempDir Path dir)
      throws Exception {
    Fixture fx = new Fixture(dir);
    String keep =
        fx.config(
                "keep",
                "A",
                "appianon.method-store.keep-secret = true",
                "appianon.method-store.encrypt = true")
            .toString();
    String plain = fx.config("plain", "A").toString();
    SparkSession spark = TestSpark.get();
    MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    List<Cli.Result> console = new ArrayList<>();

    Cli.Result noKey =
        Cli.run(
            new CliContext(clock, Map.of(), Optional.of(spark)),
            "--config",
            keep,
            "--release-id",
            "r1");
    console.add(noKey);
    assertEquals(ExitCode.CONFIG.code(), noKey.code(), noKey.err());
    assertTrue(noKey.err().contains(SecretBox.ENV), noKey.err());
    assertFalse(Files.exists(fx.output.resolve("r1")));

    CliContext ctx = new CliContext(clock, ENV, Optional.of(spark));
    Cli.Result r1 = Cli.run(ctx, "--config", keep, "--release-id", "r1");
    console.add(r1);
    assertEquals(0, r1.code(), r1.err());
    MethodStore store = new MethodStore(fx.methodStore);
    List<String> files = store.list("r1");
    assertTrue(files.contains(MethodStore.SECRET_FILE), files.toString());
    assertTrue(
        files.stream().allMatch(f -> f.endsWith(".enc")), "every method file sealed: " + files);
    PseudonymKey key = store.readSecret("r1", SecretBox.require(ENV, "test"));

    Cli.Result r2 = Cli.run(ctx, "--config", keep, "--release-id", "r2", "--reuse-secret", "r1");
    console.add(r2);
    assertEquals(0, r2.code(), r2.err());
    Cli.Result r3 = Cli.run(ctx, "--config", plain, "--release-id", "r3");
    console.add(r3);
    assertEquals(0, r3.code(), r3.err());

    Set<String> m1 = members(spark, fx.output.resolve("r1"), "survey");
    Set<String> m2 = members(spark, fx.output.resolve("r2"), "survey");
    Set<String> m3 = members(spark, fx.output.resolve("r3"), "survey");
    String member1 = Fixture.pseudonym(key.bytes(), "M0001");
    assertTrue(m1.contains(member1), "same member, pseudonym of the kept secret in r1");
    assertTrue(m2.contains(member1), "same member -> same pseudonym in the rerun");
    assertTrue(
        members(spark, fx.output.resolve("r2"), "purchases").contains(member1),
        "still links datasets");
    assertEquals(m1, m2);
    Set<String> common = new HashSet<>(m1);
    common.retainAll(m3);
    assertTrue(common.isEmpty(), "without the opt-in a release gets fresh pseudonyms");
    assertFalse(m3.contains(member1));

    Map<String, Object> auditR2 =
        new JsonLinesLog(fx.methodStore.resolve("audit.jsonl"))
            .read().stream()
                .filter(m -> "r2".equals(m.get("release_id")) && "finished".equals(m.get("event")))
                .findFirst()
                .orElseThrow();
    assertEquals("r1", auditR2.get("reuse_secret_of"));
    assertEquals(0, auditR2.get("exit_code"));
    List<Map<String, Object>> audit =
        new JsonLinesLog(fx.methodStore.resolve("audit.jsonl"))
            .read().stream().filter(m -> "finished".equals(m.get("event"))).toList();
    assertEquals(4, audit.size(), "one finished line per run, the refused one included");
    assertEquals(2, audit.get(0).get("exit_code"));

    Cli.Result listed = Cli.run(ctx, "method-info", "r1", "--config", keep);
    console.add(listed);
    assertEquals(0, listed.code(), listed.err());
    Cli.Result params =
        Cli.run(ctx, "method-info", "r1", "--config", keep, "--file", "parameters.json");
    console.add(params);
    assertEquals(0, params.code(), params.err());
    assertTrue(params.out().contains("kept sealed"), params.out());
    Cli.Result secret =
        Cli.run(ctx, "method-info", "r1", "--config", keep, "--file", MethodStore.SECRET_FILE);
    console.add(secret);
    assertEquals(ExitCode.CONFIG.code(), secret.code(), "the secret is never shown");

    // no secret bytes anywhere: every file under the fixture, the test log, and the console output
    byte[] raw = key.bytes();
    List<String> needles =
        List.of(
            HexFormat.of().formatHex(raw),
            HexFormat.of().withUpperCase().formatHex(raw),
            Base64.getEncoder().encodeToString(raw),
            new String(raw, StandardCharsets.ISO_8859_1),
            Fixture.PASSPHRASE);
    List<Path> scanned = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(scanned::add);
    }
    Path testLog = Path.of("target/test-logs/jobs.log");
    assertTrue(
        Files.readString(testLog).contains("published release"), "the job's log is captured");
    scanned.add(testLog);
    assertTrue(scanned.size() > 20, "scanned " + scanned.size());
    for (Path p : scanned) {
      String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
      for (String n : needles) {
        assertFalse(content.contains(n), p + " contains the secret or the passphrase");
      }
    }
    for (Cli.Result r : console) {
      for (String n : needles) {
        assertFalse(r.out().contains(n) || r.err().contains(n), "console output contains a secret");
      }
    }
  }
}
