package io.appianon.disclosure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the public announcements in the history cover a release or a provision.
 *
 * <p><b>Release</b> (Art. 43(3)). The announcement in effect is the latest one when it covers
 * repeated releases (continuous, or a period containing today), or when it covers the next release
 * only and no release followed it yet. A release that discloses exactly what that announcement
 * declared (same categories, processing and methods of provision) is covered and needs no new
 * announcement; one that differs is refused until a new announcement is published ({@code appi-anon
 * announce}). With no announcement in effect, the release publishes its own creation announcement
 * (allowed: Art. 43(3) asks for it without delay after creation).
 *
 * <p><b>Provision</b> (Art. 43(4), 44). The categories and the method of provision must have been
 * announced (by an announcement, or a release's creation announcement, with the same categories and
 * processing and that method) at least {@code min-notice} before, so the public could know.
 * Publishing on the web is a provision too.
 */
public final class AnnouncementGate {
  private AnnouncementGate() {}

  /** The outcome for a release. */
  public record ReleaseDecision(
      Optional<HistoryEntry> coveredBy,
      Optional<HistoryEntry> previousRelease,
      List<Change> changesSincePreviousRelease) {}

  /**
   * Checks a planned (or produced) release against the history; throws {@link
   * AnnouncementException} if refused.
   */
  public static ReleaseDecision forRelease(
      DisclosureHistory history, Disclosure release, Instant now, ZoneId zone) {
    return forRelease(history, release, Optional.empty(), now, zone);
  }

  /**
   * As above, where the release is made under {@code terms} (purpose of use, classes of
   * recipients): an announcement that stated other terms does not cover it (an entry written before
   * terms were recorded is not compared).
   */
  public static ReleaseDecision forRelease(
      DisclosureHistory history,
      Disclosure release,
      Optional<PublicTerms> terms,
      Instant now,
      ZoneId zone) {
    Optional<HistoryEntry> previous = history.lastRelease();
    List<Change> sincePrevious =
        new java.util.ArrayList<>(
            previous.map(p -> release.changesSince(p.disclosure())).orElse(List.of()));
    previous.ifPresent(p -> sincePrevious.addAll(PublicTerms.changes(p.terms(), terms)));
    Optional<HistoryEntry> inEffect = inEffect(history, now, zone);
    if (inEffect.isEmpty()) {
      return new ReleaseDecision(Optional.empty(), previous, sincePrevious);
    }
    HistoryEntry a = inEffect.get();
    if (a.disclosure().fingerprint().equals(release.fingerprint()) && sameTerms(a, terms)) {
      return new ReleaseDecision(inEffect, previous, sincePrevious);
    }
    StringBuilder m =
        new StringBuilder(
            "release refused: announcement "
                + a.id()
                + " of "
                + a.date()
                + " ("
                + a.coverage().orElse(DisclosureConfig.Coverage.SINGLE).describe().en()
                + ") is in effect, and this"
                + " release's categories, processing, methods of provision, purpose of use or classes of recipients differ"
                + " from it:");
    for (Change c : release.changesSince(a.disclosure())) {
      m.append("\n  - ").append(c.text().en());
    }
    for (Change c : PublicTerms.changes(a.terms(), terms)) {
      m.append("\n  - ").append(c.text().en());
    }
    m.append("\nPublish a new announcement first: run `appi-anon announce`, upload ")
        .append(history.dir())
        .append(" to your website, then run the release again.");
    throw new AnnouncementException(m.toString());
  }

  /**
   * True when {@code e} stated {@code terms} (or either is unknown: an entry from before terms were
   * recorded).
   */
  private static boolean sameTerms(HistoryEntry e, Optional<PublicTerms> terms) {
    return e.terms().isEmpty()
        || terms.isEmpty()
        || e.terms().get().fingerprint().equals(terms.get().fingerprint());
  }

  /** The announcement in effect at {@code now}, if any. */
  public static Optional<HistoryEntry> inEffect(
      DisclosureHistory history, Instant now, ZoneId zone) {
    Optional<HistoryEntry> last = history.lastAnnouncement();
    if (last.isEmpty()) {
      return Optional.empty();
    }
    HistoryEntry a = last.get();
    DisclosureConfig.Coverage c = a.coverage().orElse(DisclosureConfig.Coverage.SINGLE);
    if (c.repeated()) {
      return c.includes(LocalDate.ofInstant(now, zone)) ? last : Optional.empty();
    }
    return history.releasedAfter(a) ? Optional.empty() : last;
  }

  /**
   * The entry that announced {@code release}'s categories with method {@code methodId} at least
   * {@code minNotice} before {@code now}; throws {@link AnnouncementException} saying what to
   * publish otherwise.
   */
  public static HistoryEntry forProvision(
      DisclosureHistory history,
      String releaseId,
      Disclosure release,
      String methodId,
      Instant now,
      Duration minNotice,
      ZoneId zone) {
    return forProvision(
        history, releaseId, release, Optional.empty(), methodId, now, minNotice, zone);
  }

  /**
   * As above, under {@code terms}: only an entry that stated them (purpose, classes of recipients)
   * counts.
   */
  public static HistoryEntry forProvision(
      DisclosureHistory history,
      String releaseId,
      Disclosure release,
      Optional<PublicTerms> terms,
      String methodId,
      Instant now,
      Duration minNotice,
      ZoneId zone) {
    String content = release.contentFingerprint();
    LocalDate today = LocalDate.ofInstant(now, zone);
    List<HistoryEntry> sameContent =
        history.entries().stream()
            .filter(e -> e.disclosure().contentFingerprint().equals(content))
            .filter(
                e ->
                    !e.isAnnouncement()
                        || e.coverage()
                            .flatMap(DisclosureConfig.Coverage::until)
                            .map(u -> !today.isAfter(u))
                            .orElse(true))
            .toList();
    List<HistoryEntry> underTerms = sameContent.stream().filter(e -> sameTerms(e, terms)).toList();
    if (underTerms.isEmpty() && !sameContent.isEmpty()) {
      HistoryEntry last = sameContent.get(sameContent.size() - 1);
      StringBuilder m =
          new StringBuilder(
              "provision refused: release "
                  + releaseId
                  + "'s categories were announced"
                  + " (last in "
                  + last.id()
                  + ") with another purpose of use or other classes of recipients:");
      PublicTerms.changes(last.terms(), terms)
          .forEach(c -> m.append("\n  - ").append(c.text().en()));
      m.append("\nRun `appi-anon announce`, publish it on your website (upload ")
          .append(history.dir())
          .append("), and provide after ")
          .append(HumanTime.durationEn(minNotice))
          .append(".");
      throw new AnnouncementException(m.toString());
    }
    sameContent = underTerms;
    List<HistoryEntry> withMethod =
        sameContent.stream().filter(e -> e.disclosure().method(methodId).isPresent()).toList();
    for (HistoryEntry e : withMethod) {
      if (!e.at().plus(minNotice).isAfter(now)) {
        return e;
      }
    }
    String publish = "publish it on your website (upload " + history.dir() + ")";
    if (!withMethod.isEmpty()) {
      HistoryEntry first = withMethod.get(0);
      Instant from = first.at().plus(minNotice);
      throw new AnnouncementException(
          "provision refused: release "
              + releaseId
              + " and method '"
              + methodId
              + "' were announced only at "
              + HumanTime.timeEn(first.at(), zone)
              + " ("
              + first.id()
              + "); the public"
              + " must have at least "
              + HumanTime.durationEn(minNotice)
              + " notice (appianon.disclosure.min-notice):"
              + " make sure "
              + first.page()
              + " is published on your website (upload "
              + history.dir()
              + ") and"
              + " provide from "
              + from
              + " ("
              + HumanTime.timeEn(from, zone)
              + ") on");
    }
    if (!sameContent.isEmpty()) {
      List<String> announced =
          sameContent.stream()
              .flatMap(e -> e.disclosure().methods().stream())
              .map(ProvisionMethod::id)
              .distinct()
              .toList();
      throw new AnnouncementException(
          "provision refused: method of provision '"
              + methodId
              + "' was never"
              + " announced for release "
              + releaseId
              + "'s categories (announced: "
              + String.join(", ", announced)
              + "). Declare it in appianon.disclosure.provision-methods, run `appi-anon announce`, "
              + publish
              + ", and provide after "
              + HumanTime.durationEn(minNotice)
              + ".");
    }
    throw new AnnouncementException(
        "provision refused: the categories of release "
            + releaseId
            + " (and their"
            + " processing) match no public announcement in "
            + history.dir()
            + ". Run `appi-anon announce` with the"
            + " policies of this release, "
            + publish
            + ", and provide after "
            + HumanTime.durationEn(minNotice)
            + ".");
  }
}
