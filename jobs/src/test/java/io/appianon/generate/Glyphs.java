package io.appianon.generate;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * Characters whose best form depends on the output charset. Java's "Shift_JIS" (JIS X 0208) has no
 * FULLWIDTH HYPHEN-MINUS (U+FF0D, only Windows-31J has it), so that charset gets MINUS SIGN
 * (U+2212), which is what its 0x817C decodes to.
 */
record Glyphs(char fullWidthHyphen) {

  static Glyphs forCharset(Charset charset) {
    CharsetEncoder enc = charset.newEncoder();
    for (char c : new char[] {'－', '−', 'ー'}) {
      if (enc.canEncode(c)) {
        return new Glyphs(c);
      }
    }
    return new Glyphs('-');
  }
}
