package io.appianon.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.io.InputReader;
import io.appianon.release.Json;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import io.appianon.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 items 5-8 through the real command line, with the shipped configuration and policies on
 * files made from the bundled sample data: what bad input does to a run (exit code, message,
 * report.json, quarantine, release).
 */
class BadInputTest {
  private static final Charset SJIS = Charset.forName("windows-31j");
  private final SparkSession spark = TestSpark.get();
  private final CliContext ctx =
      new CliContext(
          new MutableClock(Instant.parse("2026-12-01T00:00:00Z")), Map.of(), Optional.of(spark));

  /**
   * The shipped conf/application.conf with one dataset's shipped policy, its input and outputs
   * under {@code dir}.
   */
  private static List<String> args(
      Path dir, String dataset, Path input, String policy, String... more) {
    Path root = TestProject.root();
    List<String> a =
        new ArrayList<>(
            List.of(
                "--config",
                root.resolve("conf/application.conf").toString(),
                "--release-id",
                "r1",
                "--set",
                "appianon.release.output=" + dir.resolve("releases"),
                "--set",
                "appianon.quarantine.dir=" + dir.resolve("quarantine"),
                "--set",
                "appianon.method-store.dir=" + dir.resolve("method-store"),
                "--set",
                "appianon.provisions.dir=" + dir.resolve("provisions"),
                "--set",
                "appianon.hierarchies.dir=" + root.resolve("sample-data/hierarchies"),
                "--set",
                "appianon.datasets=[\"" + policy + "\"]",
                "--set",
                "appianon.inputs." + dataset + "=" + input));
    a.addAll(List.of(more));
    return a;
  }

  private static String shipped(String dataset) {
    return TestProject.root().resolve("conf/policies/" + dataset + ".conf").toString();
  }

  /**
   * The bundled survey's records (header first), each with its line breaks, as written in the file.
   */
  private static List<String> surveyRecords() throws IOException {
    String all = Files.readString(TestProject.sampleData().resolve("survey.csv"));
    return new ArrayList<>(List.of(all.substring(0, all.length() - 1).split("\n(?=M\\d{7},)")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rows(Map<String, Object> report, String dataset) {
    return (Map<String, Object>)
        ((Map<String, Object>) ((Map<String, Object>) report.get("datasets")).get(dataset))
            .get("rows");
  }

  /**
   * Items 5, 6 and 7 in one survey file: a record in Shift_JIS bytes, an unbalanced quote, a member
   * id on two rows, dates of birth in 2030 and 1800. The run publishes (exit 0); each fault is
   * quarantined with its reason, every other member is published or suppressed, and report.json
   * reconciles in rows and in source lines.
   */
  @Test
  void badSurveyRecordsAreQuarantinedWithTheirReasonsAndTheRestIsPublished(@TempDir Path dir)
      throws IOException {
    List<String> recs = surveyRecords();
    String dupId = recs.get(10).substring(0, recs.get(10).indexOf(','));
    recs.add(dupId + recs.get(11).substring(recs.get(11).indexOf(',')));
    recs.set(20, recs.get(20).replaceFirst(",\\d{4}-\\d{2}-\\d{2},(男性|女性)", ",2030-01-01,$1"));
    recs.set(21, recs.get(21).replaceFirst(",\\d{4}-\\d{2}-\\d{2},(男性|女性)", ",1800-01-01,$1"));
    recs.set(2, recs.get(2).replace(",オーガニック商品", ",\"オーガニック商品"));
    String sjisRecord = recs.remove(30);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write((String.join("\n", recs) + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write((sjisRecord + "\n").getBytes(SJIS));
    Path file = dir.resolve("survey.csv");
    Files.write(file, bytes.toByteArray());

    Cli.Result r =
        Cli.run(ctx, args(dir, "survey", file, shipped("survey")).toArray(new String[0]));
    assertEquals(ExitCode.OK.code(), r.code(), r.err());
    Map<String, Object> rows = rows(Json.read(dir.resolve("releases/r1/report.json")), "survey");
    @SuppressWarnings("unchecked")
    Map<String, Number> reasons = (Map<String, Number>) rows.get("quarantined_by_reason");
    assertEquals(
        2, reasons.get("duplicate-member_id").intValue(), "both rows of the member id: " + reasons);
    assertEquals(1, reasons.get("birth_date: after maximum today").intValue(), reasons.toString());
    assertEquals(
        1, reasons.get("birth_date: before minimum 1900-01-01").intValue(), reasons.toString());
    assertEquals(
        1, reasons.get("malformed-encoding (not valid UTF-8)").intValue(), reasons.toString());
    assertEquals(1, reasons.get(InputReader.REASON_BROKEN_QUOTE).intValue(), reasons.toString());
    long input = ((Number) rows.get("input")).longValue();
    com.univocity.parsers.csv.CsvParserSettings cs =
        new com.univocity.parsers.csv.CsvParserSettings();
    cs.setMaxCharsPerColumn(-1);
    long bundled =
        new com.univocity.parsers.csv.CsvParser(cs)
                .parseAll(
                    new java.io.StringReader(
                        Files.readString(TestProject.sampleData().resolve("survey.csv"))))
                .size()
            - 1;
    assertEquals(
        bundled + 1,
        input,
        "every record read, and the duplicate: the broken quote swallowed none");
    assertEquals(
        input,
        ((Number) rows.get("published")).longValue()
            + ((Number) rows.get("suppressed")).longValue()
            + ((Number) rows.get("quarantined")).longValue());
    @SuppressWarnings("unchecked")
    Map<String, Number> lines = (Map<String, Number>) rows.get("source_lines");
    long physical =
        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().count();
    assertEquals(
        physical - 1, lines.get("input").longValue(), "every line but the header: " + lines);
    assertEquals(
        lines.get("input").longValue(),
        lines.get("published_or_suppressed").longValue() + lines.get("quarantined").longValue());
    String quarantine =
        Files.walk(dir.resolve("quarantine/r1/survey"))
            .filter(p -> p.toString().endsWith(".json"))
            .map(
                p -> {
                  try {
                    return Files.readString(p);
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .collect(Collectors.joining());
    assertTrue(
        quarantine.contains("2030-01-01")
            && quarantine.contains("1800-01-01")
            && quarantine.contains("line 3"),
        "quarantine keeps what was in the file and names the line");
  }

  /**
   * Item 5: a whole survey in Shift_JIS declared UTF-8 fails (exit 3), naming Shift_JIS; nothing is
   * published.
   */
  @Test
  void aShiftJisFileDeclaredUtf8FailsNamingTheEncoding(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("survey.csv");
    Files.write(
        file,
        Files.readString(TestProject.sampleData().resolve("survey.csv"))
            .replace('\uFF0D', '\u2212')
            .getBytes(SJIS));
    Cli.Result r =
        Cli.run(ctx, args(dir, "survey", file, shipped("survey")).toArray(new String[0]));
    assertEquals(ExitCode.INPUT.code(), r.code(), r.err());
    assertTrue(
        r.err().contains("not valid UTF-8")
            && r.err().contains("Shift_JIS")
            && r.err().contains("encoding = windows-31j"),
        r.err());
    assertFalse(Files.exists(dir.resolve("releases/r1")));
  }

  /**
   * Item 8 with the shipped purchases policy: a payment_method (role attribute) carrying a clerk's
   * name, a phone number and an e-mail address fails the run (exit 3) naming the column and the
   * count, before anything is written. The bundled payment methods, stores and categories pass (the
   * end-to-end test runs the bundled data).
   */
  @Test
  void identifiersInAPublishedAttributeFailTheRunByDefault(@TempDir Path dir) throws IOException {
    List<String> lines =
        new ArrayList<>(Files.readAllLines(TestProject.sampleData().resolve("purchases.csv")));
    int changed = 0;
    for (int i = 1; i < lines.size() && changed < 3; i++) {
      if (lines.get(i).contains(",現金,")) {
        lines.set(i, lines.get(i).replace(",現金,", ",現金 担当 山田太郎 090-1234-5678 yamada@example.jp,"));
        changed++;
      }
    }
    Path file = dir.resolve("purchases.csv");
    Files.writeString(file, String.join("\n", lines) + "\n");
    Cli.Result r =
        Cli.run(ctx, args(dir, "purchases", file, shipped("purchases")).toArray(new String[0]));
    assertEquals(ExitCode.INPUT.code(), r.code(), r.out() + r.err());
    assertTrue(
        r.err().contains("payment_method (3 rows)") && r.err().contains("sentinel = scrub"),
        r.err());
    assertFalse(Files.exists(dir.resolve("releases/r1")), "nothing published");
  }

  /**
   * Item 8: the policy may choose sentinel = report (counted in report.json) or scrub (replaced by
   * tags).
   */
  @Test
  void aColumnMaySayReportOrScrubInstead(@TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    List<String> lines = new ArrayList<>(Files.readAllLines(fx.purchasesCsv()));
    lines.set(1, lines.get(1).replace(",野菜,", ",野菜 担当 山田太郎 090-1234-5678,"));
    Files.writeString(fx.purchasesCsv(), String.join("\n", lines) + "\n");
    Path policy = fx.policies.resolve("purchases.conf");
    String original = Files.readString(policy);
    String decl = "{ name = category, role = attribute,";

    Cli.Result fail = Cli.run(ctx, "--config", fx.config("c", "A").toString(), "--release-id", "f");
    assertEquals(ExitCode.INPUT.code(), fail.code(), fail.err());
    assertTrue(fail.err().contains("category (1 rows)"), fail.err());

    Files.writeString(policy, original.replace(decl, decl + " sentinel = report,"));
    Cli.Result report =
        Cli.run(ctx, "--config", fx.config("c", "A").toString(), "--release-id", "rep");
    assertEquals(ExitCode.OK.code(), report.code(), report.err());
    assertEquals(1L, sentinelCount(fx.output.resolve("rep/report.json"), "category"));

    Files.writeString(policy, original.replace(decl, decl + " sentinel = scrub,"));
    Cli.Result scrub =
        Cli.run(ctx, "--config", fx.config("c", "A").toString(), "--release-id", "scr");
    assertEquals(ExitCode.OK.code(), scrub.code(), scrub.err());
    assertEquals(1L, sentinelCount(fx.output.resolve("scr/report.json"), "category"));
    List<String> values =
        spark
            .read()
            .parquet(fx.output.resolve("scr/purchases").toString())
            .select("category")
            .collectAsList()
            .stream()
            .map(x -> x.getString(0))
            .toList();
    assertTrue(
        values.stream().anyMatch(v -> v.contains("[PHONE]") && v.contains("[NAME]")),
        values.toString());
    assertTrue(
        values.stream().noneMatch(v -> v.contains("090-1234-5678") || v.contains("山田")),
        values.toString());
    assertTrue(values.contains("野菜"), "other values untouched");
    assertTrue(
        Files.readString(fx.output.resolve("scr/manifest.json")).contains("replaced by tags"),
        "the manifest says so");
  }

  @SuppressWarnings("unchecked")
  private static long sentinelCount(Path reportJson, String column) throws IOException {
    Map<String, Object> ds =
        (Map<String, Object>)
            ((Map<String, Object>) Json.read(reportJson).get("datasets")).get("purchases");
    for (Map<String, Object> m : (List<Map<String, Object>>) ds.get("techniques")) {
      if ("sentinel".equals(m.get("type")) && column.equals(m.get("column"))) {
        return ((Number) m.get("value")).longValue();
      }
    }
    throw new AssertionError("no sentinel count for " + column + " in " + ds.get("techniques"));
  }
}
