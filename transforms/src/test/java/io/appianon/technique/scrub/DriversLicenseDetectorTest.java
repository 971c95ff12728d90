package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriversLicenseDetectorTest {

    @Test
    void validNumberNextToKeyword() {
        assertEquals(List.of("300185205390"),
                Detections.of(PiiKind.DRIVERS_LICENSE, "運転免許証番号 300185205390 を提示"));
        assertEquals(List.of("541140198390"),
                Detections.of(PiiKind.DRIVERS_LICENSE, "541140198390（免許証）"), "keyword after the number");
    }

    @Test
    void requiresKeywordAndCheckDigit() {
        assertEquals(List.of(), Detections.of(PiiKind.DRIVERS_LICENSE, "番号 300185205390"), "no keyword");
        assertEquals(List.of(), Detections.of(PiiKind.DRIVERS_LICENSE, "免許 300185205380"), "bad check digit");
    }

    /**
     * 625167001360 passes both the licence check and the My Number check digit; the statutory My
     * Number check wins when both kinds are requested.
     */
    @Test
    void myNumberWinsWhenBothChecksPass() {
        String text = "免許証 625167001360";
        List<Match> all = Detections.DETECTOR.find(text);
        assertEquals(1, all.size());
        assertEquals(PiiKind.MY_NUMBER, all.get(0).kind());
        List<Match> licenceOnly = Detections.DETECTOR.find(text, EnumSet.of(PiiKind.DRIVERS_LICENSE));
        assertEquals(PiiKind.DRIVERS_LICENSE, licenceOnly.get(0).kind());
    }
}
