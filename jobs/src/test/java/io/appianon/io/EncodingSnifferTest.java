package io.appianon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The guess of the encoding a run's input was written in, which the message of a run failed for its
 * bytes suggests: each candidate decodes the sample strictly, the most Japanese characters win, the
 * sample is cut at its last line break.
 */
class EncodingSnifferTest {
  private static final String TEXT = "会員番号,氏名,ご意見\nM0000001,山田太郎,とても良いお店です。\n";

  private static Optional<String> guess(byte[] b) {
    return EncodingSniffer.guess(b, b.length);
  }

  @Test
  void eachCandidateIsNamedForTextWrittenInIt() {
    assertEquals(Optional.of("UTF-8"), guess(TEXT.getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.of("windows-31j"), guess(TEXT.getBytes(Charset.forName("windows-31j"))));
    // EUC-JP's bytes decode as windows-31j too, but into half-width katakana, which do not count
    assertEquals(Optional.of("EUC-JP"), guess(TEXT.getBytes(Charset.forName("EUC-JP"))));
  }

  /**
   * Each block counts: a sample of only kanji, only hiragana, only katakana or only 「」、。. In EUC-JP
   * it decodes as windows-31j too, into more characters (half-width katakana and symbols, which do
   * not count), so EUC-JP wins only by its Japanese characters.
   */
  @Test
  void kanjiHiraganaKatakanaAndJapanesePunctuationEachCount() {
    for (String s : new String[] {"山田太郎\n", "とてもよい\n", "オーガニック\n", "「」、。\n"}) {
      assertEquals(Optional.of("EUC-JP"), guess(s.getBytes(Charset.forName("EUC-JP"))), s);
      assertEquals(
          Optional.of("windows-31j"), guess(s.getBytes(Charset.forName("windows-31j"))), s);
    }
  }

  /** ASCII decodes in every candidate with no Japanese character: the first candidate, UTF-8. */
  @Test
  void aTieGoesToTheFirstCandidate() {
    assertEquals(
        Optional.of("UTF-8"), guess("id,name\n1,abc\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(Optional.of("UTF-8"), guess(new byte[0]));
  }

  /**
   * A sample cut inside a character (the first MB of a file) is decoded up to its last line break:
   * UTF-8 text whose last character lost its third byte is still UTF-8 (decoded whole, no candidate
   * decodes it and there is no guess).
   */
  @Test
  void theSampleIsCutAtItsLastLineBreak() {
    byte[] full = (TEXT + "続き").getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf(full, full.length - 1);
    assertEquals(Optional.of("UTF-8"), guess(cut));
    // only the first `length` bytes are read: the rest of the buffer is not the file's
    byte[] buffer = Arrays.copyOf(TEXT.getBytes(StandardCharsets.UTF_8), 4096);
    Arrays.fill(buffer, TEXT.getBytes(StandardCharsets.UTF_8).length, buffer.length, (byte) 0x82);
    assertEquals(
        Optional.of("UTF-8"),
        EncodingSniffer.guess(buffer, TEXT.getBytes(StandardCharsets.UTF_8).length));
  }

  /** A sample without a line break is decoded whole. */
  @Test
  void aSampleWithoutALineBreakIsDecodedWhole() {
    assertEquals(
        Optional.of("windows-31j"), guess("山田太郎".getBytes(Charset.forName("windows-31j"))));
    assertEquals(Optional.of("UTF-8"), guess("山田太郎".getBytes(StandardCharsets.UTF_8)));
  }

  /** Bytes no candidate decodes (0x80 is invalid in all three): no guess. */
  @Test
  void bytesNoCandidateDecodesGiveNoGuess() {
    assertEquals(Optional.empty(), guess(new byte[] {'a', (byte) 0x80, (byte) 0x80, '\n'}));
  }

  @Test
  void theGuessIsDescribedWithTheSettingToUse() {
    assertEquals(
        "Shift_JIS (set encoding = windows-31j, its superset that Windows and Excel write)",
        EncodingSniffer.describe("windows-31j"));
    assertEquals("EUC-JP (set encoding = EUC-JP)", EncodingSniffer.describe("EUC-JP"));
  }
}
