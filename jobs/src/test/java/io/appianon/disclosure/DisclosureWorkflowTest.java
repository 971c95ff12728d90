package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.release.FileDigests;
import io.appianon.release.Json;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.Manifest;
import io.appianon.release.ParquetLabels;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole disclosure workflow through the real command line, on a real local Spark: announce,
 * release, provide (refused before the notice interval, accepted after), list provisions, and a
 * changed release refused until it is announced, with the history saying that a category was added.
 */
class DisclosureWorkflowTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  private static Map<String, String> footer(Path file) throws Exception {
    try (ParquetFileReader r =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return r.getFooter().getFileMetaData().getKeyValueMetaData();
    }
  }

  private static Map<String, Object> lastAudit(Fixture fx) throws Exception {
    List<Map<String, Object>> lines =
        new JsonLinesLog(fx.methodStore.resolve("audit.jsonl")).read();
    return lines.get(lines.size() - 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void announceReleaseProvideAndChangeCategories(@TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    String a = fx.config("a", "A").toString();
    String b = fx.config("b", "B").toString();
    MutableClock clock = new MutableClock(T0);
    SparkSession spark = TestSpark.get();
    CliContext ctx = new CliContext(clock, Map.of(), Optional.of(spark));

    // 1. announce (continuous), then release r1 within it
    Cli.Result ann = Cli.run(ctx, "announce", "--config", a);
    assertEquals(0, ann.code(), ann.err());
    String announcementId = DisclosureHistory.load(fx.output).lastAnnouncement().orElseThrow().id();
    clock.advance(Duration.ofHours(1));
    Cli.Result rel = Cli.run(ctx, "--config", a, "--release-id", "r1");
    assertEquals(0, rel.code(), rel.err());

    Path r1 = fx.output.resolve("r1");
    Map<String, Object> manifest = Json.read(r1.resolve("manifest.json"));
    Map<String, Object> annRef = (Map<String, Object>) manifest.get("announcement");
    assertEquals(announcementId, annRef.get("covered_by"), "no new announcement needed");
    assertEquals("2026-04-01", manifest.get("produced_on"));
    assertEquals(
        Map.of("ja", "株式会社テスト小売", "en", "Test Retail K.K."),
        ((Map<String, Object>) manifest.get("producer")).get("name"));
    String html = Files.readString(r1.resolve("manifest.html"));
    for (String s :
        List.of(
            "「性別」",
            "Sex",
            "「生年」",
            "Year of birth",
            "「購入年月」",
            "Month of purchase",
            "購買履歴",
            "Purchase history",
            Manifest.STATEMENT.ja(),
            Manifest.STATEMENT.en(),
            "暗号化したファイルの送信")) {
      assertTrue(html.contains(s), s);
    }
    assertTrue(Files.readString(r1.resolve("manifest.md")).contains("「生年」"));
    for (String ds : List.of("survey", "purchases")) {
      List<Path> files = ParquetLabels.parquetFiles(r1.resolve(ds));
      assertFalse(files.isEmpty());
      for (Path f : files) {
        Map<String, String> kv = footer(f);
        assertEquals(Manifest.STATEMENT.ja(), kv.get("appianon.statement.ja"), f.toString());
        assertEquals(Manifest.STATEMENT.en(), kv.get("appianon.statement.en"));
        assertTrue(kv.get("appianon.prohibited.ja").contains("再識別"));
        assertTrue(kv.get("appianon.prohibited.en").contains("re-identifying"));
        assertEquals("r1", kv.get("appianon.release_id"));
      }
    }
    long surveyRows = spark.read().parquet(r1.resolve("survey").toString()).count();
    assertTrue(surveyRows > 30, "labelled files still read by Spark: " + surveyRows);

    Map<String, Object> audit = lastAudit(fx);
    assertEquals("anonymize", audit.get("command"));
    assertEquals(0, audit.get("exit_code"));
    assertEquals("r1", audit.get("release_id"));
    assertEquals(System.getProperty("user.name"), audit.get("user"));
    assertTrue(((String) audit.get("config_sha256")).matches("[0-9a-f]{64}"));
    List<Map<String, Object>> inputs = (List<Map<String, Object>>) audit.get("inputs");
    assertEquals(2, inputs.size());
    assertEquals(fx.surveyCsv().toString(), inputs.get(0).get("path"));
    assertEquals(FileDigests.sha256(fx.surveyCsv()), inputs.get(0).get("sha256"));
    assertEquals(Files.size(fx.surveyCsv()), ((Number) inputs.get(0).get("bytes")).longValue());
    assertEquals(FileDigests.sha256(fx.purchasesCsv()), inputs.get(1).get("sha256"));

    // 2. provide: refused before the notice interval (P1D), accepted after
    clock.advance(Duration.ofHours(1));
    String[] provide = {
      "provide",
      "r1",
      "--config",
      a,
      "--recipient",
      "acme",
      "--recipient-name",
      "株式会社エーシーエム",
      "--method",
      "encrypted-transfer"
    };
    Cli.Result early = Cli.run(ctx, provide);
    assertEquals(ExitCode.ANNOUNCEMENT.code(), early.code(), early.err());
    assertTrue(
        early
            .err()
            .contains(
                "provide from " + Instant.parse("2026-04-01T00:00:00Z").plus(Duration.ofDays(1))),
        early.err());
    Path pkg = fx.provisions.resolve("r1").resolve("acme");
    assertFalse(Files.exists(pkg));
    assertEquals(6, lastAudit(fx).get("exit_code"));
    assertEquals("announcement", lastAudit(fx).get("outcome"));

    clock.set(T0.plus(Duration.ofDays(2)));
    Cli.Result ok = Cli.run(ctx, provide);
    assertEquals(0, ok.code(), ok.err());
    String ja = Files.readString(pkg.resolve("NOTICE.ja.txt"));
    for (String s :
        List.of(
            "匿名加工情報", "株式会社エーシーエム", "「性別」", "「生年」", "暗号化したファイルの送信", "照合", "再識別", "第44条", "第45条")) {
      assertTrue(ja.contains(s), s + " in\n" + ja);
    }
    String en = Files.readString(pkg.resolve("NOTICE.en.txt"));
    for (String s :
        List.of(
            "anonymously processed information",
            "Sex",
            "Year of birth",
            "encrypted file transfer",
            "re-identifying",
            "collating")) {
      assertTrue(en.contains(s), s + " in\n" + en);
    }
    Map<String, Object> record = Json.read(pkg.resolve("provision.json"));
    assertEquals("r1", record.get("release_id"));
    assertEquals("株式会社エーシーエム", ((Map<String, Object>) record.get("recipient")).get("name"));
    assertEquals("encrypted-transfer", ((Map<String, Object>) record.get("method")).get("id"));
    assertEquals(announcementId, ((Map<String, Object>) record.get("announcement")).get("entry"));
    assertFalse(
        Files.exists(pkg.resolve("report.json")), "no processing-method information goes out");
    List<Path> provided = ParquetLabels.parquetFiles(pkg.resolve("data").resolve("survey"));
    assertFalse(provided.isEmpty());
    Map<String, String> kv = footer(provided.get(0));
    assertEquals(Manifest.STATEMENT.ja(), kv.get("appianon.statement.ja"));
    assertEquals("株式会社エーシーエム", kv.get("appianon.recipient"));
    assertEquals(record.get("provision_id"), kv.get("appianon.provision_id"));
    assertEquals(
        surveyRows, spark.read().parquet(pkg.resolve("data").resolve("survey").toString()).count());

    JsonLinesLog log = new JsonLinesLog(fx.provisions.resolve(Provisioner.LOG));
    assertEquals(1, log.read().size());
    Cli.Result list = Cli.run(ctx, "provisions", "list", "--config", a);
    assertEquals(0, list.code(), list.err());
    assertTrue(
        list.out().contains("acme")
            && list.out().contains("encrypted-transfer")
            && list.out().contains("r1"),
        list.out());
    Cli.Result again = Cli.run(ctx, provide);
    assertEquals(ExitCode.RELEASE.code(), again.code(), "one package per release and recipient");

    Cli.Result web =
        Cli.run(ctx, "provide", "r1", "--config", a, "--recipient", "public", "--method", "web");
    assertEquals(
        ExitCode.ANNOUNCEMENT.code(), web.code(), "publication on the web is a provision too");
    assertTrue(web.err().contains("'web' was never announced"), web.err());

    // 3. a release adding a category is refused under the continuous announcement until a new one
    // is published
    Cli.Result refused = Cli.run(ctx, "--config", b, "--release-id", "r2");
    assertEquals(ExitCode.ANNOUNCEMENT.code(), refused.code(), refused.err());
    assertTrue(refused.err().contains("Added category \"Satisfaction\""), refused.err());
    assertFalse(Files.exists(fx.output.resolve("r2")));
    assertEquals(0, Cli.run(ctx, "announce", "--config", b).code());
    clock.advance(Duration.ofHours(1));
    Cli.Result r2 = Cli.run(ctx, "--config", b, "--release-id", "r2");
    assertEquals(0, r2.code(), r2.err());
    Map<String, Object> m2 =
        (Map<String, Object>)
            Json.read(fx.output.resolve("r2").resolve("manifest.json")).get("announcement");
    assertEquals(true, m2.get("adds_category"));
    assertEquals("release-r1", m2.get("changes_since"));
    String index = Files.readString(fx.output.resolve(DisclosureHistory.DIR).resolve("index.html"));
    int r2Section = index.indexOf("id=\"ja-release-r2\"");
    assertTrue(r2Section > 0);
    assertTrue(
        index.indexOf("「顧客アンケート回答」に項目「満足度」を追加", r2Section) > r2Section,
        "the release that adds a category says so");
    assertEquals(
        4, DisclosureHistory.load(fx.output).entries().size(), "2 announcements and 2 releases");
  }
}
