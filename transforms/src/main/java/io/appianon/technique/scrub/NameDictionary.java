package io.appianon.technique.scrub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The bundled dictionary of common Japanese surnames and given names ({@code
 * japanese-surnames.txt}, {@code japanese-given-names.txt} next to this class; compiled by hand for
 * this project, see their headers). Each entry is written in kanji (or kana) with its hiragana
 * readings; the katakana and Hepburn romaji forms (with the long-vowel variants Satou/Sato/Satoh,
 * Yuuko/Yuko) are derived here. Lookups walk a character trie, so scanning a text allocates
 * nothing. Loaded once per JVM; immutable.
 */
final class NameDictionary {

  static final int SURNAME = 1;
  static final int GIVEN = 2;

  /**
   * A trie node: children by character (few, scanned linearly) and the kinds (SURNAME | GIVEN)
   * ending here.
   */
  private static final class Node {
    char[] keys = new char[0];
    Node[] kids = new Node[0];
    int kinds;

    Node child(char c) {
      char[] k = keys;
      for (int i = 0; i < k.length; i++) {
        if (k[i] == c) {
          return kids[i];
        }
      }
      return null;
    }

    Node childOrNew(char c) {
      Node n = child(c);
      if (n == null) {
        n = new Node();
        keys = java.util.Arrays.copyOf(keys, keys.length + 1);
        kids = java.util.Arrays.copyOf(kids, kids.length + 1);
        keys[keys.length - 1] = c;
        kids[kids.length - 1] = n;
      }
      return n;
    }
  }

  /** First level indexed by the character itself: no search and no boxing on the hot path. */
  private final Node[] first = new Node[Character.MAX_VALUE + 1];

  private final Set<String> romajiSurnames = new HashSet<>();
  private final Set<String> romajiGiven = new HashSet<>();

  private NameDictionary() {
    load("japanese-surnames.txt", SURNAME);
    load("japanese-given-names.txt", GIVEN);
  }

  static NameDictionary get() {
    return Holder.INSTANCE;
  }

  /** Lazy holder: loaded on first use, after the static tables below are initialised. */
  private static final class Holder {
    static final NameDictionary INSTANCE = new NameDictionary();
  }

  /**
   * The ends of all entries of {@code kind} that start at {@code from} in {@code text}, longest
   * first, as a small array; empty when none.
   */
  int[] endsAt(String text, int from, int kind) {
    Node n = first[text.charAt(from)];
    if (n == null) {
      return EMPTY;
    }
    int[] found = null;
    int count = 0;
    for (int i = from; i < text.length(); i++) {
      if (i > from) {
        n = n.child(text.charAt(i));
      }
      if (n == null) {
        break;
      }
      if ((n.kinds & kind) != 0) {
        if (found == null) {
          found = new int[4];
        } else if (count == found.length) {
          found = java.util.Arrays.copyOf(found, count * 2);
        }
        found[count++] = i + 1;
      }
    }
    if (count == 0) {
      return EMPTY;
    }
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      out[k] = found[count - 1 - k];
    }
    return out;
  }

  private static final int[] EMPTY = new int[0];

  /** Whether some entry starts with {@code c}: a quick reject before {@link #endsAt}. */
  boolean startsEntry(char c) {
    return first[c] != null;
  }

  /** Whether {@code word} (any case) is a romaji surname. */
  boolean isRomajiSurname(String word) {
    return romajiSurnames.contains(word.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code word} (any case) is a romaji given name. */
  boolean isRomajiGiven(String word) {
    return romajiGiven.contains(word.toLowerCase(Locale.ROOT));
  }

  private void load(String resource, int kind) {
    try (InputStream in = NameDictionary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "name dictionary " + resource + " missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\\s+");
        add(cols[0], kind);
        for (String reading : cols[1].split("/")) {
          add(reading, kind);
          add(katakana(reading), kind);
          Set<String> romaji = kind == SURNAME ? romajiSurnames : romajiGiven;
          romaji.addAll(romajiVariants(reading));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read name dictionary " + resource, e);
    }
  }

  private void add(String word, int kind) {
    Node n = first[word.charAt(0)];
    if (n == null) {
      n = new Node();
      first[word.charAt(0)] = n;
    }
    for (int i = 1; i < word.length(); i++) {
      n = n.childOrNew(word.charAt(i));
    }
    n.kinds |= kind;
  }

  static String katakana(String hiragana) {
    StringBuilder sb = new StringBuilder(hiragana.length());
    for (int i = 0; i < hiragana.length(); i++) {
      char c = hiragana.charAt(i);
      sb.append(c >= 'ぁ' && c <= 'ゖ' ? (char) (c + 0x60) : c);
    }
    return sb.toString();
  }

  private static final String[][] KANA = {
    {"あ", "a"},
    {"い", "i"},
    {"う", "u"},
    {"え", "e"},
    {"お", "o"},
    {"か", "ka"},
    {"き", "ki"},
    {"く", "ku"},
    {"け", "ke"},
    {"こ", "ko"},
    {"さ", "sa"},
    {"し", "shi"},
    {"す", "su"},
    {"せ", "se"},
    {"そ", "so"},
    {"た", "ta"},
    {"ち", "chi"},
    {"つ", "tsu"},
    {"て", "te"},
    {"と", "to"},
    {"な", "na"},
    {"に", "ni"},
    {"ぬ", "nu"},
    {"ね", "ne"},
    {"の", "no"},
    {"は", "ha"},
    {"ひ", "hi"},
    {"ふ", "fu"},
    {"へ", "he"},
    {"ほ", "ho"},
    {"ま", "ma"},
    {"み", "mi"},
    {"む", "mu"},
    {"め", "me"},
    {"も", "mo"},
    {"や", "ya"},
    {"ゆ", "yu"},
    {"よ", "yo"},
    {"ら", "ra"},
    {"り", "ri"},
    {"る", "ru"},
    {"れ", "re"},
    {"ろ", "ro"},
    {"わ", "wa"},
    {"を", "o"},
    {"ん", "n"},
    {"が", "ga"},
    {"ぎ", "gi"},
    {"ぐ", "gu"},
    {"げ", "ge"},
    {"ご", "go"},
    {"ざ", "za"},
    {"じ", "ji"},
    {"ず", "zu"},
    {"ぜ", "ze"},
    {"ぞ", "zo"},
    {"だ", "da"},
    {"ぢ", "ji"},
    {"づ", "zu"},
    {"で", "de"},
    {"ど", "do"},
    {"ば", "ba"},
    {"び", "bi"},
    {"ぶ", "bu"},
    {"べ", "be"},
    {"ぼ", "bo"},
    {"ぱ", "pa"},
    {"ぴ", "pi"},
    {"ぷ", "pu"},
    {"ぺ", "pe"},
    {"ぽ", "po"},
  };
  private static final Map<Character, String> ROMAJI = new HashMap<>();

  static {
    for (String[] kv : KANA) {
      ROMAJI.put(kv[0].charAt(0), kv[1]);
    }
  }

  /**
   * Hepburn romaji of a hiragana reading (さとう -> satou), or {@code null} for a character it does
   * not know.
   */
  static String romaji(String kana) {
    StringBuilder sb = new StringBuilder();
    boolean doubleNext = false;
    for (int i = 0; i < kana.length(); i++) {
      char c = kana.charAt(i);
      if (c == 'っ') {
        doubleNext = true;
        continue;
      }
      String r = ROMAJI.get(c);
      if (r == null) {
        return null;
      }
      if (i + 1 < kana.length() && "ゃゅょ".indexOf(kana.charAt(i + 1)) >= 0) {
        char small = kana.charAt(i + 1);
        String vowel = small == 'ゃ' ? "a" : small == 'ゅ' ? "u" : "o";
        r =
            r.endsWith("hi") || r.equals("ji") || r.equals("chi")
                ? r.substring(0, r.length() - 1) + vowel
                : r.substring(0, r.length() - 1) + "y" + vowel;
        i++;
      }
      if (doubleNext) {
        sb.append(r.startsWith("ch") ? 't' : r.charAt(0));
        doubleNext = false;
      }
      sb.append(r);
    }
    return sb.toString();
  }

  /** satou -> {satou, sato, satoh}; yuuko -> {yuuko, yuko}; oota -> {oota, ota, ohta}. */
  static Set<String> romajiVariants(String kana) {
    Set<String> out = new HashSet<>();
    String r = romaji(kana);
    if (r == null) {
      return out;
    }
    out.add(r);
    out.add(r.replace("ou", "o").replace("oo", "o").replace("uu", "u"));
    out.add(r.replace("ou", "oh").replace("oo", "oh"));
    return out;
  }
}
