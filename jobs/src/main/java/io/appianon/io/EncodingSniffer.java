package io.appianon.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Optional;

/**
 * Names the encoding a sample of bytes was most likely written in, for the message of a run whose
 * input does not decode in the declared encoding. Each candidate (UTF-8, windows-31j, the Shift_JIS
 * superset Excel and Windows write, and EUC-JP) decodes the sample strictly; of those that decode
 * it without an error, the one giving the most Japanese characters (kanji, hiragana, full-width
 * katakana) wins. EUC-JP bytes often decode as windows-31j too, but into half-width katakana, which
 * does not count.
 */
final class EncodingSniffer {
  static final List<String> CANDIDATES = List.of("UTF-8", "windows-31j", "EUC-JP");

  private EncodingSniffer() {}

  /**
   * The likely encoding of {@code sample} (cut at its last line break), or empty when none decodes
   * it.
   */
  static Optional<String> guess(byte[] sample, int length) {
    int end = length;
    while (end > 0 && sample[end - 1] != '\n') {
      end--;
    }
    if (end == 0) {
      end = length;
    }
    String best = null;
    long bestScore = -1;
    for (String name : CANDIDATES) {
      CharsetDecoder d =
          Charset.forName(name)
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      String text;
      try {
        text = d.decode(ByteBuffer.wrap(sample, 0, end)).toString();
      } catch (CharacterCodingException e) {
        continue;
      }
      long score = text.codePoints().filter(EncodingSniffer::japanese).count();
      if (score > bestScore) {
        best = name;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean japanese(int cp) {
    Character.UnicodeBlock b = Character.UnicodeBlock.of(cp);
    return b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
        || b == Character.UnicodeBlock.HIRAGANA
        || b == Character.UnicodeBlock.KATAKANA
        || b == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION;
  }

  /** How a guess reads in a message: windows-31j is what most tools call Shift_JIS. */
  static String describe(String encoding) {
    return encoding.equals("windows-31j")
        ? "Shift_JIS (set encoding = windows-31j, its superset that Windows and" + " Excel write)"
        : encoding + " (set encoding = " + encoding + ")";
  }
}
