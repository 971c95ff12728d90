package io.appianon.disclosure;

import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.Text;
import io.appianon.release.JsonLinesLog;
import io.appianon.release.Manifest;
import io.appianon.release.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The purpose of use of pseudonymously processed information (仮名加工情報, APPI Art. 41(3)-(4)): it may
 * be used only within the purpose published, and a changed purpose must be published before use.
 * The purpose is {@code appianon.release.purpose { ja, en }}; {@code appi-anon announce} (for the
 * pseudonymous kind) writes a public notice of a new or changed purpose to {@code
 * <output>/disclosures/purposes/} ({@code purpose-<time>.html} to put on the website, and the log
 * {@code purposes.jsonl}); a pseudonymous release whose purpose differs from the last notice is
 * refused (exit 6) until it is published.
 */
public final class PurposeNotice {
  /** The folder under the release output. */
  public static final String DIR = "purposes";

  static final String LOG = "purposes.jsonl";

  private PurposeNotice() {}

  /**
   * {@code appianon.release.purpose}: required for the pseudonymous kind (checked when it is
   * needed).
   */
  public static Text purpose(DisclosureSettings config) {
    Conf release =
        new Conf(config.raw(), new Origin(config.file(), ""))
            .section("appianon")
            .section("release");
    return release
        .optText("purpose")
        .orElseThrow(
            () ->
                release.error(
                    "purpose",
                    "missing: a pseudonymous release"
                        + " needs its purpose of use, purpose { ja = \"...\", en = \"...\" } (APPI Art. 41(3)-(4))"));
  }

  public static Path dir(DisclosureSettings config) {
    return config.output().resolve(DisclosureHistory.DIR).resolve(DIR);
  }

  /** The last published notice, if any. */
  public static Optional<Map<String, Object>> last(DisclosureSettings config) {
    Path log = dir(config).resolve(LOG);
    if (!Files.isRegularFile(log)) {
      return Optional.empty();
    }
    try {
      List<Map<String, Object>> all = new JsonLinesLog(log).read();
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The notice in effect for the configured purpose; throws {@link AnnouncementException} when none
   * matches.
   */
  public static Map<String, Object> require(DisclosureSettings config) {
    Text purpose = purpose(config);
    Optional<Map<String, Object>> last = last(config);
    if (last.isEmpty()) {
      throw new AnnouncementException(
          "the purpose of use of this pseudonymously processed information was never"
              + " published (APPI Art. 41(4)): run `appi-anon announce`, publish "
              + dir(config)
              + " on your website,"
              + " then run the release again");
    }
    if (!Manifest.text(purpose).equals(last.get().get("purpose"))) {
      throw new AnnouncementException(
          "the purpose of use changed since notice "
              + last.get().get("id")
              + " (before: "
              + ((Map<?, ?>) last.get().get("purpose")).get("en")
              + "; now: "
              + purpose.en()
              + "): a changed purpose must"
              + " be published before use (APPI Art. 41(4)). Run `appi-anon announce`, publish "
              + dir(config)
              + " on your website, then run the release again");
    }
    return last.get();
  }

  /**
   * Publishes a notice of the configured purpose unless it is the one in effect; returns the notice
   * in effect.
   */
  public static Map<String, Object> announce(DisclosureSettings config, Instant now)
      throws IOException {
    Text purpose = purpose(config);
    Optional<Map<String, Object>> last = last(config);
    if (last.isPresent() && Manifest.text(purpose).equals(last.get().get("purpose"))) {
      return last.get();
    }
    Path dir = OwnerOnly.createDirectories(dir(config));
    LocalDate date = LocalDate.ofInstant(now, config.disclosure().zone());
    String id = "purpose-" + DisclosureHistory.stamp(now);
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("id", id);
    notice.put("at", now.toString());
    notice.put("date", date.toString());
    notice.put("purpose", Manifest.text(purpose));
    notice.put("previous", last.map(l -> l.get("id")).orElse(null));
    notice.put("page", id + ".html");
    Files.writeString(
        dir.resolve(id + ".html"), page(config, purpose, date, last), StandardCharsets.UTF_8);
    new JsonLinesLog(dir.resolve(LOG)).append(notice);
    return notice;
  }

  private static String page(
      DisclosureSettings config, Text purpose, LocalDate date, Optional<Map<String, Object>> last) {
    String what = last.isPresent() ? "仮名加工情報の利用目的の変更について" : "仮名加工情報の利用目的について";
    String whatEn =
        last.isPresent()
            ? "Change of the purpose of use of pseudonymously processed information"
            : "Purpose of use of pseudonymously processed information";
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(what))
        .append("</title></head><body>\n");
    b.append("<h1>").append(esc(what)).append("</h1>\n");
    b.append("<p>")
        .append(esc(config.producerName().ja()))
        .append("は、個人情報の保護に関する法律第41条第4項に基づき、" + "仮名加工情報の利用目的を次のとおり公表します（")
        .append(date)
        .append("）。</p>\n");
    b.append("<p>利用目的: ").append(esc(purpose.ja())).append("</p>\n");
    last.ifPresent(
        l ->
            b.append("<p>変更前の利用目的: ")
                .append(esc((String) ((Map<?, ?>) l.get("purpose")).get("ja")))
                .append("</p>\n"));
    b.append("<p>お問い合わせ窓口: ").append(esc(config.producerContact().ja())).append("</p>\n");
    b.append("<h1 lang=\"en\">").append(esc(whatEn)).append("</h1>\n");
    b.append("<p lang=\"en\">")
        .append(esc(config.producerName().en()))
        .append(
            " publishes, under Article 41(4) of the"
                + " Act on the Protection of Personal Information, the purpose of use of its pseudonymously processed"
                + " information (")
        .append(date)
        .append("): ")
        .append(esc(purpose.en()))
        .append("</p>\n");
    last.ifPresent(
        l ->
            b.append("<p lang=\"en\">Previous purpose: ")
                .append(esc((String) ((Map<?, ?>) l.get("purpose")).get("en")))
                .append("</p>\n"));
    b.append("<p lang=\"en\">Contact: ")
        .append(esc(config.producerContact().en()))
        .append("</p>\n");
    b.append("</body></html>\n");
    return b.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
