package io.appianon.technique.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds identification and contact codes (My Number, card, phone, e-mail, postal code, passport,
 * driver's licence) in NFKC-normalised text. Stateless and thread-safe.
 *
 * <p>Numeric codes are found by first splitting the text into <em>digit runs</em>: maximal
 * sequences of digit groups joined by short separators made of {@code ' '}, {@code '-'}, {@code
 * '.'}, {@code '('} and {@code ')'} (the caller's code view has already turned kanji numerals into
 * digits and ー/・/の between digits into hyphens). A candidate is a contiguous range of groups of one
 * run that starts at the run start or after a pure-space separator and ends at the run end or
 * before a pure-space separator. Thus a code is never cut out of a longer hyphen-joined number
 * ({@code 1-090-1234-5678}, {@code 2026-0401-1234}), while {@code "3 090-1234-5678"} still yields
 * the phone number. Each candidate range is then validated per kind (check digit, numbering plan,
 * grouping). Numbers after a label (免許証番号, マイナンバー, 保険証, 基礎年金番号, 口座番号, 会員番号...) are taken by the
 * label ({@code LABELLED}).
 */
final class CodeDetector {

  private static final int MAX_GROUPS = 6;

  /** Words after which a number is an order/product/slip number, not a personal code. */
  private static final List<String> NON_PERSONAL_NUMBER_CONTEXT =
      List.of(
          "注文番号", "注文no", "注文id", "オーダー番号", "受付番号", "受注番号", "伝票番号", "追跡番号", "問い合わせ番号", "問合せ番号",
          "レシート番号", "品番", "型番", "商品コード", "商品番号", "jan", "製造番号", "シリアル", "管理番号", "整理番号", "予約番号",
          "会計番号");

  private static final List<String> MY_NUMBER_CONTEXT =
      List.of("マイナンバー", "個人番号", "my number", "mynumber");
  private static final List<String> CARD_CONTEXT =
      List.of("カード", "card", "クレジット", "クレカ", "visa", "amex", "jcb", "master", "ダイナース", "diners");
  private static final List<String> PHONE_CONTEXT = List.of("電話", "携帯", "tel", "連絡");
  private static final List<String> LICENSE_CONTEXT = List.of("免許", "license", "licence");
  private static final List<String> PASSPORT_CONTEXT = List.of("旅券", "パスポート", "passport");
  private static final List<String> POSTAL_MARKERS =
      List.of("〒", "郵便番号", "郵便", "zip", "postal code");

  private static final int CONTEXT_WINDOW = 15;

  /** How far before a number its label may stand (免許証番号：…, 運転免許証の番号は…). */
  private static final int LABEL_WINDOW = 12;

  /**
   * Substrings one of which every label contains: the label regex runs only when one is present.
   */
  private static final List<String> LABEL_KEYS =
      List.of(
          "免許", "マイナンバー", "個人番号", "保険", "年金番号", "口座番号", "会員", "客様番号", "顧客番号", "診察券", "学籍番号",
          "社員番号");

  private static final List<String> LICENSE_LABELS =
      List.of("免許証番号", "免許番号", "免許証の番号", "運転免許証", "免許証");

  /**
   * A number after its label: the label (group 1), at most eight characters that are neither digits
   * nor letters (は, :, の, 普通, blanks...), then the number (group 2): up to two letters and digits
   * with single blanks or hyphens inside.
   */
  private static final Pattern LABELLED =
      Pattern.compile(
          "(免許証番号|免許番号|免許証の番号|運転免許証(?:の番号)?|マイナンバー|個人番号|保険証(?:の)?(?:記号)?(?:・)?(?:番号)?"
              + "|被保険者(?:証)?(?:番号)?|基礎年金番号|年金番号|口座番号|会員番号|会員id|会員no|お客様番号|顧客番号"
              + "|診察券番号|学籍番号|社員番号)"
              + "[^0-9a-z\\n。]{0,8}?"
              + "(?<![0-9a-z])([a-z]{0,2}-?[0-9](?:[0-9]|[ -](?=[0-9])){3,23})(?![0-9a-z])");

  private static final int LICENSE_WINDOW_BEFORE = 20;
  private static final int LICENSE_WINDOW_AFTER = 10;
  private static final int PASSPORT_WINDOW = 20;

  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

  /**
   * The at sign and its written-out forms: {@code @}, {@code [at]}, {@code (at)}, {@code at },
   * アットマーク.
   */
  private static final String AT =
      "(?:\\s{0,2}@\\s{0,2}|\\s?[\\[(]\\s?at\\s?[\\])]\\s?|\\s+at\\s+"
          + "|\\s?(?:アットマーク|あっとまーく|アット)\\s?)";

  /** The dot and its written-out forms, with blanks around it. */
  private static final String DOT =
      "(?:\\s?\\.\\s?|\\s?[\\[(]\\s?dot\\s?[\\])]\\s?|\\s+dot\\s+|\\s?(?:ドット|どっと)\\s?)";

  /** Top-level and Japanese second-level domains accepted after a written-out dot. */
  private static final String TLD =
      "(?:com|net|org|info|biz|jp|co|ne|or|ac|go|ad|ed|gr|lg|io|me|us|uk|de|fr|cn|kr|tw"
          + "|edu|gov|mobi|app|dev)";

  /**
   * Pragmatic RFC 5322 dot-atom subset, also in the forms people write to dodge harvesters: blanks
   * around {@code @} and dots, {@code at}/{@code dot} words, [at], アットマーク, ドット. With a written-out
   * dot the last label must be a known top-level domain.
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])"
              + ATOM
              + "(?:\\s?\\.\\s?"
              + ATOM
              + ")*"
              + AT
              + "(?:(?:"
              + LABEL
              + "\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])"
              + "|(?:"
              + LABEL
              + DOT
              + ")+"
              + TLD
              + "(?![A-Za-z0-9-]))",
          Pattern.CASE_INSENSITIVE);

  /** Two letters and seven digits, with an optional separator when a passport keyword is nearby. */
  private static final Pattern PASSPORT =
      Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{2})([ -]?)([0-9]{7})(?![A-Za-z0-9])");

  private static final Pattern UNIT_AFTER =
      Pattern.compile(
          "^\\s?(?:円|%|個|本|枚|件|人|名|回|歳|才|年|月|日|時|分|秒|点|杯|倍|台|冊|箱|袋|缶|km|kg|ml|mm|cm|g\\b|m\\b)",
          Pattern.CASE_INSENSITIVE);

  List<Candidate> find(String t, Set<PiiKind> kinds) {
    List<Candidate> out = new ArrayList<>();
    String lower = t.toLowerCase(Locale.ROOT);
    if (kinds.contains(PiiKind.EMAIL)) {
      findEmails(t, out);
    }
    if (kinds.contains(PiiKind.PASSPORT)) {
      findPassports(t, lower, out);
    }
    if (kinds.contains(PiiKind.DRIVERS_LICENSE)
        || kinds.contains(PiiKind.MY_NUMBER)
        || kinds.contains(PiiKind.ID_NUMBER)) {
      findLabelledNumbers(lower, kinds, out);
    }
    if (needsDigitRuns(kinds)) {
      for (Run run : digitRuns(t)) {
        evaluateRun(t, lower, run, kinds, out);
      }
    }
    return out;
  }

  private static boolean needsDigitRuns(Set<PiiKind> kinds) {
    return kinds.contains(PiiKind.MY_NUMBER)
        || kinds.contains(PiiKind.CREDIT_CARD)
        || kinds.contains(PiiKind.PHONE)
        || kinds.contains(PiiKind.POSTAL_CODE)
        || kinds.contains(PiiKind.DRIVERS_LICENSE);
  }

  // ------------------------------------------------------------------ e-mail and passport

  private static void findEmails(String t, List<Candidate> out) {
    if (t.indexOf('@') < 0
        && !t.contains("アット")
        && !t.contains("あっと")
        && !t.toLowerCase(Locale.ROOT).contains("at")) {
      return;
    }
    Matcher m = EMAIL.matcher(t);
    while (m.find()) {
      out.add(new Candidate(PiiKind.EMAIL, m.start(), m.end()));
    }
  }

  private static void findPassports(String t, String lower, List<Candidate> out) {
    Matcher m = PASSPORT.matcher(t);
    while (m.find()) {
      boolean keyword = nearestBefore(lower, m.start(), PASSPORT_WINDOW, PASSPORT_CONTEXT) >= 0;
      boolean strictForm = isUpper(m.group(1)) && m.group(2).isEmpty();
      if (keyword || (strictForm && !nonPersonalContext(lower, m.start(), List.of()))) {
        out.add(new Candidate(PiiKind.PASSPORT, m.start(), m.end()));
      }
    }
  }

  /**
   * Numbers named by their label: a licence or My Number of 12 digits after its label (whatever its
   * check digit: the label says what it is), any other personal number (保険証, 基礎年金番号, 口座番号, 会員番号...)
   * of at least five digits as {@link PiiKind#ID_NUMBER}.
   */
  private static void findLabelledNumbers(String lower, Set<PiiKind> kinds, List<Candidate> out) {
    boolean any = false;
    for (String key : LABEL_KEYS) {
      if (lower.contains(key)) {
        any = true;
        break;
      }
    }
    if (!any) {
      return;
    }
    Matcher m = LABELLED.matcher(lower);
    while (m.find()) {
      String label = m.group(1);
      int digits = CheckDigits.digitsOf(m.group(2)).length();
      PiiKind kind;
      if (label.contains("免許")) {
        kind = digits == 12 ? PiiKind.DRIVERS_LICENSE : null;
      } else if (label.equals("マイナンバー") || label.equals("個人番号")) {
        kind = digits == 12 ? PiiKind.MY_NUMBER : null;
      } else {
        kind = digits >= 5 ? PiiKind.ID_NUMBER : null;
      }
      if (kind != null && kinds.contains(kind)) {
        out.add(new Candidate(kind, m.start(2), m.end(2)));
      }
    }
  }

  private static boolean isUpper(String letters) {
    for (int i = 0; i < letters.length(); i++) {
      char c = letters.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ digit runs

  /** A digit group [start, end) in the normalised text. */
  private record Group(int start, int end) {
    int length() {
      return end - start;
    }
  }

  /** Digit groups plus the separator strings between consecutive groups. */
  private record Run(List<Group> groups, List<String> seps) {}

  private static List<Run> digitRuns(String t) {
    List<Run> runs = new ArrayList<>();
    int n = t.length();
    int i = 0;
    while (i < n) {
      if (!digit(t, i)) {
        i++;
        continue;
      }
      List<Group> groups = new ArrayList<>();
      List<String> seps = new ArrayList<>();
      int gs = i;
      while (true) {
        int ge = gs;
        while (digit(t, ge)) {
          ge++;
        }
        groups.add(new Group(gs, ge));
        int j = ge;
        while (j < n && j - ge < 3 && " -().".indexOf(t.charAt(j)) >= 0) {
          j++;
        }
        String sep = t.substring(ge, j);
        if (j > ge && digit(t, j) && validSeparator(sep)) {
          seps.add(sep);
          gs = j;
        } else {
          i = ge;
          break;
        }
      }
      runs.add(new Run(groups, seps));
    }
    return runs;
  }

  private static boolean validSeparator(String sep) {
    int hyphens = 0;
    int open = 0;
    int close = 0;
    for (int k = 0; k < sep.length(); k++) {
      switch (sep.charAt(k)) {
        case '-', '.' -> hyphens++;
        case '(' -> open++;
        case ')' -> close++;
        default -> {}
      }
    }
    return hyphens <= 1 && open <= 1 && close <= 1;
  }

  private static boolean soft(String sep) {
    return sep.isBlank();
  }

  private void evaluateRun(
      String t, String lower, Run run, Set<PiiKind> kinds, List<Candidate> out) {
    List<Group> g = run.groups();
    List<String> seps = run.seps();
    for (int i = 0; i < g.size(); i++) {
      if (i > 0 && !soft(seps.get(i - 1))) {
        continue;
      }
      StringBuilder digits = new StringBuilder();
      for (int j = i; j < g.size() && j - i < MAX_GROUPS; j++) {
        digits.append(t, g.get(j).start(), g.get(j).end());
        if (digits.length() > 21) {
          break;
        }
        if (j < g.size() - 1 && !soft(seps.get(j))) {
          continue;
        }
        Range r = new Range(g.subList(i, j + 1), seps.subList(i, j), digits.toString());
        evaluateRange(t, lower, r, kinds, out);
      }
    }
  }

  /** A candidate range of groups. */
  private record Range(List<Group> groups, List<String> seps, String digits) {
    int start() {
      return groups.get(0).start();
    }

    int end() {
      return groups.get(groups.size() - 1).end();
    }

    int count() {
      return groups.size();
    }

    boolean sameSingleCharSeparators() {
      String first = null;
      for (String s : seps) {
        if (s.length() != 1 || (s.charAt(0) != ' ' && s.charAt(0) != '-' && s.charAt(0) != '.')) {
          return false;
        }
        if (first == null) {
          first = s;
        } else if (!first.equals(s)) {
          return false;
        }
      }
      return true;
    }
  }

  private void evaluateRange(
      String t, String lower, Range r, Set<PiiKind> kinds, List<Candidate> out) {
    String d = r.digits();
    int len = d.length();
    boolean glued = gluedBefore(t, r.start()) || gluedAfter(t, r.end());

    if (len == 12 && !glued && isFourFourFour(r) && !partOfLongerGroupedNumber(t, r)) {
      boolean licenseLabel = nearestBefore(lower, r.start(), LABEL_WINDOW, LICENSE_LABELS) >= 0;
      if (kinds.contains(PiiKind.MY_NUMBER)
          && CheckDigits.isValidMyNumber(d)
          && !licenseLabel
          && !nonPersonalContext(lower, r.start(), MY_NUMBER_CONTEXT)) {
        out.add(new Candidate(PiiKind.MY_NUMBER, r.start(), r.end()));
      }
      if (kinds.contains(PiiKind.DRIVERS_LICENSE)
          && CheckDigits.isValidDriversLicense(d)
          && licenseKeywordNear(lower, r.start(), r.end())) {
        out.add(new Candidate(PiiKind.DRIVERS_LICENSE, r.start(), r.end()));
      }
    }
    boolean cardGlued =
        gluedAfter(t, r.end())
            || (gluedBefore(t, r.start()) && !letterWordBefore(lower, r.start(), CARD_CONTEXT));
    if (kinds.contains(PiiKind.CREDIT_CARD)
        && len >= 13
        && len <= 19
        && !cardGlued
        && isCardGrouping(r)
        && CheckDigits.isValidCard(d)
        && !nonPersonalContext(lower, r.start(), CARD_CONTEXT)
        && !(CheckDigits.isValidEan13(d)
            && nearestBefore(lower, r.start(), CONTEXT_WINDOW, CARD_CONTEXT) < 0)) {
      out.add(new Candidate(PiiKind.CREDIT_CARD, r.start(), r.end()));
    }
    if (kinds.contains(PiiKind.PHONE)) {
      Candidate phone = phone(t, r);
      if (phone != null && !nonPersonalContext(lower, r.start(), PHONE_CONTEXT)) {
        out.add(phone);
      }
    }
    if (kinds.contains(PiiKind.POSTAL_CODE)) {
      Candidate postal = postal(t, lower, r, glued);
      if (postal != null) {
        out.add(postal);
      }
    }
  }

  private static boolean isFourFourFour(Range r) {
    if (r.count() == 1) {
      return true;
    }
    return r.count() == 3
        && r.sameSingleCharSeparators()
        && r.groups().stream().allMatch(gr -> gr.length() == 4);
  }

  /**
   * One block, or groups of 3-6 digits starting with 4 (4-4-4-4, Amex 4-6-5); the last group may be
   * shorter.
   */
  private static boolean isCardGrouping(Range r) {
    if (r.count() == 1) {
      return true;
    }
    if (!r.sameSingleCharSeparators() || r.groups().get(0).length() != 4) {
      return false;
    }
    List<Group> g = r.groups();
    for (int k = 0; k < g.size(); k++) {
      int len = g.get(k).length();
      if (len > 6 || (len < 3 && k < g.size() - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the range is three 4-digit groups cut out of a longer number grouped the same way (the
   * first twelve digits of a spaced 16-digit card number are not a My Number).
   */
  private static boolean partOfLongerGroupedNumber(String t, Range r) {
    if (r.count() < 2) {
      return false;
    }
    String sep = r.seps().get(0);
    int e = r.end();
    if (t.startsWith(sep, e) && digit(t, e + sep.length())) {
      return true;
    }
    int s = r.start();
    return s - sep.length() - 1 >= 0
        && t.startsWith(sep, s - sep.length())
        && digit(t, s - sep.length() - 1);
  }

  // ------------------------------------------------------------------ phone

  private static Candidate phone(String t, Range r) {
    List<Group> groups = r.groups();
    int spanStart = r.start();
    List<Integer> lengths = new ArrayList<>();
    StringBuilder national = new StringBuilder();
    int from = 0;
    boolean international =
        spanStart > 0 && t.charAt(spanStart - 1) == '+' && t.startsWith("81", spanStart);
    if (international) {
      spanStart--;
      Group first = groups.get(0);
      if (first.length() > 2) {
        national.append(t, first.start() + 2, first.end());
        lengths.add(first.length() - 2);
        from = 1;
      } else {
        from = 1;
        if (groups.size() > 1
            && groups.get(1).length() == 1
            && t.charAt(groups.get(1).start()) == '0') {
          from = 2;
        }
      }
      for (int k = from; k < groups.size(); k++) {
        national.append(t, groups.get(k).start(), groups.get(k).end());
        lengths.add(groups.get(k).length());
      }
      if (national.length() == 0) {
        return null;
      }
      if (national.charAt(0) != '0') {
        national.insert(0, '0');
        lengths.set(0, lengths.get(0) + 1);
      }
    } else {
      if (t.charAt(spanStart) != '0' || gluedBeforePhone(t, spanStart)) {
        return null;
      }
      for (Group gr : groups) {
        national.append(t, gr.start(), gr.end());
        lengths.add(gr.length());
      }
    }
    String d = national.toString();
    if (!isJapanesePhoneNumber(d) || !plausiblePhoneGrouping(d, lengths)) {
      return null;
    }
    if (!international
        && spanStart > 0
        && t.charAt(spanStart - 1) == '('
        && r.seps().stream().anyMatch(s -> s.contains(")"))) {
      spanStart--;
    }
    return new Candidate(PiiKind.PHONE, spanStart, r.end());
  }

  /** Japanese numbering plan, domestic form with the trunk prefix 0. */
  static boolean isJapanesePhoneNumber(String d) {
    if (d.length() == 11) {
      return d.matches("0[5789]0[0-9]{8}") || d.startsWith("0800");
    }
    if (d.length() == 10) {
      if (d.startsWith("0120") || d.startsWith("0570")) {
        return true;
      }
      return d.matches("0[1-9][0-9]{8}") && !d.matches("0[5789]0.*") && !d.startsWith("0800");
    }
    return false;
  }

  private static boolean plausiblePhoneGrouping(String d, List<Integer> lengths) {
    int n = lengths.size();
    if (n == 1) {
      return true;
    }
    if (n > 3) {
      return false;
    }
    int first = lengths.get(0);
    int last = lengths.get(n - 1);
    if (first < 2 || first > 5) {
      return false;
    }
    boolean shortLast = d.startsWith("0120") || d.startsWith("0570");
    if (n == 2) {
      return last >= 4;
    }
    int middle = lengths.get(1);
    return middle >= 1 && middle <= 4 && (last == 4 || (shortLast && last == 3));
  }

  // ------------------------------------------------------------------ postal code

  private static Candidate postal(String t, String lower, Range r, boolean glued) {
    List<Group> groups = r.groups();
    int markerStart = postalMarker(t, lower, r.start());
    boolean marker = markerStart >= 0;
    boolean threeFour =
        r.count() == 2 && groups.get(0).length() == 3 && groups.get(1).length() == 4;
    boolean hyphenated = threeFour && r.seps().get(0).equals("-");
    boolean spaced = threeFour && r.seps().get(0).equals(" ");
    boolean plain7 = r.count() == 1 && r.digits().length() == 7;
    if (marker && (hyphenated || spaced || plain7)) {
      int s = t.startsWith("〒", markerStart) ? markerStart : r.start();
      return new Candidate(PiiKind.POSTAL_CODE, s, r.end());
    }
    if (hyphenated
        && !glued
        && !moneyBefore(t, r.start())
        && !UNIT_AFTER.matcher(t.substring(r.end())).find()
        && !nonPersonalContext(lower, r.start(), List.of())) {
      return new Candidate(PiiKind.POSTAL_CODE, r.start(), r.end());
    }
    return null;
  }

  /** Start of a 〒/郵便番号 marker immediately before {@code pos} (blanks and colons skipped), or -1. */
  private static int postalMarker(String t, String lower, int pos) {
    int k = pos;
    while (k > 0 && (t.charAt(k - 1) == ' ' || t.charAt(k - 1) == ':')) {
      k--;
    }
    for (String marker : POSTAL_MARKERS) {
      if (k >= marker.length() && lower.startsWith(marker, k - marker.length())) {
        return k - marker.length();
      }
    }
    return -1;
  }

  private static boolean moneyBefore(String t, int pos) {
    int k = pos;
    while (k > 0 && t.charAt(k - 1) == ' ') {
      k--;
    }
    return k > 0 && "¥$€£".indexOf(t.charAt(k - 1)) >= 0;
  }

  // ------------------------------------------------------------------ context helpers

  private static boolean licenseKeywordNear(String lower, int start, int end) {
    if (nearestBefore(lower, start, LICENSE_WINDOW_BEFORE, LICENSE_CONTEXT) >= 0) {
      return true;
    }
    String after = lower.substring(end, Math.min(lower.length(), end + LICENSE_WINDOW_AFTER));
    for (String k : LICENSE_CONTEXT) {
      if (after.contains(k)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when an order/product-number keyword precedes {@code pos} within the window and is closer
   * than any of the {@code positive} keywords.
   */
  private static boolean nonPersonalContext(String lower, int pos, List<String> positive) {
    int neg = nearestBefore(lower, pos, CONTEXT_WINDOW, NON_PERSONAL_NUMBER_CONTEXT);
    if (neg < 0) {
      return false;
    }
    int posDist = nearestBefore(lower, pos, CONTEXT_WINDOW, positive);
    return posDist < 0 || neg < posDist;
  }

  /** Distance from {@code pos} back to the end of the closest keyword in the window, or -1. */
  private static int nearestBefore(String lower, int pos, int window, List<String> keywords) {
    int from = Math.max(0, pos - window);
    String before = lower.substring(from, pos);
    int best = -1;
    for (String k : keywords) {
      int idx = before.lastIndexOf(k);
      if (idx >= 0) {
        int dist = before.length() - (idx + k.length());
        if (best < 0 || dist < best) {
          best = dist;
        }
      }
    }
    return best;
  }

  private static boolean gluedBefore(String t, int s) {
    if (s == 0) {
      return false;
    }
    char c = t.charAt(s - 1);
    if (asciiLetter(c)) {
      return true;
    }
    if (s >= 2 && "-_/#".indexOf(c) >= 0 && asciiAlnum(t.charAt(s - 2))) {
      return true;
    }
    return s >= 2 && c == '.' && NormalizedText.isAsciiDigit(t.charAt(s - 2));
  }

  /**
   * Whether the ASCII letters directly before {@code pos} form one of {@code words} (VISA4111...).
   */
  private static boolean letterWordBefore(String lower, int pos, List<String> words) {
    int k = pos;
    while (k > 0 && asciiLetter(lower.charAt(k - 1))) {
      k--;
    }
    return k < pos && words.contains(lower.substring(k, pos));
  }

  private static boolean gluedBeforePhone(String t, int s) {
    return s >= 2
        && "._#".indexOf(t.charAt(s - 1)) >= 0
        && NormalizedText.isAsciiDigit(t.charAt(s - 2));
  }

  private static boolean gluedAfter(String t, int e) {
    if (e >= t.length()) {
      return false;
    }
    char c = t.charAt(e);
    if (asciiLetter(c)) {
      return true;
    }
    return e + 1 < t.length() && "-_/.".indexOf(c) >= 0 && asciiAlnum(t.charAt(e + 1));
  }

  private static boolean digit(String t, int i) {
    return i < t.length() && NormalizedText.isAsciiDigit(t.charAt(i));
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean asciiAlnum(char c) {
    return asciiLetter(c) || NormalizedText.isAsciiDigit(c);
  }
}
