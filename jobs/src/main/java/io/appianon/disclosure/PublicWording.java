package io.appianon.disclosure;

import io.appianon.core.Text;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording the public reads: the processing descriptions recorded with each release (which name
 * hierarchies, columns and privacy models, and stay as they are in manifest.json and index.json,
 * whose fingerprints they make) said in plain words on the pages, without internal column names,
 * hierarchy arrows, tag codes or model names.
 */
public final class PublicWording {
  private static final Pattern LADDER_JA = Pattern.compile("k-匿名化に必要な粒度まで階層（([^）]*)）に沿って一般化");
  private static final Pattern LADDER_EN =
      Pattern.compile(
          "generalized along the hierarchy \\(([^)]*)\\) as far as k-anonymity requires");
  private static final Pattern AGE_JA = Pattern.compile("([^\\s、;]+) 時点の満年齢に変換");
  private static final Pattern AGE_EN = Pattern.compile("converted to age in years at ([^\\s;,]+)");
  private static final Pattern TAGS_JA = Pattern.compile("(\\s*\\[[A-Z_]+\\])+\\s*等の記号");
  private static final Pattern TAGS_EN = Pattern.compile("tags \\((\\[[A-Z_]+\\] ?)+\\)");
  private static final Pattern QI_JA =
      Pattern.compile("準識別子（[^）]*）の組合せが同じレコードが(\\d+)件未満となるレコードは削除（k-匿名化）");
  private static final Pattern QI_EN =
      Pattern.compile(
          "records whose combination of .+? is shared by fewer than (\\d+) records were deleted \\(k-anonymity\\)");
  private static final Pattern KM_JA =
      Pattern.compile("\\S+のうち(\\d+)人未満にしか共通しない組合せ（(\\d+)項目まで）を生む値のレコードは削除");
  private static final Pattern KM_EN =
      Pattern.compile(
          "records with \\S+ values that would make a combination of up"
              + " to (\\d+) values shared by fewer than (\\d+) persons were deleted \\(k\\^m-anonymity\\)");

  private PublicWording() {}

  /** {@code t} in plain words, both languages. */
  public static Text plain(Text t) {
    return Text.of(once(ja(t.ja()), "、"), once(en(t.en()), "; "));
  }

  /**
   * {@code s} with a repeated clause (joined by {@code sep}) said once: a lineage may record a step
   * per pass.
   */
  static String once(String s, String sep) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("「（(『".indexOf(c) >= 0) {
        depth++;
      } else if ("」）)』".indexOf(c) >= 0 && depth > 0) {
        depth--;
      } else if (depth == 0 && s.startsWith(sep, i)) {
        parts.add(s.substring(start, i));
        start = i + sep.length();
        i = start - 1;
      }
    }
    parts.add(s.substring(start));
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      if (!out.contains(part)) {
        out.add(part);
      }
    }
    return String.join(sep, out);
  }

  static String ja(String s) {
    s =
        replace(
            LADDER_JA,
            s,
            m -> {
              List<String> wider = wider(m.group(1));
              return wider.isEmpty()
                  ? "本人が特定されないよう、必要な場合は伏せる（公表しない）"
                  : "本人が特定されないよう、必要に応じて「" + String.join("」「", wider) + "」のようなより広い区分にまとめるか、伏せる";
            });
    s =
        replace(
            AGE_JA,
            s,
            m ->
                date(m.group(1))
                    .map(d -> Pages.dateJa(d) + "時点の満年齢に変換")
                    .orElse("回答日などの基準日時点の満年齢に変換"));
    s = replace(TAGS_JA, s, m -> "情報の種類を示す記号（例: 電話番号は「[PHONE]」）");
    s = replace(QI_JA, s, m -> "上の表で区分にまとめた項目の組合せが同じレコードが" + m.group(1) + "件未満となる場合、そのレコードは削除");
    s =
        replace(
            KM_JA, s, m -> "同じ人の" + m.group(2) + "件までの組合せが" + m.group(1) + "人未満にしか共通しなくなるレコードは削除");
    return s.replace("必要に応じて階層に沿って一般化", "必要に応じてより広い区分にまとめる")
        .replace("まで階層に沿って一般化", "まで、より広い区分にまとめる")
        .replace("全て「*」に一般化", "全てのレコードで伏せた（公表しない）")
        .replace("準識別子", "区分にまとめた項目")
        .replace("（k-匿名化）", "")
        .replace("k-匿名化", "区分へのまとめ");
  }

  static String en(String s) {
    s =
        replace(
            LADDER_EN,
            s,
            m -> {
              List<String> wider = wider(m.group(1));
              return wider.isEmpty()
                  ? "withheld where needed so that no one can be singled out"
                  : "where needed so that no one can be singled out, replaced by a broader group such as '"
                      + String.join("' or '", wider)
                      + "', or withheld";
            });
    s =
        replace(
            AGE_EN,
            s,
            m ->
                date(m.group(1))
                    .map(d -> "converted to age in years on " + Pages.dateEn(d))
                    .orElse("converted to age in years on the date of the answer or record"));
    s =
        replace(
            TAGS_EN,
            s,
            m -> "a mark naming the kind of information (e.g. a phone number becomes \"[PHONE]\")");
    s =
        replace(
            QI_EN,
            s,
            m ->
                "records whose combination of the grouped categories above is shared by fewer than "
                    + m.group(1)
                    + " records were deleted");
    s =
        replace(
            KM_EN,
            s,
            m ->
                "records that would make a combination of up to "
                    + m.group(1)
                    + " of a person's"
                    + " entries shared by fewer than "
                    + m.group(2)
                    + " persons were deleted");
    return s.replace(
            "generalized along its hierarchy where needed",
            "grouped into broader classes where needed")
        .replace("generalized along the hierarchy until", "grouped into broader classes until")
        .replace("generalized to '*' (all values)", "withheld in every record")
        .replace("quasi-identifiers", "grouped categories")
        .replace(" (k^m-anonymity)", "")
        .replace(" (k-anonymity)", "")
        .replace("値", "value");
  }

  /** The broader groups of a ladder such as {@code 北海道 → 北海道地方 → *}: its middle steps. */
  private static List<String> wider(String ladder) {
    List<String> steps = new ArrayList<>(List.of(ladder.split(" → ")));
    List<String> out = new ArrayList<>();
    for (int i = 1; i < steps.size(); i++) {
      String v = steps.get(i).strip();
      if (!v.equals("*") && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out.size() > 2 ? out.subList(0, 2) : out;
  }

  private static java.util.Optional<LocalDate> date(String s) {
    try {
      return java.util.Optional.of(LocalDate.parse(s));
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  private static String replace(Pattern p, String s, Function<Matcher, String> f) {
    Matcher m = p.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(b);
    return b.toString();
  }
}
