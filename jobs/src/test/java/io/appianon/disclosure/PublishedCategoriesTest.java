package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.TestProject;
import io.appianon.TestSpark;
import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.job.JobConfig;
import io.appianon.release.Manifest;
import io.appianon.testing.Cli;
import java.nio.file.Path;
import java.time.Clock;
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
 * The categories a release's page says are contained are those present in the published files: a column that is
 * {@code *} or null in every written row is listed as removed. And the settings of what the announcement says are
 * checked at plan time.
 */
class PublishedCategoriesTest {
  @TempDir Path tmp;

  @Test
  void aColumnStarOrNullInEveryWrittenRowIsNotContained() throws Exception {
    SparkSession spark = TestSpark.session();
    Path staging = tmp.resolve("staging");
    // Two files (partitions): prefecture is '*' in every row of both, sex null in every row, age has values.
    Dataset<Row> rows = spark.sql("SELECT CAST(id AS STRING) AS member_id, '*' AS prefecture,"
        + " CAST(NULL AS STRING) AS sex, CASE WHEN id % 2 = 0 THEN '30-34' ELSE '*' END AS age"
        + " FROM range(0, 40, 1, 2)");
    rows.write().parquet(staging.resolve("survey").toString());
    assertEquals(Set.of("prefecture", "sex"), PublishedColumns.withheld(staging.resolve("survey")));

    Map<String, Object> manifest = Map.of("datasets", List.of(Map.of("name", "survey", "categories", List.of(
        category("member_id", "会員ID", "Member ID"), category("prefecture", "住所（都道府県）", "Address (prefecture)"),
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
    assertTrue(en.contains("withheld in every record of the published data, so not contained: Address (prefecture)"),
        en);
    // The survey table no longer lists it; the unchanged page does.
    String table = ja.substring(ja.indexOf("顧客アンケート回答"), ja.indexOf("全てのレコードで伏せた"));
    assertFalse(table.contains("「住所（都道府県）」"), table);
    assertTrue(sections(Pages.entryHtml(e)).contains("「住所（都道府県）」本人が特定されない"), "contained without it");
  }

  private static String sections(String html) throws Exception {
    return PagesTest.parse(html).getElementsByTagName("section").item(0).getTextContent().replaceAll("\\s+", "");
  }

  private static Map<String, Object> category(String column, String ja, String en) {
    return Map.of("column", column, "category", Manifest.text(io.appianon.policy.Text.of(ja, en)), "processing",
        Manifest.text(io.appianon.policy.Text.of("加工なし", "not processed")));
  }

  @Test
  void purposeRecipientsAndContinuingAreShownAndARecipientMethodMustBeDeclared() throws Exception {
    JobConfig config = TestProject.config(tmp, Map.of());
    PublicTerms t = config.disclosure().terms();
    assertEquals(List.of("partners", "research"), t.recipients().stream().map(PublicTerms.RecipientClass::id).toList());
    HistoryEntry e = PagesTest.release(config);
    HistoryEntry withTerms = new HistoryEntry(e.id(), HistoryEntry.ANNOUNCEMENT, e.at(), e.date(), Optional.empty(),
        Optional.of(config.disclosure().coverage()), Optional.empty(), e.producer(), e.contact(), e.statement(),
        e.disclosure(), e.securityMeasures(), e.complaints(), Optional.empty(), List.of(), Optional.of(t));
    String ja = sections(Pages.entryHtml(withTerms));
    assertTrue(ja.contains("利用目的" + t.purpose().ja().replaceAll("\\s+", "")), ja);
    assertTrue(ja.contains(t.recipients().get(1).name().ja()) && ja.contains(t.continuing().get().ja()
        .replaceAll("\\s+", "")), ja);
    Path json = tmp.resolve("entry.json");
    io.appianon.release.Json.write(json, withTerms.toJson());
    assertEquals(Optional.of(t), HistoryEntry.fromJson(io.appianon.release.Json.read(json)).terms()
        .map(x -> new PublicTerms(x.purpose(), x.recipients(), t.contact(), x.continuing())), "kept in index.json");

    List<String> args = new ArrayList<>(List.of("plan", "--config",
        TestProject.root().resolve("conf/application.conf").toString()));
    for (Map.Entry<String, Object> o : TestProject.overrides(tmp).entrySet()) {
      if (!o.getKey().equals("appianon.datasets")) {
        args.add("--set");
        args.add(o.getKey() + "=" + o.getValue());
      }
    }
    args.addAll(List.of("--set", "appianon.disclosure.recipients.partners.methods=[fax]"));
    Cli.Result r = Cli.run(new CliContext(Clock.systemUTC(), Map.of(), Optional.empty()),
        args.toArray(new String[0]));
    assertEquals(ExitCode.CONFIG.code(), r.code(), r.err());
    assertTrue(r.err().contains("application.conf") && r.err().contains("appianon.disclosure.recipients.partners"
        + ".methods") && r.err().contains("unknown method of provision 'fax'"), r.err());
  }
}
