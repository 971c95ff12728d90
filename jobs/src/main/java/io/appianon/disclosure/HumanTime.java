package io.appianon.disclosure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates, times and durations as a person reads them (console, pages, notices): 2026年12月7日 14:22
 * (JST) and 7 Dec 2026 14:22 JST, "24 hours" rather than PT24H. Machine formats (ISO-8601 UTC) stay
 * in the JSON files.
 */
public final class HumanTime {
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
  private static final DateTimeFormatter DATE_EN =
      DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

  private HumanTime() {}

  /** 2026年12月7日. */
  public static String dateJa(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  /** 7 Dec 2026. */
  public static String dateEn(LocalDate d) {
    return d.format(DATE_EN);
  }

  /** 2026年12月7日 14:22 (JST). */
  public static String timeJa(Instant at, ZoneId zone) {
    ZonedDateTime z = at.atZone(zone);
    return dateJa(z.toLocalDate())
        + " "
        + String.format("%02d:%02d", z.getHour(), z.getMinute())
        + " ("
        + z.format(ZONE)
        + ")";
  }

  /** 7 Dec 2026 14:22 JST. */
  public static String timeEn(Instant at, ZoneId zone) {
    ZonedDateTime z = at.atZone(zone);
    return dateEn(z.toLocalDate())
        + " "
        + String.format("%02d:%02d", z.getHour(), z.getMinute())
        + " "
        + z.format(ZONE);
  }

  /** 24時間, 14日, 30分. */
  public static String durationJa(Duration d) {
    long m = d.toMinutes();
    if (m % (60 * 24) == 0 && m >= 2 * 60 * 24) {
      return m / (60 * 24) + "日";
    }
    return m % 60 == 0 ? m / 60 + "時間" : m + "分";
  }

  /** 24 hours, 14 days, 30 minutes. */
  public static String durationEn(Duration d) {
    long m = d.toMinutes();
    if (m % (60 * 24) == 0 && m >= 2 * 60 * 24) {
      return plural(m / (60 * 24), "day");
    }
    return m % 60 == 0 ? plural(m / 60, "hour") : plural(m, "minute");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
