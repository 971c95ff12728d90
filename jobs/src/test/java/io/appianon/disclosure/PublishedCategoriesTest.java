package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.job.JobConfig;
import io.appianon.release.Json;
import io.appianon.release.Manifest;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * The categories a release's page says are contained are those present in the published files: a
 * column that is {@code *} or null in every written row is listed as removed. And the settings of
 * what the announcement says are checked at plan time.
 */
class PublishedCategoriesTest {
  @TempDir Path tmp;

  @Test
  void aColumnStarOrNullInEveryWrittenRowIsNotContained() throws Exception {
    SparkSession spark = TestSpark.session();
    Path staging = tmp.resolve("staging");
    // Two files (partitions): prefecture is '*' in every row of both, sex null in every row, age
    // has values.
    Dataset<Row> rows =
        spark.sql(
            "SELECT CAST(id AS STRING) AS member_id, '*' AS prefecture,"
                + " CAST(NULL AS STRING) AS sex, CASE WHEN id % 2 = 0 THEN '30-34' ELSE '*' END AS age"
                + " FROM range(0, 40, 1, 2)");
    rows.write().parquet(staging.resolve("survey").toString());
    assertEquals(Set.of("prefecture", "sex"), PublishedColumns.withheld(staging.resolve("survey")));

    Map<String, Object> manifest =
        Map.of(
            "datasets",
            List.of(
                Map.of(
                    "name",
                    "survey",
                    "categories",
                    List.of(
                        category("member_id", "会員ID", "Member ID"),
                            category("prefecture", "住所（都道府県）", "Address (prefecture)"),
                        category("sex", "性別", "Sex"), category("age", "年齢", "Age")))));
    Map<String, Set<String>> withheld = ReleaseDisclosure.withheld(manifest, staging);
    assertEquals(Map.of("survey", Set.of("住所（都道府県）", "性別")), withheld);

    JobConfig config = TestProject.config(tmp, Map.of());
    HistoryEntry e = PagesTest.release(config);
    String html = Pages.entryHtml(e, PageTemplates.SHIPPED, Map.of("survey", Set.of("住所（都道府県）")));
    NodeList sections = PagesTest.parse(html).getElementsByTagName("section");
    String ja = sections.item(0).getTextContent();
    String en = sections.item(1).getTextContent();
    assertTrue(ja.contains("全てのレコードで伏せたため、含まれない項目: 「住所（都道府県）」"), ja);
    assertTrue(
        en.contains(
            "withheld in every record of the published data, so not contained: Address (prefecture)"),
        en);
    // The survey table no longer lists it; the unchanged page does.
    String table = ja.substring(ja.indexOf("顧客アンケート回答"), ja.indexOf("全てのレコードで伏せた"));
    assertFalse(table.contains("「住所（都道府県）」"), table);
    assertTrue(
        sections(Pages.entryHtml(e)).contains("「住所（都道府県）」本人が特定されない"), "contained without it");
  }

  /**
   * A real release (the real command line on the fixture's data) whose policy pins sex at '*':
   * announced, but withheld in every published row. manifest.json lists as contained only what the
   * files hold (the announced list stays under its own key), and so do the history page index.html,
   * the Parquet footers and the recipient's notice; the announcement check is unchanged (provide
   * still passes it).
   */
  @Test
  @SuppressWarnings("unchecked")
  void aCategoryWithheldInEveryPublishedRowIsNotListedAsContainedInManifestJsonAndIndexHtml()
      throws Exception {
    Fixture fx = new Fixture(tmp.resolve("fx"));
    Path survey = fx.policies.resolve("survey-A.conf");
    String policy = Files.readString(survey);
    String star =
        policy.replace(
            "{ column = sex, hierarchy = none, level = 0 }",
            "{ column = sex, hierarchy = none, level = 1 }");
    assertFalse(star.equals(policy), "sex pinned at '*'");
    Files.writeString(survey, star);
    String conf = fx.config("a", "A").toString();
    MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));
    CliContext ctx = new CliContext(clock, Map.of(), Optional.of(TestSpark.session()));
    Cli.Result ann = Cli.run(ctx, "announce", "--config", conf);
    assertEquals(0, ann.code(), ann.err());
    clock.advance(Duration.ofHours(1));
    Cli.Result rel = Cli.run(ctx, "--config", conf, "--release-id", "r1");
    assertEquals(0, rel.code(), rel.err());
    Path r1 = fx.output.resolve("r1");
    assertEquals(
        List.of("*"),
        TestSpark.session()
            .read()
            .parquet(r1.resolve("survey").toString())
            .select("sex")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList(),
        "the premise");

    Map<String, Object> manifest = Json.read(r1.resolve("manifest.json"));
    Map<String, Object> ds =
        ((List<Map<String, Object>>) manifest.get("datasets"))
            .stream().filter(d -> d.get("name").equals("survey")).findFirst().orElseThrow();
    List<String> contained =
        ((List<Map<String, Object>>) ds.get("categories"))
            .stream()
                .map(c -> (String) ((Map<String, Object>) c.get("category")).get("ja"))
                .toList();
    List<String> announced =
        ((List<Map<String, Object>>) ds.get(DatasetDisclosure.ANNOUNCED))
            .stream()
                .map(c -> (String) ((Map<String, Object>) c.get("category")).get("ja"))
                .toList();
    assertFalse(contained.contains("性別"), "manifest.json categories: " + contained);
    assertTrue(contained.containsAll(List.of("会員ID", "生年")), contained.toString());
    assertTrue(announced.contains("性別") && announced.containsAll(contained), announced.toString());
    assertEquals(List.of(Map.of("ja", "性別", "en", "Sex")), ds.get(DatasetDisclosure.WITHHELD));

    // index.html: the release's entry lists what its files contain; the announcement still what it
    // announced
    String index = Files.readString(fx.output.resolve(DisclosureHistory.DIR).resolve("index.html"));
    List<String> dds = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<dd>([^<]*「会員ID」[^<]*(<br>[^<]*)?)</dd>").matcher(index);
    while (m.find()) {
      dds.add(m.group(1));
    }
    assertTrue(
        dds.stream().anyMatch(d -> d.contains("「性別」") && !d.contains("含まれない")),
        "announced: " + dds);
    assertTrue(
        dds.stream()
            .anyMatch(
                d ->
                    d.startsWith("「")
                        && d.indexOf("「性別」") > d.indexOf("含まれない項目")
                        && d.contains("全てのレコードで伏せたため、含まれない項目: 「性別」")),
        "the release's entry: " + dds);
    assertTrue(
        index.contains("Withheld in every record of the published data, so not contained: Sex"),
        index);
    String page = Files.readString(r1.resolve("manifest.html"));
    assertTrue(page.contains("全てのレコードで伏せたため、含まれない項目: 「性別」"), "manifest.html as before");
    for (Path f : io.appianon.release.ParquetLabels.parquetFiles(r1.resolve("survey"))) {
      String labels = io.appianon.release.ParquetLabels.read(f).get("appianon.categories.ja");
      assertTrue(labels.contains("「会員ID」") && !labels.contains("「性別」"), f + ": " + labels);
    }

    // provide: the announcement check compares what was announced, so it still passes; the notice
    // lists contents
    clock.set(Instant.parse("2026-04-03T00:00:00Z"));
    Cli.Result ok =
        Cli.run(
            ctx,
            "provide",
            "r1",
            "--config",
            conf,
            "--recipient",
            "acme",
            "--method",
            "encrypted-transfer");
    assertEquals(0, ok.code(), ok.err());
    String notice =
        Files.readString(fx.provisions.resolve("r1").resolve("acme").resolve("NOTICE.ja.txt"));
    assertTrue(notice.contains("「生年」") && !notice.contains("「性別」"), notice);
  }

  private static String sections(String html) throws Exception {
    return PagesTest.parse(html)
        .getElementsByTagName("section")
        .item(0)
        .getTextContent()
        .replaceAll("\\s+", "");
  }

  private static Map<String, Object> category(String column, String ja, String en) {
    return Map.of(
        "column",
        column,
        "category",
        Manifest.text(io.appianon.core.Text.of(ja, en)),
        "processing",
        Manifest.text(io.appianon.core.Text.of("加工なし", "not processed")));
  }

  @Test
  void purposeRecipientsAndContinuingAreShownAndARecipientMethodMustBeDeclared() throws Exception {
    JobConfig config = TestProject.config(tmp, Map.of());
    PublicTerms t = config.disclosure().terms();
    assertEquals(
        List.of("partners", "research"),
        t.recipients().stream().map(PublicTerms.RecipientClass::id).toList());
    HistoryEntry e = PagesTest.release(config);
    HistoryEntry withTerms =
        new HistoryEntry(
            e.id(),
            HistoryEntry.ANNOUNCEMENT,
            e.at(),
            e.date(),
            Optional.empty(),
            Optional.of(config.disclosure().coverage()),
            Optional.empty(),
            e.producer(),
            e.contact(),
            e.statement(),
            e.disclosure(),
            e.securityMeasures(),
            e.complaints(),
            Optional.empty(),
            List.of(),
            Optional.of(t));
    String ja = sections(Pages.entryHtml(withTerms));
    assertTrue(ja.contains("利用目的" + t.purpose().ja().replaceAll("\\s+", "")), ja);
    assertTrue(
        ja.contains(t.recipients().get(1).name().ja())
            && ja.contains(t.continuing().get().ja().replaceAll("\\s+", "")),
        ja);
    Path json = tmp.resolve("entry.json");
    io.appianon.release.Json.write(json, withTerms.toJson());
    assertEquals(
        Optional.of(t),
        HistoryEntry.fromJson(io.appianon.release.Json.read(json))
            .terms()
            .map(x -> new PublicTerms(x.purpose(), x.recipients(), t.contact(), x.continuing())),
        "kept in index.json");

    List<String> args =
        new ArrayList<>(
            List.of(
                "plan",
                "--config",
                TestProject.root().resolve("conf/application.conf").toString()));
    for (Map.Entry<String, Object> o : TestProject.overrides(tmp).entrySet()) {
      if (!o.getKey().equals("appianon.datasets")) {
        args.add("--set");
        args.add(o.getKey() + "=" + o.getValue());
      }
    }
    args.addAll(List.of("--set", "appianon.disclosure.recipients.partners.methods=[fax]"));
    Cli.Result r =
        Cli.run(
            new CliContext(Clock.systemUTC(), Map.of(), Optional.empty()),
            args.toArray(new String[0]));
    assertEquals(ExitCode.CONFIG.code(), r.code(), r.err());
    assertTrue(
        r.err().contains("application.conf")
            && r.err().contains("appianon.disclosure.recipients.partners" + ".methods")
            && r.err().contains("unknown method of provision 'fax'"),
        r.err());
  }
}
