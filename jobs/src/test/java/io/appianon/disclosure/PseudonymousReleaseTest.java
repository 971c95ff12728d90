package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.release.Json;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.ParquetLabels;
import io.appianon.release.SecretBox;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pseudonymous kind (仮名加工情報, issue 24 items 1 and 3) through the real command line: the same
 * pipeline makes it, it is labelled as such in its manifest and every Parquet footer, it announces
 * nothing, `provide` refuses it with its own exit code, and the loader refuses, before reading
 * data, a policy that would publish a financial item or a contact field.
 */
class PseudonymousReleaseTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  private static final String SEALED =
      "appianon.release.kind = pseudonymous\nappianon.method-store.encrypt = true";
  private static final String PURPOSE =
      "appianon.release.purpose { ja = \"商品開発のための購買傾向の分析\","
          + " en = \"analysis of buying patterns for product development\" }";
  private static final String PURPOSE2 =
      "appianon.release.purpose { ja = \"店舗配置の最適化\"," + " en = \"optimising store locations\" }";

  @Test
  @SuppressWarnings("unchecked")
  void pseudonymousReleaseIsLabelledAnnouncesNothingAndIsNeverProvided(@TempDir Path dir)
      throws Exception {
    Fixture fx = new Fixture(dir);
    String conf = fx.config("p", "A", SEALED, PURPOSE).toString();
    MutableClock clock = new MutableClock(T0);
    CliContext ctx =
        new CliContext(
            clock, Map.of(SecretBox.ENV, Fixture.PASSPHRASE), Optional.of(TestSpark.get()));

    // the purpose of use is published before use (Art. 41(4))
    Cli.Result unpublished = Cli.run(ctx, "--config", conf, "--release-id", "p1");
    assertEquals(ExitCode.ANNOUNCEMENT.code(), unpublished.code(), unpublished.err());
    assertTrue(
        unpublished.err().contains("purpose of use")
            && unpublished.err().contains("never published"),
        unpublished.err());
    assertFalse(Files.exists(fx.output.resolve("p1")));
    Cli.Result notice = Cli.run(ctx, "announce", "--config", conf);
    assertEquals(0, notice.code(), notice.err());
    Path purposes = fx.output.resolve(DisclosureHistory.DIR).resolve(PurposeNotice.DIR);
    String page;
    try (Stream<Path> s = Files.list(purposes)) {
      page =
          Files.readString(s.filter(f -> f.toString().endsWith(".html")).findFirst().orElseThrow());
    }
    assertTrue(page.contains("商品開発のための購買傾向の分析") && page.contains("第41条第4項"), page);
    clock.advance(Duration.ofMinutes(5));

    Cli.Result rel = Cli.run(ctx, "--config", conf, "--release-id", "p1");
    assertEquals(0, rel.code(), rel.err());
    Path release = fx.output.resolve("p1");
    Map<String, Object> manifest = Json.read(release.resolve("manifest.json"));
    assertEquals("pseudonymous", manifest.get("kind"));
    assertEquals("商品開発のための購買傾向の分析", ((Map<String, Object>) manifest.get("purpose")).get("ja"));
    assertTrue(((String) manifest.get("purpose_notice")).startsWith("purpose-"));
    assertEquals("仮名加工情報", ((Map<String, Object>) manifest.get("status")).get("ja"));
    assertTrue(((Map<String, String>) manifest.get("statement")).get("ja").contains("第41条第1項"));
    assertTrue(((Map<String, String>) manifest.get("prohibited")).get("en").contains("Art. 41(6)"));
    for (String ds : List.of("survey", "purchases")) {
      List<Path> files = ParquetLabels.parquetFiles(release.resolve(ds));
      assertFalse(files.isEmpty(), ds);
      for (Path f : files) {
        Map<String, String> kv = ParquetLabels.read(f);
        assertEquals("仮名加工情報", kv.get("appianon.status.ja"), f.toString());
        assertEquals("pseudonymous", kv.get("appianon.kind"));
        assertFalse(kv.get("appianon.statement.ja").contains("匿名加工情報"), "not labelled anonymous");
      }
    }
    // linking codes are keyed pseudonyms, survey and purchases still link; no announcement, no
    // public page
    String m1 =
        TestSpark.get()
            .read()
            .parquet(release.resolve("survey").toString())
            .select("member_id")
            .first()
            .getString(0);
    assertTrue(m1.matches("[0-9a-f]{32}"), m1);
    assertTrue(
        TestSpark.get()
                .read()
                .parquet(release.resolve("survey").toString())
                .join(
                    TestSpark.get().read().parquet(release.resolve("purchases").toString()),
                    "member_id")
                .count()
            > 0);
    assertEquals(List.of(), DisclosureHistory.load(fx.output).entries(), "nothing announced");
    assertFalse(Files.exists(release.resolve("manifest.html")), "no public disclosure page");

    clock.set(T0.plus(Duration.ofDays(30)));
    Cli.Result provide =
        Cli.run(
            ctx,
            "provide",
            "p1",
            "--config",
            conf,
            "--recipient",
            "acme",
            "--method",
            "encrypted-transfer");
    assertEquals(ExitCode.THIRD_PARTY.code(), provide.code(), provide.err());
    assertEquals(7, provide.code());
    assertTrue(
        provide.err().contains("may not be provided to a third party (APPI Art. 41(6))"),
        provide.err());
    assertFalse(Files.exists(fx.provisions.resolve("p1")), "nothing packaged");
    assertFalse(
        Files.exists(fx.provisions.resolve(Provisioner.LOG)), "nothing recorded as provided");

    // a changed purpose: refused until its notice is published, then accepted
    String conf2 = fx.config("p2", "A", SEALED, PURPOSE2).toString();
    Cli.Result changed = Cli.run(ctx, "--config", conf2, "--release-id", "p2");
    assertEquals(ExitCode.ANNOUNCEMENT.code(), changed.code(), changed.err());
    assertTrue(
        changed.err().contains("purpose of use changed")
            && changed.err().contains("optimising store"),
        changed.err());
    Cli.Result notice2 = Cli.run(ctx, "announce", "--config", conf2);
    assertEquals(0, notice2.code(), notice2.err());
    assertTrue(notice2.out().contains("changed since purpose-"), notice2.out());
    clock.advance(Duration.ofMinutes(5));
    Cli.Result rel2 = Cli.run(ctx, "--config", conf2, "--release-id", "p2");
    assertEquals(0, rel2.code(), rel2.err());
    assertEquals(
        List.of(), DisclosureHistory.load(fx.output).entries(), "still no category announcement");

    // the deleted information and method (削除情報等) are kept sealed, apart, and deleted on command
    Path method = fx.methodStore.resolve("p1");
    try (Stream<Path> s = Files.walk(method)) {
      List<Path> files = s.filter(Files::isRegularFile).toList();
      assertTrue(files.size() >= 3, files.toString());
      for (Path f : files) {
        assertTrue(f.toString().endsWith(".enc"), "sealed: " + f);
        assertFalse(Files.readString(f).contains("pseudonymize"), "no policy text in clear: " + f);
      }
    }
    Cli.Result delete = Cli.run(ctx, "method-delete", "p1", "--config", conf);
    assertEquals(0, delete.code(), delete.err());
    assertFalse(Files.exists(method), "method information deleted");
    assertTrue(Files.isDirectory(release), "the release itself stays");
    List<Map<String, Object>> audit =
        new JsonLinesLog(fx.methodStore.resolve("audit.jsonl")).read();
    Map<String, Object> last = audit.get(audit.size() - 1);
    assertEquals("method-delete", last.get("command"));
    assertEquals("p1", last.get("release_id"));
    assertTrue(((Number) last.get("deleted_files")).intValue() >= 3, last.toString());
    assertEquals(
        ExitCode.RELEASE.code(),
        Cli.run(ctx, "method-delete", "p1", "--config", conf).code(),
        "nothing left to delete");
  }

  @Test
  void theLoaderRefusesAnUnknownKindAFinancialItemAndAContactFieldBeforeReadingData(
      @TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    CliContext ctx =
        new CliContext(
            new MutableClock(T0), Map.of(), Optional.empty()); // no Spark: fails before it
    String bad = fx.config("bad", "A", "appianon.release.kind = semi-anonymous").toString();
    Cli.Result kind = Cli.run(ctx, "--config", bad, "--release-id", "x1");
    assertEquals(ExitCode.CONFIG.code(), kind.code(), kind.err());
    assertTrue(
        kind.err().contains(bad)
            && kind.err().contains("appianon.release.kind")
            && kind.err().contains("anonymous or pseudonymous"),
        kind.err());

    Path survey = fx.policies.resolve("survey-A.conf");
    String original = Files.readString(survey);
    String card =
        "{ name = card_number, role = financial, category { ja = \"クレジットカード番号\", en = \"Card number\" } }";
    Files.writeString(
        survey, original.replace("    { name = sex,", "    " + card + "\n    { name = sex,"));
    String unsealed = fx.config("u", "A", "appianon.release.kind = pseudonymous").toString();
    Cli.Result open = Cli.run(ctx, "--config", unsealed, "--release-id", "x0");
    assertEquals(ExitCode.CONFIG.code(), open.code(), open.err());
    assertTrue(
        open.err().contains("appianon.method-store.encrypt") && open.err().contains("must be true"),
        open.err());
    String conf = fx.config("p", "A", SEALED, PURPOSE).toString();
    Cli.Result financial = Cli.run(ctx, "--config", conf, "--release-id", "x2");
    assertEquals(ExitCode.CONFIG.code(), financial.code(), financial.err());
    assertTrue(
        financial.err().contains(survey.toString())
            && financial.err().contains("dataset.transforms")
            && financial.err().contains("column 'card_number' has role financial"),
        financial.err());
    assertFalse(Files.exists(fx.output.resolve("x2")));

    String email =
        "{ name = email, role = identifier, category { ja = \"メールアドレス\", en = \"E-mail\" } }";
    Files.writeString(
        survey, original.replace("    { name = sex,", "    " + email + "\n    { name = sex,"));
    Cli.Result contact = Cli.run(ctx, "--config", conf, "--release-id", "x3");
    assertEquals(ExitCode.CONFIG.code(), contact.code(), contact.err());
    assertTrue(contact.err().contains("column 'email' has role identifier"), contact.err());

    Files.writeString(
        survey,
        original
            .replace("    { name = sex,", "    " + card + "\n    { name = sex,")
            .replace(
                "{ type = delete, columns = [name, satisfaction] }",
                "{ type = delete, columns = [name, satisfaction, card_number] }"));
    Cli.Result deleted = Cli.run(ctx, "plan", "--config", conf);
    assertEquals(0, deleted.code(), "a deleted financial item is fine: " + deleted.err());
  }
}
