package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When detections overlap or touch, the replacement still removes every character of each piece of
 * personal data: the more specific kind wins a shared span, the longer detection wins within a
 * tier, touching pieces of one name or address become one, and touching detections of different
 * kinds are both replaced.
 */
class OverlapResolutionTest {

  private static final TextScrubber TAGS =
      new TextScrubber(EnumSet.allOf(PiiKind.class), Action.REPLACE_WITH_TAG);

  @Test
  void theLabelledCodeWinsASpanThatAlsoLooksLikeAPassport() {
    // both detectors report characters 4-13: the labelled member number (tier 1) before the
    // passport pattern (2)
    assertEquals("会員番号[IDNUMBER]", TAGS.scrub("会員番号TK1234567"));
    assertEquals("保険証番号[IDNUMBER]", TAGS.scrub("保険証番号AB1234567"));
  }

  @Test
  void theLongerDetectionWinsWithinATierSoNoPartIsLeft() {
    // the e-mail's local part starts with a phone number: e-mail 0-29 and phone 0-13; the phone
    // alone would leave "taro@example.com" in the text
    assertEquals("[EMAIL]", TAGS.scrub("090-1234-5678taro@example.com"));
    assertEquals("連絡は[EMAIL]へ", TAGS.scrub("連絡は090-1234-5678taro@example.comへ"));
  }

  @Test
  void anEMailAddressIsReplacedWholeWhenAValidatedCodeIsItsLocalPart() {
    // 123456789018 passes the My Number check digit (tier 1) and is the local part of an address
    // (tier 2): the code alone would leave "@example.com" in the text
    assertEquals("[EMAIL]", TAGS.scrub("123456789018@example.com"));
    assertEquals("宛先は[EMAIL]です", TAGS.scrub("宛先は123456789018@example.comです"));
    // a code beside an address, not inside it, stays a code
    assertEquals("[MYNUMBER] [EMAIL]", TAGS.scrub("123456789018 taro@example.com"));
  }

  @Test
  void touchingDetectionsOfDifferentKindsAreBothReplaced() {
    // a name right before an address and right after it: the spans touch (4 and 14) but share no
    // character
    assertEquals("[NAME][ADDRESS]", TAGS.scrub("山田太郎東京都新宿区西新宿2-8-1"));
    assertEquals("[ADDRESS][NAME]", TAGS.scrub("東京都新宿区西新宿2-8-1山田太郎"));
    assertEquals("[POSTAL][ADDRESS]", TAGS.scrub("〒160-0023東京都新宿区西新宿2-8-1"));
  }

  private static Candidate name(int start, int end) {
    return new Candidate(PiiKind.PERSON_NAME, start, end);
  }

  private static Candidate address(int start, int end) {
    return new Candidate(PiiKind.ADDRESS, start, end);
  }

  @Test
  void touchingOrOverlappingPiecesOfOneKindAreMergedWhateverTheirOrder() {
    // a surname 3-5 and a given name 5-7 found separately: one [NAME], not [NAME][NAME]
    assertEquals(List.of(name(3, 7)), PiiDetector.mergeTouching(List.of(name(5, 7), name(3, 5))));
    // an address piece between two name pieces, in any input order: the names still merge (0-2 +
    // 2-4)
    Set<Candidate> expected = Set.of(name(0, 4), address(1, 6));
    assertEquals(
        expected,
        Set.copyOf(PiiDetector.mergeTouching(List.of(name(0, 2), address(1, 6), name(2, 4)))));
    assertEquals(
        expected,
        Set.copyOf(PiiDetector.mergeTouching(List.of(name(2, 4), address(1, 6), name(0, 2)))));
    // apart by one character: two pieces; a piece inside another: the outer one
    assertEquals(
        List.of(name(0, 2), name(3, 5)),
        PiiDetector.mergeTouching(List.of(name(3, 5), name(0, 2))));
    assertEquals(
        List.of(address(0, 9)), PiiDetector.mergeTouching(List.of(address(0, 9), address(2, 4))));
    assertEquals(List.of(name(1, 3)), PiiDetector.mergeTouching(List.of(name(1, 3))));
  }

  @Test
  void spansOverlapOnlyWhenTheyShareACharacter() {
    assertEquals(4, name(3, 7).length());
    assertTrue(name(0, 4).overlaps(name(3, 5)) && name(3, 5).overlaps(name(0, 4)));
    assertFalse(name(0, 4).overlaps(name(4, 6)) || name(4, 6).overlaps(name(0, 4)), "touching");
    Match a = new Match(PiiKind.PHONE, 2, 5, "abc");
    assertTrue(
        a.overlaps(new Match(PiiKind.EMAIL, 4, 6, "de"))
            && a.overlaps(new Match(PiiKind.EMAIL, 0, 3, "xyz")));
    assertFalse(
        a.overlaps(new Match(PiiKind.EMAIL, 5, 7, "fg"))
            || a.overlaps(new Match(PiiKind.EMAIL, 0, 2, "xy")));
    assertThrows(
        IllegalArgumentException.class, () -> new Match(PiiKind.PHONE, 3, 3, ""), "an empty span");
    assertThrows(
        IllegalArgumentException.class,
        () -> new Match(PiiKind.PHONE, 3, 5, "abc"),
        "text of 3 for 2");
  }
}
