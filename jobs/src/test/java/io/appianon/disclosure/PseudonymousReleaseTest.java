package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.release.Json;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pseudonymous kind (仮名加工情報, issue 24 items 1 and 3) through the real command line: the same pipeline makes
 * it, it is labelled as such in its manifest and every Parquet footer, it announces nothing, `provide` refuses it with
 * its own exit code, and the loader refuses, before reading data, a policy that would publish a financial item or a
 * contact field.
 */
class PseudonymousReleaseTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

  @Test
  @SuppressWarnings("unchecked")
  void pseudonymousReleaseIsLabelledAnnouncesNothingAndIsNeverProvided(@TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    String conf = fx.config("p", "A", "appianon.release.kind = pseudonymous").toString();
    MutableClock clock = new MutableClock(T0);
    CliContext ctx = new CliContext(clock, Map.of(), Optional.of(TestSpark.get()));

    Cli.Result rel = Cli.run(ctx, "--config", conf, "--release-id", "p1");
    assertEquals(0, rel.code(), rel.err());
    Path release = fx.output.resolve("p1");
    Map<String, Object> manifest = Json.read(release.resolve("manifest.json"));
    assertEquals("pseudonymous", manifest.get("kind"));
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
    // linking codes are keyed pseudonyms, survey and purchases still link; no announcement, no public page
    String m1 = TestSpark.get().read().parquet(release.resolve("survey").toString()).select("member_id").first()
        .getString(0);
    assertTrue(m1.matches("[0-9a-f]{32}"), m1);
    assertTrue(TestSpark.get().read().parquet(release.resolve("survey").toString())
        .join(TestSpark.get().read().parquet(release.resolve("purchases").toString()), "member_id").count() > 0);
    assertEquals(List.of(), DisclosureHistory.load(fx.output).entries(), "nothing announced");
    assertFalse(Files.exists(release.resolve("manifest.html")), "no public disclosure page");

    clock.set(T0.plus(Duration.ofDays(30)));
    Cli.Result provide = Cli.run(ctx, "provide", "p1", "--config", conf, "--recipient", "acme", "--method",
        "encrypted-transfer");
    assertEquals(ExitCode.THIRD_PARTY.code(), provide.code(), provide.err());
    assertEquals(7, provide.code());
    assertTrue(provide.err().contains("may not be provided to a third party (APPI Art. 41(6))"), provide.err());
    assertFalse(Files.exists(fx.provisions.resolve("p1")), "nothing packaged");
    assertFalse(Files.exists(fx.provisions.resolve(Provisioner.LOG)), "nothing recorded as provided");

    Cli.Result announce = Cli.run(ctx, "announce", "--config", conf);
    assertEquals(ExitCode.CONFIG.code(), announce.code(), "no category announcement for the pseudonymous kind");
  }

  @Test
  void theLoaderRefusesAnUnknownKindAFinancialItemAndAContactFieldBeforeReadingData(@TempDir Path dir)
      throws Exception {
    Fixture fx = new Fixture(dir);
    CliContext ctx = new CliContext(new MutableClock(T0), Map.of(), Optional.empty()); // no Spark: fails before it
    String bad = fx.config("bad", "A", "appianon.release.kind = semi-anonymous").toString();
    Cli.Result kind = Cli.run(ctx, "--config", bad, "--release-id", "x1");
    assertEquals(ExitCode.CONFIG.code(), kind.code(), kind.err());
    assertTrue(kind.err().contains(bad) && kind.err().contains("appianon.release.kind")
        && kind.err().contains("anonymous or pseudonymous"), kind.err());

    Path survey = fx.policies.resolve("survey-A.conf");
    String original = Files.readString(survey);
    String card = "{ name = card_number, role = financial, category { ja = \"クレジットカード番号\", en = \"Card number\" } }";
    Files.writeString(survey, original.replace("    { name = sex,", "    " + card + "\n    { name = sex,"));
    String conf = fx.config("p", "A", "appianon.release.kind = pseudonymous").toString();
    Cli.Result financial = Cli.run(ctx, "--config", conf, "--release-id", "x2");
    assertEquals(ExitCode.CONFIG.code(), financial.code(), financial.err());
    assertTrue(financial.err().contains(survey.toString()) && financial.err().contains("dataset.transforms")
        && financial.err().contains("column 'card_number' has role financial"), financial.err());
    assertFalse(Files.exists(fx.output.resolve("x2")));

    String email = "{ name = email, role = identifier, category { ja = \"メールアドレス\", en = \"E-mail\" } }";
    Files.writeString(survey, original.replace("    { name = sex,", "    " + email + "\n    { name = sex,"));
    Cli.Result contact = Cli.run(ctx, "--config", conf, "--release-id", "x3");
    assertEquals(ExitCode.CONFIG.code(), contact.code(), contact.err());
    assertTrue(contact.err().contains("column 'email' has role identifier"), contact.err());

    Files.writeString(survey, original.replace("    { name = sex,", "    " + card + "\n    { name = sex,")
        .replace("{ type = delete, columns = [name, satisfaction] }",
            "{ type = delete, columns = [name, satisfaction, card_number] }"));
    Cli.Result deleted = Cli.run(ctx, "plan", "--config", conf);
    assertEquals(0, deleted.code(), "a deleted financial item is fine: " + deleted.err());
  }
}
