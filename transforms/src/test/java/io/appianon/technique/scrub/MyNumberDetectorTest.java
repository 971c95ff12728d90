package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MyNumberDetectorTest {

    private static List<String> myNumbers(String text) {
        return Detections.of(PiiKind.MY_NUMBER, text);
    }

    @Test
    void findsValidNumbersPlainAndGrouped() {
        assertEquals(List.of("123456789018"), myNumbers("番号は123456789018です"));
        assertEquals(List.of("4926 1090 2022"), myNumbers("マイナンバー 4926 1090 2022 を記入"));
        assertEquals(List.of("0427-5179-7901"), myNumbers("個人番号：0427-5179-7901"));
    }

    @Test
    void findsFullWidthDigits() {
        assertEquals(List.of("１２３４　５６７８　９０１８"), myNumbers("個人番号は１２３４　５６７８　９０１８です"));
    }

    @Test
    void rejectsInvalidCheckDigit() {
        assertEquals(List.of(), myNumbers("個人番号 867902011206"));
        assertEquals(List.of(), myNumbers("123456789012"));
    }

    @Test
    void rejectsWrongLengthsAndLongerRuns() {
        assertEquals(List.of(), myNumbers("12345678901"), "11 digits");
        assertEquals(List.of(), myNumbers("1234567890185"), "13-digit run containing a valid 12-digit prefix");
        assertEquals(List.of(), myNumbers("9-123456789018"), "part of a hyphenated number");
        assertEquals(List.of(), myNumbers("1234-5678 9018"), "mixed separators are not a 4-4-4 My Number");
    }

    @Test
    void orderNumberContextIsNotAMyNumber() {
        assertEquals(List.of(), myNumbers("注文番号 123456789018 の配送状況"));
        assertEquals(List.of(), myNumbers("ORD123456789018"), "glued to letters");
    }
}
