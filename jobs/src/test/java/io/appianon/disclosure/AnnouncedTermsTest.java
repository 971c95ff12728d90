package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.cli.CliContext;
import io.appianon.cli.ExitCode;
import io.appianon.testing.Cli;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import io.appianon.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purpose of use and the classes of recipients are part of what an announcement covers (issue
 * 23 leftover): a release or a provision under a changed purpose or changed recipients is refused
 * (exit 6) until a new announcement states them, through the real command line on the fixture's
 * data.
 */
class AnnouncedTermsTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final String PURPOSE2 =
      "appianon.disclosure.purpose { ja = \"広告配信の最適化\"," + " en = \"optimising advertising\" }";
  private static final String RECIPIENTS2 =
      "appianon.disclosure.recipients.brokers { ja = \"データ販売事業者\"," + " en = \"data brokers\" }";

  @Test
  void aChangedPurposeOrRecipientClassNeedsANewAnnouncement(@TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    String a = fx.config("a", "A").toString();
    String purpose = fx.config("p", "A", PURPOSE2).toString();
    String both = fx.config("r", "A", PURPOSE2, RECIPIENTS2).toString();
    MutableClock clock = new MutableClock(T0);
    CliContext ctx = new CliContext(clock, Map.of(), Optional.of(TestSpark.get()));
    assertEquals(0, Cli.run(ctx, "announce", "--config", a).code());
    clock.advance(Duration.ofHours(1));
    Cli.Result r1 = Cli.run(ctx, "--config", a, "--release-id", "r1");
    assertEquals(0, r1.code(), r1.err());

    // same categories and methods, another purpose: refused before any data is read, saying what
    // changed
    clock.advance(Duration.ofHours(1));
    Cli.Result changed = Cli.run(ctx, "--config", purpose, "--release-id", "r2");
    assertEquals(ExitCode.ANNOUNCEMENT.code(), changed.code(), changed.err());
    assertTrue(
        changed.err().contains("Changed the purpose of use")
            && changed.err().contains("optimising advertising"),
        changed.err());
    assertFalse(Files.exists(fx.output.resolve("r2")));
    // a provision of r1 under the changed purpose is refused too, even after the notice interval
    clock.set(T0.plus(Duration.ofDays(2)));
    Cli.Result provide =
        Cli.run(
            ctx,
            "provide",
            "r1",
            "--config",
            purpose,
            "--recipient",
            "acme",
            "--method",
            "encrypted-transfer");
    assertEquals(ExitCode.ANNOUNCEMENT.code(), provide.code(), provide.err());
    assertTrue(provide.err().contains("purpose of use"), provide.err());
    assertEquals(
        0,
        Cli.run(
                ctx,
                "provide",
                "r1",
                "--config",
                a,
                "--recipient",
                "acme",
                "--method",
                "encrypted-transfer")
            .code(),
        "under the announced purpose it is provided");

    // announced: the history page says what changed, and the release runs
    assertEquals(0, Cli.run(ctx, "announce", "--config", purpose).code());
    String index = Files.readString(fx.output.resolve(DisclosureHistory.DIR).resolve("index.html"));
    assertTrue(index.contains("利用目的を変更") && index.contains("広告配信の最適化"), "the change is published");
    clock.advance(Duration.ofHours(1));
    Cli.Result r2 = Cli.run(ctx, "--config", purpose, "--release-id", "r2");
    assertEquals(0, r2.code(), r2.err());

    // a class of recipients added: refused until announced
    clock.advance(Duration.ofHours(1));
    Cli.Result recipients = Cli.run(ctx, "--config", both, "--release-id", "r3");
    assertEquals(ExitCode.ANNOUNCEMENT.code(), recipients.code(), recipients.err());
    assertTrue(
        recipients.err().contains("Added a class of recipients: data brokers"), recipients.err());
    assertEquals(0, Cli.run(ctx, "announce", "--config", both).code());
    clock.advance(Duration.ofHours(1));
    assertEquals(0, Cli.run(ctx, "--config", both, "--release-id", "r3").code());
  }
}
