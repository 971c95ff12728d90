package io.appianon.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appianon.job.AnonymizeJob;
import io.appianon.job.JobConfig;
import io.appianon.release.Json;
import io.appianon.release.Manifest;
import io.appianon.release.ReleaseException;
import io.appianon.testing.Fixture;
import io.appianon.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnouncementGateTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static Disclosure planned(JobConfig c) {
    return Disclosure.planned(new AnonymizeJob(c).policies(), c.disclosure().methodList());
  }

  private static HistoryEntry fakeRelease(DisclosureHistory h, JobConfig c, String id, Instant at) {
    return new HistoryEntry(
        h.newId("release-" + id),
        HistoryEntry.RELEASE,
        at,
        LocalDate.ofInstant(at, TOKYO),
        Optional.of(id),
        Optional.empty(),
        Optional.empty(),
        c.producerName(),
        c.producerContact(),
        Manifest.STATEMENT,
        planned(c),
        c.disclosure().securityMeasures(),
        c.disclosure().complaints(),
        Optional.empty(),
        List.of());
  }

  @Test
  void continuousAnnouncementCoversUnchangedReleasesAndRefusesAnAddedCategoryUntilReannounced(
      @TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    JobConfig a = Fixture.load(fx.config("a", "A"));
    JobConfig b = Fixture.load(fx.config("b", "B"));
    MutableClock clock = new MutableClock(T0);
    HistoryEntry first = Announcer.announce(a, new AnonymizeJob(a).policies(), clock);
    assertTrue(first.changesSince().isEmpty());

    clock.advance(Duration.ofHours(1));
    ReleaseDisclosure covered =
        ReleaseDisclosure.prepare(a, "r1", new AnonymizeJob(a).policies(), clock.instant());
    assertEquals(
        Optional.of(first.id()), covered.coveredBy(), "unchanged: no new announcement needed");

    AnnouncementException refused =
        assertThrows(
            AnnouncementException.class,
            () ->
                ReleaseDisclosure.prepare(
                    b, "r2", new AnonymizeJob(b).policies(), clock.instant()));
    assertTrue(
        refused
            .getMessage()
            .contains("Added category \"Satisfaction\" to \"Customer survey answers\""),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("appi-anon announce"), refused.getMessage());

    clock.advance(Duration.ofDays(1));
    HistoryEntry second = Announcer.announce(b, new AnonymizeJob(b).policies(), clock);
    assertTrue(second.addsCategory());
    assertEquals(Optional.of(first.id()), second.changesSince());
    assertEquals(
        List.of("「顧客アンケート回答」に項目「満足度」を追加"),
        second.changes().stream().map(c -> c.text().ja()).toList());
    assertEquals(
        Optional.of(second.id()),
        ReleaseDisclosure.prepare(b, "r2", new AnonymizeJob(b).policies(), clock.instant())
            .coveredBy());

    Path disclosures = fx.output.resolve(DisclosureHistory.DIR);
    String index = Files.readString(disclosures.resolve("index.html"));
    assertTrue(index.contains("「顧客アンケート回答」に項目「満足度」を追加"), "the history says so in Japanese");
    assertTrue(
        index.contains(
            "Added category &quot;Satisfaction&quot; to &quot;Customer survey answers&quot;"));
    assertTrue(index.contains("項目が追加されています。") && index.contains("Categories have been added."));
    PagesTest.parse(index);
    Map<String, Object> json = Json.read(disclosures.resolve("index.json"));
    List<?> entries = (List<?>) json.get("entries");
    assertEquals(2, entries.size());
    assertEquals(true, ((Map<?, ?>) entries.get(1)).get("adds_category"));
    assertTrue(Files.exists(disclosures.resolve(first.id() + ".html")));
    assertTrue(Files.exists(disclosures.resolve(second.id() + ".md")));
  }

  @Test
  void periodAnnouncementCoversOnlyItsDatesAndSingleOneOnlyTheNextRelease(@TempDir Path dir)
      throws Exception {
    Fixture fx = new Fixture(dir);
    JobConfig period =
        Fixture.load(
            fx.config(
                "p",
                "A",
                "appianon.disclosure.announcement { continuous = false,"
                    + " from = \"2026-04-01\", until = \"2026-04-30\" }"));
    JobConfig changed = Fixture.load(fx.config("b", "B"));
    MutableClock clock = new MutableClock(Instant.parse("2026-03-25T00:00:00Z"));
    HistoryEntry a = Announcer.announce(period, new AnonymizeJob(period).policies(), clock);
    DisclosureHistory h = DisclosureHistory.load(fx.output);
    assertEquals(
        Optional.of(a), AnnouncementGate.inEffect(h, Instant.parse("2026-04-10T00:00:00Z"), TOKYO));
    assertEquals(
        Optional.empty(),
        AnnouncementGate.inEffect(h, Instant.parse("2026-03-30T00:00:00Z"), TOKYO));
    assertEquals(
        Optional.empty(),
        AnnouncementGate.inEffect(h, Instant.parse("2026-05-01T00:00:00Z"), TOKYO));
    // outside the period a changed release is not bound by it: it announces itself at creation
    assertEquals(
        Optional.empty(),
        AnnouncementGate.forRelease(
                h, planned(changed), Instant.parse("2026-05-01T00:00:00Z"), TOKYO)
            .coveredBy());
    assertThrows(
        AnnouncementException.class,
        () ->
            AnnouncementGate.forRelease(
                h, planned(changed), Instant.parse("2026-04-10T00:00:00Z"), TOKYO));

    Fixture fx2 = new Fixture(dir.resolve("single"));
    JobConfig single =
        Fixture.load(fx2.config("s", "A", "appianon.disclosure.announcement.continuous = false"));
    HistoryEntry s = Announcer.announce(single, new AnonymizeJob(single).policies(), clock);
    DisclosureHistory h2 = DisclosureHistory.load(fx2.output);
    assertEquals(
        Optional.of(s),
        AnnouncementGate.forRelease(h2, planned(single), clock.instant(), TOKYO).coveredBy());
    h2.append(fakeRelease(h2, single, "r1", clock.instant()));
    assertEquals(
        Optional.empty(), AnnouncementGate.inEffect(h2, clock.instant(), TOKYO), "used by r1");
  }

  @Test
  void provisionNeedsTheCategoriesAndMethodAnnouncedAtLeastMinNoticeBefore(@TempDir Path dir)
      throws Exception {
    Fixture fx = new Fixture(dir);
    JobConfig a = Fixture.load(fx.config("a", "A"));
    JobConfig b = Fixture.load(fx.config("b", "B"));
    HistoryEntry ann = Announcer.announce(a, new AnonymizeJob(a).policies(), new MutableClock(T0));
    DisclosureHistory h = DisclosureHistory.load(fx.output);
    Duration day = Duration.ofDays(1);

    AnnouncementException early =
        assertThrows(
            AnnouncementException.class,
            () ->
                AnnouncementGate.forProvision(
                    h,
                    "r1",
                    planned(a),
                    "encrypted-transfer",
                    T0.plus(Duration.ofHours(2)),
                    day,
                    TOKYO));
    assertTrue(early.getMessage().contains("provide from " + T0.plus(day)), early.getMessage());
    assertEquals(
        ann,
        AnnouncementGate.forProvision(
            h, "r1", planned(a), "encrypted-transfer", T0.plus(day), day, TOKYO));
    AnnouncementException web =
        assertThrows(
            AnnouncementException.class,
            () ->
                AnnouncementGate.forProvision(
                    h, "r1", planned(a), "web", T0.plus(Duration.ofDays(3)), day, TOKYO));
    assertTrue(web.getMessage().contains("'web' was never announced"), web.getMessage());
    AnnouncementException other =
        assertThrows(
            AnnouncementException.class,
            () ->
                AnnouncementGate.forProvision(
                    h,
                    "r2",
                    planned(b),
                    "encrypted-transfer",
                    T0.plus(Duration.ofDays(3)),
                    day,
                    TOKYO));
    assertTrue(other.getMessage().contains("match no public announcement"), other.getMessage());
  }

  @Test
  void historyFolderNameCannotBeAReleaseId(@TempDir Path dir) throws Exception {
    Fixture fx = new Fixture(dir);
    JobConfig a = Fixture.load(fx.config("a", "A"));
    assertThrows(
        ReleaseException.class,
        () ->
            ReleaseDisclosure.prepare(
                a, DisclosureHistory.DIR, new AnonymizeJob(a).policies(), T0));
    assertFalse(Files.exists(fx.output.resolve(DisclosureHistory.DIR)));
  }
}
