package io.appianon.technique.scrub;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Finds personal names and street-level addresses in Japanese free text with Lucene Kuromoji
 * (bundled IPADIC, part-of-speech tags). No name word lists are used: names come from the
 * dictionary's {@code 名詞-固有名詞-人名-*} tags, and context words (honorific suffixes, job titles,
 * role/form labels) only decide whether a tagged token is trusted.
 *
 * <p><b>Names.</b> Adjacent 人名 tokens (also 姓, one blank, 名) are merged into one span; a given name
 * preceded by a place/proper noun is merged too (surnames are often toponyms: 木村/地域 拓也/人名-名). A
 * span is accepted when it is a full name, or is followed by a 名詞-接尾-人名 suffix (さん/様/氏/くん/ ちゃん...),
 * a job title (店長, 先生...), or 「と申します/という」, or is preceded by a role or form label (担当の, スタッフの,
 * 氏名:), or is a surname of two or more kanji standing as its own noun phrase (followed by a
 * particle が/は/を/に/と..., punctuation, a bracket or the end of text). Tokens followed by a 人名 suffix
 * but not tagged 人名 (岡田准一さん) are covered when a 人名 token starts the noun group.
 *
 * <p><b>Addresses.</b> A block number ({@code 2-8-1}, {@code 3丁目4番5号}, {@code 一丁目9番1号}, {@code
 * 1番地}, {@code 北3条西6丁目}) directly after a chain of place-name tokens ({@code 名詞-固有名詞-地域-*},
 * 都/道/府/県/市/区/町/村 suffixes, general nouns) that contains a real place name; the span starts at the
 * first place name and may extend to a following {@code 号室}. A lone place mention (東京に行った, 新宿店,
 * 北海道産, 新宿3丁目) is not an address.
 *
 * <p>{@link JapaneseTokenizer} is neither thread-safe nor serializable, so one instance is created
 * lazily per thread and reused; the dictionaries behind it are JVM-wide singletons.
 */
final class JapaneseTextDetector {

  private static final ThreadLocal<TokenizerHolder> TOKENIZER = new ThreadLocal<>();

  private static final String PERSON = "名詞-固有名詞-人名";
  private static final String PERSON_SURNAME = "名詞-固有名詞-人名-姓";
  private static final String ORGANIZATION = "名詞-固有名詞-組織";
  private static final String PREFIX = "接頭詞";
  private static final String PERSON_GIVEN = "名詞-固有名詞-人名-名";
  private static final String PROPER_GENERAL = "名詞-固有名詞-一般";
  private static final String REGION = "名詞-固有名詞-地域";
  private static final String PERSON_SUFFIX = "名詞-接尾-人名";
  private static final String REGION_SUFFIX = "名詞-接尾-地域";
  private static final String NOUN_GENERAL = "名詞-一般";
  private static final String NUMBER = "名詞-数";

  /** Job titles that may directly follow a surname (田中店長). */
  private static final Set<String> TITLES =
      Set.of(
          "店長", "副店長", "先生", "部長", "課長", "係長", "主任", "社長", "院長", "会長", "マネージャー", "チーフ", "リーダー",
          "店員");

  /** Roles and form labels that may directly precede a name (担当の小野, 氏名: 木村). */
  private static final Set<String> ROLES =
      Set.of(
          "担当", "担当者", "店員", "スタッフ", "従業員", "社員", "販売員", "係", "係員", "店長", "副店長", "アルバイト", "パート",
          "配達員", "ドライバー", "薬剤師", "氏名", "名前", "お名前", "記入者", "回答者", "申込者", "購入者", "差出人", "送り主", "宛名");

  /** Verbs after "と" that introduce one's own or someone's name (吉田と申します, 森という店員). */
  private static final Set<String> NAMING_VERBS =
      Set.of("申し", "申す", "申します", "いう", "言う", "いい", "言い", "名乗っ", "名乗る", "名乗り");

  /** Particles after which a lone surname is read as a noun phrase of its own. */
  private static final Set<String> STANDALONE_PARTICLES =
      Set.of("が", "は", "を", "に", "と", "も", "から", "より", "へ", "や", "には", "とは");

  private static final Set<String> NAME_LINKS = Set.of("の", ":", " ");

  /** One-kanji words IPADIC also knows as given names that end street and place names (烏丸通, 本町). */
  private static final Set<String> PLACE_SUFFIXES = Set.of("通", "町", "駅", "橋", "寺", "院", "宮", "坂");

  private static final Set<String> ADDRESS_LINKERS = Set.of("が", "ヶ", "ケ", "の", "ノ");

  private static final String NUM = "[1-9][0-9]{0,3}";
  private static final String NUMK = "(?:[1-9][0-9]{0,3}|[一二三四五六七八九十百千][〇一二三四五六七八九十百千]*)";
  private static final String END = "(?![0-9])(?!-[0-9])";
  private static final String UNITS =
      "(?!\\s?(?:階|F|f|位|年|月|日|時|分|秒|円|個|回|人|名|枚|本|%|点|杯|番線|号車|号線"
          + "|号機|歳|才|勝|敗|対|km|kg|cm|mm|ml))";

  /** Block-level part of an address that must directly follow a place name. */
  private static final Pattern BLOCK =
      Pattern.compile(
          NUMK
              + "丁目\\s?"
              + NUMK
              + "(?:(?:番地?|-|の)\\s?(?:"
              + NUMK
              + "号?)?)?"
              + END
              + "|"
              + NUM
              + "条[東西南北]?"
              + NUM
              + "丁目(?:"
              + NUM
              + "(?:-"
              + NUM
              + ")?)?"
              + END
              + "|"
              + NUMK
              + "番地(?:の?"
              + NUMK
              + "号?)?"
              + END
              + "|"
              + NUMK
              + "番\\s?"
              + NUMK
              + "号"
              + END
              + "|"
              + NUM
              + "(?:-"
              + NUM
              + "){1,3}"
              + END
              + UNITS);

  /** A lone lot number after a town (…前町488). */
  private static final Pattern LOT_AFTER_TOWN = Pattern.compile(NUM + END + UNITS + "(?![A-Za-z])");

  /** Optional building/room part right after the block (…2-8-1 サンハイツ201号室). */
  private static final Pattern ROOM =
      Pattern.compile(
          "\\s?[^\\s、。,.!?()「」]{0,20}?"
              + NUMK
              + "号室"
              + "|\\s?[^\\s、。,.!?()「」0-9]{1,20}?[0-9]{1,2}(?:F|階)(?![0-9])");

  /**
   * A rural address: optional prefecture, a district (…郡) or a 大字/字 marker, a town or village
   * (…町/村), the locality and a lot number (…郡那須町大字湯本136, …村字東風平359番地).
   */
  private static final Pattern RURAL =
      Pattern.compile(
          "(?:[\\p{IsHan}]{1,3}(?:都|道|府|県))?(?:[\\p{IsHan}ヶ]{1,6}郡[\\p{IsHan}\\p{IsKatakana}ヶ]{1,8}?(?:町|村)"
              + "(?:大字|字)?|[\\p{IsHan}\\p{IsKatakana}ヶ]{1,8}?(?:町|村)(?:大字|字))[\\p{IsHan}\\p{IsKatakana}ヶ々]{1,8}?"
              + NUMK
              + "(?:番地?(?:の?"
              + NUMK
              + "号?)?|(?:-"
              + NUM
              + ")*)"
              + END
              + UNITS);

  /**
   * A Kyoto street address: street (…通), optional cross street, a direction 上ル/下ル/東入/西入 (also with
   * る/ル), optional town (…町) and lot number; optional 京都府/京都市/…区 before it. The direction word is
   * required, so a street mentioned alone (烏丸通沿いの店) is not an address.
   */
  private static final Pattern KYOTO =
      Pattern.compile(
          "(?:京都府)?(?:[\\p{IsHan}々ヶ]{1,4}市)?(?:[\\p{IsHan}々ヶ]{1,3}区)?"
              + "[\\p{IsHan}々ヶ]{1,6}通り?[\\p{IsHan}々ヶ]{0,6}?(?:上る|上ル|上がる|上ガル|下る|下ル|下がる|下ガル|東入る|東入ル|東入|西入る|西入ル|西入)"
              + "(?:[\\p{IsHan}々ヶ]{1,8}?町)?(?:\\s?"
              + NUMK
              + "(?:番地?(?:の?"
              + NUMK
              + "号?)?|(?:-"
              + NUM
              + ")*)"
              + END
              + ")?");

  private static final int MAX_CHAIN = 12;

  /** One Kuromoji token in normalised-text coordinates. */
  record Token(String surface, String pos, int start, int end) {
    boolean is(String prefix) {
      return pos.startsWith(prefix);
    }
  }

  /** Per-thread tokenizer with its attributes. */
  private static final class TokenizerHolder {
    final JapaneseTokenizer tokenizer =
        new JapaneseTokenizer(null, false, JapaneseTokenizer.Mode.NORMAL);
    final CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
    final OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
    final PartOfSpeechAttribute pos = tokenizer.addAttribute(PartOfSpeechAttribute.class);
  }

  List<Candidate> find(String text, Set<PiiKind> kinds) {
    boolean names = kinds.contains(PiiKind.PERSON_NAME);
    boolean addresses = kinds.contains(PiiKind.ADDRESS);
    if (!names && !addresses) {
      return List.of();
    }
    List<Candidate> out = new ArrayList<>();
    if (names) {
      NameRules.findRomajiNames(text, out);
    }
    if (!containsJapanese(text)) {
      return out;
    }
    List<Token> tokens = tokenize(text);
    if (names) {
      findNames(tokens, out);
      NameRules.findDictionaryNames(text, tokens, out);
      NameRules.findHonorificNames(text, tokens, out);
    }
    if (addresses) {
      findAddresses(text, tokens, out);
    }
    return out;
  }

  static List<Token> tokenize(String text) {
    TokenizerHolder h = TOKENIZER.get();
    if (h == null) {
      h = new TokenizerHolder();
      TOKENIZER.set(h);
    }
    List<Token> tokens = new ArrayList<>();
    try {
      h.tokenizer.setReader(new StringReader(text));
      h.tokenizer.reset();
      while (h.tokenizer.incrementToken()) {
        String pos = h.pos.getPartOfSpeech();
        tokens.add(
            new Token(
                h.term.toString(),
                pos == null ? "" : pos,
                h.offset.startOffset(),
                h.offset.endOffset()));
      }
      h.tokenizer.end();
    } catch (IOException e) {
      TOKENIZER.remove();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      TOKENIZER.remove();
      throw e;
    } finally {
      try {
        h.tokenizer.close();
      } catch (IOException e) {
        TOKENIZER.remove();
      }
    }
    return tokens;
  }

  private static boolean containsJapanese(String s) {
    for (int i = 0; i < s.length(); i++) {
      Character.UnicodeBlock b = Character.UnicodeBlock.of(s.charAt(i));
      if (b == Character.UnicodeBlock.HIRAGANA
          || b == Character.UnicodeBlock.KATAKANA
          || b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ names

  private static void findNames(List<Token> toks, List<Candidate> out) {
    int n = toks.size();
    Set<Integer> acceptedEnds = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Token first = toks.get(i);
      if (!first.is(PERSON)
          || (first.is(PERSON_GIVEN) && PLACE_SUFFIXES.contains(first.surface()))) {
        continue;
      }
      int j = i;
      while (true) {
        if (j + 1 < n
            && adjacent(toks, j, j + 1)
            && toks.get(j + 1).is(PERSON)
            && !PLACE_SUFFIXES.contains(toks.get(j + 1).surface())) {
          j++;
        } else if (j + 2 < n
            && toks.get(j).is(PERSON_SURNAME)
            && toks.get(j + 1).surface().isBlank()
            && adjacent(toks, j, j + 1)
            && adjacent(toks, j + 1, j + 2)
            && toks.get(j + 2).is(PERSON_GIVEN)) {
          j += 2; // 木村 拓也
        } else if (j + 2 < n
            && j == i
            && toks.get(j).is(PERSON_SURNAME)
            && toks.get(j + 1).surface().equals(" ")
            && adjacent(toks, j, j + 1)
            && adjacent(toks, j + 1, j + 2)
            && givenNameLike(toks.get(j + 2))) {
          // 松田 大翔: a surname, one blank, then a short word the dictionary does not know as a given
          // name. Japanese writes a blank between surname and given name, rarely elsewhere.
          j += 2;
        } else {
          break;
        }
      }
      int startIdx = i;
      if (first.is(PERSON_GIVEN)) {
        // A given name may have been split off a prefix-like first character (大/接頭詞 翔/人名-名).
        int g = i;
        if (g >= 1
            && toks.get(g - 1).is(PREFIX)
            && adjacent(toks, g - 1, g)
            && toks.get(g - 1).surface().length() == 1) {
          g--;
          startIdx = g;
        }
        // Surnames are often toponyms or company names and get tagged as a place or an organization
        // (木村/地域 拓也/人名-名, 松田/組織 大翔).
        int k = g - 1;
        if (k >= 1 && toks.get(k).surface().isBlank() && adjacent(toks, k, g)) {
          k--;
        }
        if (k >= 0
            && adjacent(toks, k, k + 1)
            && (toks.get(k).is(REGION)
                || toks.get(k).is(PROPER_GENERAL)
                || toks.get(k).is(ORGANIZATION)
                || toks.get(k).is(PERSON_SURNAME))) {
          startIdx = k;
        } else if (g < i
            && !(i + 1 < n && adjacent(toks, i, i + 1) && toks.get(i + 1).is(PERSON_SUFFIX))) {
          startIdx = i; // a lone prefix + given name is not trusted without a surname or honorific
        }
      }
      boolean fullName = j > i || startIdx < i;
      Token next = j + 1 < n && adjacent(toks, j, j + 1) ? toks.get(j + 1) : null;
      boolean honorific = next != null && next.is(PERSON_SUFFIX);
      boolean title = next != null && TITLES.contains(next.surface());
      boolean naming =
          next != null
              && next.surface().equals("と")
              && j + 2 < n
              && NAMING_VERBS.contains(toks.get(j + 2).surface());
      boolean standalone = !fullName && standaloneSurname(toks, i, next);
      if (fullName || honorific || title || naming || standalone || roleBefore(toks, startIdx)) {
        out.add(new Candidate(PiiKind.PERSON_NAME, toks.get(startIdx).start(), toks.get(j).end()));
        acceptedEnds.add(toks.get(j).end());
      }
      i = j;
    }
    // Honorific after words the dictionary does not tag as a name (岡田准一さん -> 岡田 准 一 さん).
    for (int h = 1; h < n; h++) {
      if (!toks.get(h).is(PERSON_SUFFIX)
          || !adjacent(toks, h - 1, h)
          || acceptedEnds.contains(toks.get(h - 1).end())) {
        continue;
      }
      Token prev = toks.get(h - 1);
      if (prev.is(PROPER_GENERAL)) {
        out.add(new Candidate(PiiKind.PERSON_NAME, prev.start(), prev.end()));
        continue;
      }
      int earliestPerson = -1;
      for (int k = h - 1; k >= Math.max(0, h - 3); k--) {
        Token t = toks.get(k);
        boolean nounish =
            t.is(PERSON) || t.is(NOUN_GENERAL) || t.is(NUMBER) || t.is(PROPER_GENERAL);
        if (!nounish || (k < h - 1 && !adjacent(toks, k, k + 1))) {
          break;
        }
        if (t.is(PERSON)) {
          earliestPerson = k;
        }
      }
      if (earliestPerson >= 0) {
        out.add(new Candidate(PiiKind.PERSON_NAME, toks.get(earliestPerson).start(), prev.end()));
      }
    }
  }

  /**
   * A short (1–4 characters) kanji or kana noun that is not a title or role word: a plausible given
   * name.
   */
  private static boolean givenNameLike(Token t) {
    String w = t.surface();
    if (!t.is("名詞") || w.isEmpty() || w.length() > 4 || TITLES.contains(w) || ROLES.contains(w)) {
      return false;
    }
    return w.codePoints()
        .allMatch(
            c ->
                Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                    || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                    || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA);
  }

  /**
   * A lone surname of at least two kanji that forms a noun phrase by itself: followed by a case or
   * binding particle, punctuation, a bracket or the end of the text (夫の渡辺が…, …ください。田中, （高木）).
   * One-kanji surnames (森, 林) and surnames followed by another noun (松坂牛) are too often ordinary
   * words and are not trusted without further context.
   */
  private static boolean standaloneSurname(List<Token> toks, int i, Token next) {
    Token t = toks.get(i);
    if (!t.is(PERSON_SURNAME) || t.surface().length() < 2 || !allKanji(t.surface())) {
      return false;
    }
    if (i + 1 == toks.size()) {
      return true;
    }
    if (next == null) {
      return false;
    }
    if (isPunctuation(next)) {
      return true;
    }
    return next.is("助詞") && STANDALONE_PARTICLES.contains(next.surface());
  }

  /**
   * IPADIC tags full-width punctuation as 記号 but ASCII punctuation (after NFKC) as an unknown noun.
   */
  private static boolean isPunctuation(Token t) {
    if (t.is("記号")) {
      return true;
    }
    String s = t.surface();
    for (int k = 0; k < s.length(); k++) {
      if (Character.isLetterOrDigit(s.charAt(k)) || Character.isWhitespace(s.charAt(k))) {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static boolean allKanji(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (Character.UnicodeBlock.of(c) != Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
          && c != '々') {
        return false;
      }
    }
    return true;
  }

  private static boolean roleBefore(List<Token> toks, int i) {
    int k = i - 1;
    if (k >= 0 && NAME_LINKS.contains(toks.get(k).surface()) && adjacent(toks, k, i)) {
      k--;
    }
    if (k < 0 || !adjacent(toks, k, k + 1)) {
      return false;
    }
    String last = toks.get(k).surface();
    if (ROLES.contains(last)) {
      return true;
    }
    return k >= 1 && adjacent(toks, k - 1, k) && ROLES.contains(toks.get(k - 1).surface() + last);
  }

  // ------------------------------------------------------------------ addresses

  private static void findAddresses(String text, List<Token> toks, List<Candidate> out) {
    if (text.indexOf('通') >= 0
        && (text.indexOf('上') >= 0 || text.indexOf('下') >= 0 || text.indexOf('入') >= 0)) {
      Matcher kyoto = KYOTO.matcher(text);
      while (kyoto.find()) {
        out.add(new Candidate(PiiKind.ADDRESS, kyoto.start(), kyoto.end()));
      }
    }
    if (text.indexOf('郡') >= 0 || text.indexOf('字') >= 0) {
      Matcher rural = RURAL.matcher(text);
      while (rural.find()) {
        out.add(new Candidate(PiiKind.ADDRESS, rural.start(), rural.end()));
      }
    }
    int n = toks.size();
    Matcher block = BLOCK.matcher(text);
    Matcher lot = LOT_AFTER_TOWN.matcher(text);
    Matcher room = ROOM.matcher(text);
    int lastEnd = -1;
    for (int k = 1; k < n; k++) {
      int blockStart = toks.get(k).start();
      if (blockStart < lastEnd || !startsBlockNumber(text.charAt(blockStart))) {
        continue;
      }
      int chainEnd = k - 1;
      if (toks.get(chainEnd).surface().isBlank() && chainEnd > 0 && adjacent(toks, chainEnd, k)) {
        chainEnd--;
      }
      if (!adjacent(toks, chainEnd, chainEnd + 1)) {
        continue;
      }
      block.region(blockStart, text.length());
      int blockEnd;
      if (block.lookingAt()) {
        blockEnd = block.end();
      } else {
        Token town = toks.get(chainEnd);
        lot.region(blockStart, text.length());
        if (town.is(REGION_SUFFIX)
            && (town.surface().equals("町") || town.surface().equals("村"))
            && chainEnd == k - 1
            && lot.lookingAt()) {
          blockEnd = lot.end();
        } else {
          continue;
        }
      }
      int chainStart = placeChainStart(toks, chainEnd);
      if (chainStart < 0) {
        continue;
      }
      room.region(blockEnd, text.length());
      if (room.lookingAt()) {
        blockEnd = room.end();
      }
      out.add(new Candidate(PiiKind.ADDRESS, toks.get(chainStart).start(), blockEnd));
      lastEnd = blockEnd;
    }
  }

  private static boolean startsBlockNumber(char c) {
    return (c >= '1' && c <= '9') || "一二三四五六七八九十百".indexOf(c) >= 0;
  }

  /**
   * Walks back from {@code end} over place-name-like tokens and returns the index of the first
   * token that is a region name or is followed by a region suffix (都/県/市/区/町...), or -1 if the
   * chain contains no place name.
   */
  private static int placeChainStart(List<Token> toks, int end) {
    int k = end;
    while (k >= 0
        && end - k < MAX_CHAIN
        && chainable(toks.get(k), k == end)
        && (k == end || adjacent(toks, k, k + 1))) {
      k--;
    }
    for (int c = k + 1; c <= end; c++) {
      Token t = toks.get(c);
      boolean followedBySuffix = c + 1 <= end && toks.get(c + 1).is(REGION_SUFFIX);
      if (t.is(REGION) || (followedBySuffix && !ADDRESS_LINKERS.contains(t.surface()))) {
        return c;
      }
    }
    return -1;
  }

  private static boolean chainable(Token t, boolean last) {
    if (t.is(REGION)
        || t.is(REGION_SUFFIX)
        || t.is(NOUN_GENERAL)
        || t.is(PROPER_GENERAL)
        || t.is(PERSON)) {
      return true;
    }
    return !last && ADDRESS_LINKERS.contains(t.surface());
  }

  private static boolean adjacent(List<Token> toks, int a, int b) {
    return a >= 0 && b < toks.size() && toks.get(a).end() == toks.get(b).start();
  }
}
