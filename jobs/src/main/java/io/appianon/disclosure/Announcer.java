package io.appianon.disclosure;

import io.appianon.policy.DatasetPolicy;
import io.appianon.release.Manifest;
import io.appianon.release.ReleaseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code appi-anon announce}: publishes an announcement of the categories the configured policies
 * will produce, how each is processed, and the methods of provision, dated now, into the disclosure
 * history, before the release it covers is created. With {@code
 * appianon.disclosure.announcement.continuous} (or a period) it covers every later release and
 * provision with the same content.
 */
public final class Announcer {
  private Announcer() {}

  /** Appends the announcement under the output root's lock and returns it. */
  public static HistoryEntry announce(
      DisclosureSettings config, List<DatasetPolicy> policies, Clock clock) {
    return announce(config, policies, java.util.Optional.empty(), clock);
  }

  /**
   * As {@link #announce(DisclosureSettings, List, Clock)}, with the release's person-level model.
   */
  public static HistoryEntry announce(
      DisclosureSettings config,
      List<DatasetPolicy> policies,
      Optional<io.appianon.policy.PersonSpec> persons,
      Clock clock) {
    DisclosureConfig dc = config.disclosure();
    try (ReleaseStore store = ReleaseStore.open(config.output())) {
      DisclosureHistory history = DisclosureHistory.load(store.root());
      Instant now = clock.instant();
      Disclosure planned = Disclosure.planned(policies, dc.methodList(), persons);
      Optional<HistoryEntry> previous = history.last();
      HistoryEntry entry =
          new HistoryEntry(
              history.newId("announcement-" + DisclosureHistory.stamp(now)),
              HistoryEntry.ANNOUNCEMENT,
              now,
              LocalDate.ofInstant(now, dc.zone()),
              Optional.empty(),
              Optional.of(dc.coverage()),
              Optional.empty(),
              config.producerName(),
              dc.terms().contact().orElse(config.producerContact()),
              Manifest.STATEMENT,
              planned,
              dc.securityMeasures(),
              dc.complaints(),
              previous.map(HistoryEntry::id),
              previous.map(p -> changes(planned, dc.terms(), p)).orElse(List.of()),
              Optional.of(dc.terms()));
      history.append(entry, PageTemplates.of(config.disclosure()));
      return entry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The changes since {@code previous}: categories, processing and methods, then purpose and
   * recipients.
   */
  private static List<Change> changes(
      Disclosure planned, PublicTerms terms, HistoryEntry previous) {
    List<Change> out = new java.util.ArrayList<>(planned.changesSince(previous.disclosure()));
    out.addAll(PublicTerms.changes(previous.terms(), Optional.of(terms)));
    return out;
  }
}
