package io.appianon.technique.scrub;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds individual identification codes, contact codes, personal names and street addresses in any
 * string, free text included.
 *
 * <p><b>Normalisation.</b> The text is NFKC-normalised on a copy that keeps an index map back to
 * the original (see {@code NormalizedText}), so full-width digits, full-width/Unicode hyphens, ー
 * between digits, ＠ and ＋ are recognised; every returned {@link Match} refers to the ORIGINAL
 * string. The code detectors see a further view where kanji numerals are digits (〇九〇…, positional
 * 千二百三十四) and ー/・/の between digits are hyphens; names and addresses are found on the NFKC text.
 *
 * <p><b>Validation.</b> My Number (statutory check digit), card numbers (13-19 digits passing Luhn,
 * any issuer), driver's licence (modulus-11 check digit + commission code + a 免許 keyword nearby),
 * numbers after their label (免許証番号, マイナンバー, 保険証, 基礎年金番号, 口座番号, 会員番号...; the last four as {@link
 * PiiKind#ID_NUMBER}), phone numbers (Japanese numbering plan and grouping), postal codes,
 * passports, e-mail addresses (also written out: blanks around @, at/dot, アットマーク); names and
 * addresses via Kuromoji part-of-speech tags, a bundled name dictionary and context cues (see
 * {@code JapaneseTextDetector}, {@code NameRules}). Overlapping or touching name pieces, and
 * address pieces, are merged first, so a name is replaced whole.
 *
 * <p><b>Overlaps.</b> The result has no overlapping matches. Candidates are ranked by specificity
 * tier first (1: check-digit validated or labelled codes MY_NUMBER, CREDIT_CARD, DRIVERS_LICENSE,
 * ID_NUMBER; 2: structural patterns EMAIL, PHONE, PASSPORT, POSTAL_CODE; 3: linguistic PERSON_NAME,
 * ADDRESS), then by length (longest wins), then by enum order; they are taken greedily. An e-mail
 * address that wholly contains the detections chosen inside it (a validated code as its local part)
 * replaces them, so no part of the address is left. A 12-digit number passing both the My Number
 * and the licence check is therefore reported as {@link PiiKind#MY_NUMBER} (the My Number check
 * digit is statutory while the licence algorithm is only a reconstruction; the number is deleted
 * either way), unless a licence label (免許証, 免許証番号...) stands before it.
 *
 * <p><b>Threading.</b> Instances are immutable, thread-safe and serializable (they hold no state);
 * the Kuromoji tokenizer is created lazily, once per thread, on first use.
 */
public final class PiiDetector implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final CodeDetector CODES = new CodeDetector();
  private static final JapaneseTextDetector JAPANESE = new JapaneseTextDetector();
  private static final Set<PiiKind> ALL = EnumSet.allOf(PiiKind.class);

  /** Creates a detector. Cheap; nothing is loaded until the first call. */
  public PiiDetector() {
    // stateless
  }

  /** Finds all kinds; see {@link #find(String, Set)}. */
  public List<Match> find(String text) {
    return find(text, ALL);
  }

  /**
   * Finds the requested kinds in {@code text}.
   *
   * @param text any string; {@code null} or empty yields an empty list
   * @param kinds kinds to look for
   * @return non-overlapping matches ordered by start offset, spans in the original text
   */
  public List<Match> find(String text, Set<PiiKind> kinds) {
    if (text == null || text.isEmpty() || kinds.isEmpty()) {
      return List.of();
    }
    NormalizedText norm = NormalizedText.of(text);
    NormalizedText codes = norm.codeView();
    List<Candidate> candidates = new ArrayList<>();
    for (Candidate c : CODES.find(codes.text(), kinds)) {
      candidates.add(inOriginal(codes, c));
    }
    List<Candidate> spans = new ArrayList<>();
    for (Candidate c : JAPANESE.find(norm.text(), kinds)) {
      spans.add(inOriginal(norm, c));
    }
    candidates.addAll(mergeTouching(spans));
    if (candidates.isEmpty()) {
      return List.of();
    }
    candidates.sort(
        Comparator.comparingInt((Candidate c) -> tier(c.kind()))
            .thenComparing(Comparator.comparingInt(Candidate::length).reversed())
            .thenComparingInt(c -> c.kind().ordinal())
            .thenComparingInt(Candidate::start));
    List<Candidate> chosen = new ArrayList<>();
    for (Candidate c : candidates) {
      boolean free = true;
      for (Candidate o : chosen) {
        if (o.overlaps(c)) {
          free = false;
          break;
        }
      }
      if (free) {
        chosen.add(c);
      }
    }
    emailsWhole(candidates, chosen);
    chosen.sort(Comparator.comparingInt(Candidate::start));
    List<Match> matches = new ArrayList<>(chosen.size());
    for (Candidate c : chosen) {
      matches.add(new Match(c.kind(), c.start(), c.end(), text.substring(c.start(), c.end())));
    }
    return matches;
  }

  /**
   * An e-mail address is one identifier: where the specificity rule gave part of it to a more
   * specific kind (a validated code as its local part, {@code 123456789018@example.com}), replacing
   * only that part would leave the rest of the address in the text. An e-mail candidate that wholly
   * contains every chosen detection it overlaps takes their place.
   */
  private static void emailsWhole(List<Candidate> candidates, List<Candidate> chosen) {
    for (Candidate e : candidates) {
      if (e.kind() != PiiKind.EMAIL || chosen.contains(e)) {
        continue;
      }
      List<Candidate> inside = new ArrayList<>();
      boolean whole = true;
      for (Candidate o : chosen) {
        if (o.overlaps(e)) {
          whole &= o.start() >= e.start() && o.end() <= e.end();
          inside.add(o);
        }
      }
      if (whole && !inside.isEmpty()) {
        chosen.removeAll(inside);
        chosen.add(e);
      }
    }
  }

  private static Candidate inOriginal(NormalizedText view, Candidate c) {
    return new Candidate(c.kind(), view.originalStart(c.start()), view.originalEnd(c.end()));
  }

  /**
   * Joins name candidates that overlap or touch, and likewise address candidates, so that a name
   * found in two pieces (a surname by the dictionary, the given name by the analyzer) is replaced
   * whole, never leaving a fragment.
   */
  static List<Candidate> mergeTouching(List<Candidate> spans) {
    if (spans.size() < 2) {
      return spans;
    }
    List<Candidate> sorted = new ArrayList<>(spans);
    sorted.sort(
        Comparator.comparingInt((Candidate c) -> c.kind().ordinal())
            .thenComparingInt(Candidate::start));
    List<Candidate> out = new ArrayList<>(sorted.size());
    Candidate cur = sorted.get(0);
    for (int k = 1; k < sorted.size(); k++) {
      Candidate c = sorted.get(k);
      if (c.kind() == cur.kind() && c.start() <= cur.end()) {
        cur = new Candidate(cur.kind(), cur.start(), Math.max(cur.end(), c.end()));
      } else {
        out.add(cur);
        cur = c;
      }
    }
    out.add(cur);
    return out;
  }

  /** Specificity tier: lower wins. */
  static int tier(PiiKind kind) {
    return switch (kind) {
      case MY_NUMBER, CREDIT_CARD, DRIVERS_LICENSE, ID_NUMBER -> 0;
      case EMAIL, PHONE, PASSPORT, POSTAL_CODE -> 1;
      case PERSON_NAME, ADDRESS -> 2;
    };
  }
}
