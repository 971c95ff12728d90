package io.appianon.technique.scrub;

import io.appianon.technique.scrub.JapaneseTextDetector.Token;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person-name rules that add to the analyzer's 人名 tags (see {@link JapaneseTextDetector}): the
 * bundled {@link NameDictionary} in kanji, hiragana, katakana and romaji, and context cues.
 *
 * <ul>
 *   <li>A dictionary surname followed by a dictionary given name (山田太郎, ヤマダ・タロウ, やまだ たろう) or, after
 *       one blank, by a short kanji word (山田 翔真) is a name.
 *   <li>A lone dictionary surname or given name is a name when a cue surrounds it: an honorific or
 *       title after it (さん, 様, 氏, 君, くん, ちゃん, 殿, 先生, 店長, 宛), a naming phrase (と申します, という), です/でした
 *       at the start of a sentence, or a role or relation before it (担当の, 店員の, 夫の, 氏名：, 受取人,
 *       名義...). A lone kanji surname of two or more characters standing as a noun phrase (…田中が,
 *       …田中に) is a name unless the analyzer reads that word as a place or organization (宮崎に行った).
 *   <li>Any kanji or katakana word directly before an honorific (小鳥遊さん, ニノマエ様) is a name unless it
 *       is a common noun used with honorifics (お客様, 店員さん, 皆様, 運転手さん, 八百屋さん...).
 *   <li>Romaji: a capitalised or upper-case surname and given name from the dictionary in either
 *       order, with a blank or a comma between them (Taro Yamada, YAMADA Taro, Yamada, Taro), or a
 *       romaji surname after Mr./Ms. or before -san/様/さん.
 * </ul>
 */
final class NameRules {

  private static final NameDictionary DICT = NameDictionary.get();

  private static final List<String> AFTER_CUES =
      List.of(
          "さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿", "先生", "店長", "副店長", "部長", "課長", "主任", "社長",
          "マネージャー", "チーフ", "リーダー", "宛", "あて", "と申", "と言い", "といい", "という", "と名乗", "って人", "って方");

  /** First characters of {@link #AFTER_CUES} and of -san/-sama: a quick reject. */
  private static final String AFTER_CUE_FIRST = firstChars(AFTER_CUES) + "-";

  private static final List<String> SENTENCE_CUES = List.of("です", "でした", "と申します");
  private static final List<String> BEFORE_CUES =
      List.of(
          "担当者", "担当", "店員", "スタッフ", "従業員", "社員", "販売員", "係員", "店長", "副店長", "アルバイト", "バイト", "パート",
          "配達員", "ドライバー", "薬剤師", "氏名", "名前", "記入者", "回答者", "申込者", "購入者", "差出人", "送り主", "宛名", "受取人",
          "名義", "予約名", "予約者", "署名", "登録名", "会員", "代理", "夫", "妻", "娘", "息子", "母", "父", "主人", "家内",
          "祖母", "祖父", "兄", "姉", "弟", "妹", "子ども", "子供", "友人", "同僚", "上司", "部下");

  /** Last characters of {@link #BEFORE_CUES}: a quick reject. */
  private static final String BEFORE_CUE_LAST = lastChars(BEFORE_CUES);

  private static final String STANDALONE_PARTICLES = "がはをにともへや";

  /** Nouns used with honorifics that are not names. */
  private static final Set<String> HONORIFIC_NOUNS =
      Set.of(
          "お客", "客", "皆", "みな", "みんな", "店員", "運転手", "医者", "お医者", "母", "お母", "父", "お父", "奥", "兄",
          "お兄", "姉", "お姉", "赤", "子", "お子", "神", "王", "殿", "お疲れ", "ご馳走", "ご苦労", "おかげ", "お陰", "お互い",
          "係", "担当", "担当者", "スタッフ", "パート", "バイト", "アルバイト", "オーナー", "ママ", "パパ", "おばあ", "おじい", "ばあ",
          "じい", "おば", "おじ", "嬢", "お嬢", "坊", "お坊", "巡り", "お巡り", "隣", "お隣", "皆々", "王子", "姫", "お姫",
          "大家", "家主", "業者", "奥様", "旦那", "息子", "娘", "お孫", "孫", "先方", "相手", "お相手", "店長", "社長", "板前",
          "職人", "シェフ", "ドライバー", "レジ", "受付", "警備員", "配達員", "新人", "店", "お店", "会社", "御社", "貴社", "当社",
          "生徒", "学生", "患者", "利用者", "会員", "お年寄り", "高齢者", "外国人", "常連", "隣人", "友達", "ご近所", "近所", "皆様",
          "各位", "天気", "お天道", "お日", "仏", "観音", "地蔵", "お地蔵", "稲荷", "お稲荷", "大黒", "恵比寿", "弁天", "ご先祖",
          "先祖", "ご当地", "当地", "ちび", "お嫁", "嫁", "婿", "ご主人", "主人", "子ども", "子供", "赤ちゃん", "お兄ちゃん",
          "お姉ちゃん", "おばあちゃん", "おじいちゃん", "おかあ", "おとう", "おにい", "おねえ");

  /** Endings of role nouns used with honorifics (八百屋さん, 配達員さん, 薬剤師さん, 運転手さん, 担当者様). */
  private static final String ROLE_ENDINGS = "屋者員手師長客家工士官医生人様方";

  private static final List<String> HONORIFIC_SUFFIXES =
      List.of("さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿");

  private static final String HONORIFIC_FIRST = "さ様氏君くち殿";
  private static final Pattern ROMAJI_PAIR =
      Pattern.compile(
          "(?<![A-Za-z])([A-Z][a-z]+|[A-Z]{2,})(,\\s?|\\s)([A-Z][a-z]+|[A-Z]{2,})(?![A-Za-z])");
  private static final Pattern ROMAJI_SINGLE =
      Pattern.compile(
          "(?:(?<=(?:Mr|Ms|Mrs|Dr)\\.?\\s)([A-Z][a-z]+|[A-Z]{2,}))"
              + "|(?<![A-Za-z])([A-Z][a-z]+|[A-Z]{2,})(?=-?san|-?sama|-?sensei|\\s?(?:さん|様|氏|君|くん|ちゃん))");

  private NameRules() {}

  private static String firstChars(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.indexOf(w.substring(0, 1)) < 0) {
        sb.append(w.charAt(0));
      }
    }
    return sb.toString();
  }

  private static String lastChars(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      char c = w.charAt(w.length() - 1);
      if (sb.indexOf(String.valueOf(c)) < 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ romaji

  static void findRomajiNames(String text, List<Candidate> out) {
    findLowerCaseRomajiNames(text, out);
    if (!hasUpperAscii(text)) {
      return;
    }
    Matcher m = ROMAJI_PAIR.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      String a = m.group(1);
      String b = m.group(3);
      boolean comma = m.group(2).startsWith(",");
      boolean name =
          comma
              ? DICT.isRomajiSurname(a) && DICT.isRomajiGiven(b)
              : (DICT.isRomajiSurname(a) && DICT.isRomajiGiven(b))
                  || (DICT.isRomajiGiven(a) && DICT.isRomajiSurname(b));
      if (name) {
        out.add(new Candidate(PiiKind.PERSON_NAME, m.start(), m.end()));
        from = m.end();
      } else {
        from = m.start(3); // the second word may start the next pair
      }
    }
    Matcher s = ROMAJI_SINGLE.matcher(text);
    while (s.find()) {
      int g = s.group(1) != null ? 1 : 2;
      if (DICT.isRomajiSurname(s.group(g)) || DICT.isRomajiGiven(s.group(g))) {
        out.add(new Candidate(PiiKind.PERSON_NAME, s.start(g), s.end(g)));
      }
    }
  }

  private static final Pattern ROMAJI_LOWER_PAIR =
      Pattern.compile("(?<![A-Za-z])([a-z]{3,})\\s([a-z]{3,})(?![A-Za-z])");

  /**
   * taro yamada / yamada taro in lower case: both words must be in the dictionary, one given, one
   * surname.
   */
  private static void findLowerCaseRomajiNames(String text, List<Candidate> out) {
    int lower = 0;
    for (int i = 0; i < text.length() && lower < 7; i++) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower++;
      }
    }
    if (lower < 7) {
      return;
    }
    Matcher m = ROMAJI_LOWER_PAIR.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      String a = m.group(1);
      String b = m.group(2);
      if ((DICT.isRomajiGiven(a) && DICT.isRomajiSurname(b))
          || (DICT.isRomajiSurname(a) && DICT.isRomajiGiven(b))) {
        out.add(new Candidate(PiiKind.PERSON_NAME, m.start(), m.end()));
        from = m.end();
      } else {
        from = m.start(2);
      }
    }
  }

  private static boolean hasUpperAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ dictionary

  static void findDictionaryNames(String text, List<Token> toks, List<Candidate> out) {
    int n = text.length();
    for (int p = 0; p < n; p++) {
      char c = text.charAt(p);
      if (!isJapaneseLetter(c)) {
        continue;
      }
      if (!DICT.startsEntry(c)) {
        continue;
      }
      int script = script(c);
      if (!startBoundary(text, p, script)) {
        continue;
      }
      int[] surnames = DICT.endsAt(text, p, NameDictionary.SURNAME);
      int accepted = -1;
      for (int q : surnames) {
        int full = givenAfter(text, q, script, q - p);
        if (full > 0) {
          accepted = full;
          break;
        }
        if (endBoundary(text, q, script)
            && (cueAround(text, p, q) || standaloneSurname(text, toks, p, q))) {
          accepted = q;
          break;
        }
      }
      if (accepted < 0) {
        for (int q : DICT.endsAt(text, p, NameDictionary.GIVEN)) {
          if (endBoundary(text, q, script)
              && (honorificAfter(text, q) || roleBefore(text, p))
              && !(q - p == 1 && script == KANJI && !honorificAfter(text, q))) {
            accepted = q;
            break;
          }
        }
      }
      if (accepted > 0) {
        out.add(new Candidate(PiiKind.PERSON_NAME, p, accepted));
        p = accepted - 1;
      }
    }
  }

  /**
   * The end of a given name right after the surname ending at {@code q} (after at most one blank or
   * ・), or -1. Kana names written without a blank need a surname of three or more kana and a word
   * end after the given name.
   */
  private static int givenAfter(String text, int q, int script, int surnameLength) {
    int g = q;
    boolean separated = false;
    if (g < text.length() && (text.charAt(g) == ' ' || text.charAt(g) == '・')) {
      g++;
      separated = true;
    }
    if (g >= text.length()) {
      return -1;
    }
    int gScript = script(text.charAt(g));
    for (int e : DICT.endsAt(text, g, NameDictionary.GIVEN)) {
      // 山田太郎, ヤマダ タロウ; a kanji surname also takes a kana given name (伊藤さくら, 山田 ゆい)
      boolean compatible = gScript == script || (script == KANJI && gScript != KANJI && e - g >= 2);
      if (!compatible || !endBoundary(text, e, gScript)) {
        continue;
      }
      if (script == KANJI && !separated && surnameLength == 1 && e - g == 1) {
        continue; // 森光, 林檎-like pairs of two single characters are too often ordinary words
      }
      if (script != KANJI && !separated && (surnameLength < 3 || e - g < 2)) {
        continue;
      }
      return e;
    }
    if (separated && script == KANJI && surnameLength >= 2) {
      // 山田 翔真: a dictionary surname, one blank, then one to three kanji ending a word
      int e = g;
      while (e < text.length() && e - g < 3 && script(text.charAt(e)) == KANJI) {
        e++;
      }
      if (e > g && (e == text.length() || script(text.charAt(e)) != KANJI)) {
        return e;
      }
    }
    return -1;
  }

  private static boolean cueAround(String text, int p, int q) {
    return honorificAfter(text, q) || sentenceCue(text, p, q) || roleBefore(text, p);
  }

  private static boolean honorificAfter(String text, int q) {
    if (q >= text.length() || AFTER_CUE_FIRST.indexOf(text.charAt(q)) < 0) {
      return false;
    }
    for (String cue : AFTER_CUES) {
      if (text.startsWith(cue, q)) {
        return true;
      }
    }
    return text.startsWith("-san", q) || text.startsWith("-sama", q);
  }

  private static boolean sentenceCue(String text, int p, int q) {
    boolean cue = false;
    for (String c : SENTENCE_CUES) {
      if (text.startsWith(c, q)) {
        cue = true;
        break;
      }
    }
    if (!cue) {
      return false;
    }
    if (p == 0) {
      return true;
    }
    char b = text.charAt(p - 1);
    return "。、.,!?！？「『(（\n は".indexOf(b) >= 0;
  }

  private static boolean roleBefore(String text, int p) {
    if (p == 0) {
      return false;
    }
    int k = p;
    while (k > 0 && text.charAt(k - 1) == ' ') {
      k--;
    }
    if (k > 0 && "の:は、".indexOf(text.charAt(k - 1)) >= 0) {
      k--;
    }
    while (k > 0 && text.charAt(k - 1) == ' ') {
      k--;
    }
    if (k == 0 || BEFORE_CUE_LAST.indexOf(text.charAt(k - 1)) < 0) {
      return false;
    }
    for (String role : BEFORE_CUES) {
      if (k >= role.length() && text.startsWith(role, k - role.length())) {
        int s = k - role.length();
        // the role word itself must start a word (not 工夫の, 会員証)
        return s == 0 || script(text.charAt(s - 1)) != KANJI || role.length() >= 2;
      }
    }
    return false;
  }

  /**
   * A kanji surname of two or more characters as its own noun phrase (…田中が, 田中に確認), not a place.
   */
  private static boolean standaloneSurname(String text, List<Token> toks, int p, int q) {
    if (q - p < 2 || script(text.charAt(p)) != KANJI || q >= text.length()) {
      return false;
    }
    if (STANDALONE_PARTICLES.indexOf(text.charAt(q)) < 0) {
      return false;
    }
    for (Token t : toks) {
      if (t.start() > p) {
        break;
      }
      if (t.start() == p) {
        return t.end() <= q && !t.is("名詞-固有名詞-地域") && !t.is("名詞-固有名詞-組織");
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ honorific after unknown
  // words

  static void findHonorificNames(String text, List<Token> toks, List<Candidate> out) {
    for (int h = 1; h < toks.size(); h++) {
      Token hon = toks.get(h);
      String hs = hon.surface();
      if (hs.isEmpty()
          || HONORIFIC_FIRST.indexOf(hs.charAt(0)) < 0
          || !HONORIFIC_SUFFIXES.contains(hs)
          || toks.get(h - 1).end() != hon.start()) {
        continue;
      }
      int k = h - 1;
      int start = -1;
      StringBuilder word = new StringBuilder();
      while (k >= 0 && h - k <= 3 && (k == h - 1 || toks.get(k).end() == toks.get(k + 1).start())) {
        Token t = toks.get(k);
        if (!t.is("名詞") || !kanjiOrKatakana(t.surface())) {
          break;
        }
        word.insert(0, t.surface());
        start = t.start();
        k--;
      }
      if (start < 0 || word.length() > 6) {
        continue;
      }
      String w = word.toString();
      if (HONORIFIC_NOUNS.contains(w)
          || ROLE_ENDINGS.indexOf(w.charAt(w.length() - 1)) >= 0
          || (start > 0 && text.charAt(start - 1) == 'お')
          || (start > 0 && text.charAt(start - 1) == 'ご')) {
        continue;
      }
      out.add(new Candidate(PiiKind.PERSON_NAME, start, hon.start()));
    }
  }

  // ------------------------------------------------------------------ characters

  private static final int OTHER = 0;
  private static final int KANJI = 1;
  private static final int HIRAGANA = 2;
  private static final int KATAKANA = 3;

  private static int script(char c) {
    if ((c >= '\u4E00' && c <= '\u9FFF') || c == '々' || (c >= '\u3400' && c <= '\u4DBF')) {
      return KANJI;
    }
    if (c >= 'ぁ' && c <= 'ゖ') {
      return HIRAGANA;
    }
    if ((c >= 'ァ' && c <= 'ヺ') || c == 'ー') {
      return KATAKANA;
    }
    return OTHER;
  }

  private static boolean isJapaneseLetter(char c) {
    return script(c) != OTHER;
  }

  /**
   * A name may start here: the previous character is of another script, or a particle before kana.
   */
  private static boolean startBoundary(String text, int p, int script) {
    if (p == 0) {
      return true;
    }
    char b = text.charAt(p - 1);
    int bs = script(b);
    if (bs != script) {
      return true;
    }
    return script == HIRAGANA && "のはがをにとも".indexOf(b) >= 0;
  }

  /**
   * A name may end here: end of text, or the next character is of another script (or starts a cue).
   */
  private static boolean endBoundary(String text, int q, int script) {
    if (q >= text.length()) {
      return true;
    }
    int ns = script(text.charAt(q));
    if (ns != script) {
      return true;
    }
    return honorificAfter(text, q)
        || (script == HIRAGANA && "のはがをにともで".indexOf(text.charAt(q)) >= 0);
  }

  private static boolean kanjiOrKatakana(String s) {
    for (int i = 0; i < s.length(); i++) {
      int sc = script(s.charAt(i));
      if (sc != KANJI && sc != KATAKANA) {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
