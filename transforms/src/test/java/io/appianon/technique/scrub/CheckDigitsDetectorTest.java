package io.appianon.technique.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckDigitsDetectorTest {

  @Test
  void myNumberCheckDigitFollowsTheOrdinance() {
    // 1*6+2*5+3*4+4*3+5*2+6*7+7*6+8*5+9*4+0*3+1*2 = 212, 212 mod 11 = 3, 11-3 = 8
    assertEquals(8, CheckDigits.myNumberCheckDigit("12345678901"));
    assertTrue(CheckDigits.isValidMyNumber("123456789018"));
    assertFalse(CheckDigits.isValidMyNumber("123456789012"));
    assertFalse(CheckDigits.isValidMyNumber("12345678901"));
    // remainder 0 or 1 gives check digit 0
    assertEquals(0, CheckDigits.myNumberCheckDigit("00000000000"));
    assertTrue(CheckDigits.isValidMyNumber("000000000000"));
  }

  @Test
  void luhnWithAnyIssuer() {
    assertTrue(CheckDigits.isValidCard("4111111111111111"));
    assertTrue(CheckDigits.isValidCard("5555555555554444"));
    assertTrue(CheckDigits.isValidCard("2223003122003222"));
    assertTrue(CheckDigits.isValidCard("378282246310005"));
    assertTrue(CheckDigits.isValidCard("3530111333300000"));
    assertTrue(CheckDigits.isValidCard("36259600000004"));
    assertTrue(CheckDigits.isValidCard("6011111111111117"));
    assertFalse(CheckDigits.isValidCard("4111111111111112"), "Luhn invalid");
    assertTrue(
        CheckDigits.isValidCard("1234567812345670"), "Luhn valid, any issuer prefix (issue 21)");
    assertTrue(CheckDigits.isValidCard("6212345678901265"), "UnionPay");
    assertFalse(CheckDigits.isValidCard("0000000000000000"), "one repeated digit");
    assertTrue(
        CheckDigits.isValidEan13("4901234567894"),
        "a JAN code (the detector keeps it without card context)");
  }

  @Test
  void driversLicenceModulus11() {
    // 3*5+0*4+0*3+1*2+8*7+5*6+2*5+0*4+5*3+3*2 = 134, 134 mod 11 = 2, (11-2) mod 10 = 9
    assertTrue(CheckDigits.isValidDriversLicense("300185205390"));
    assertFalse(CheckDigits.isValidDriversLicense("300185205380"));
    assertFalse(CheckDigits.isValidDriversLicense("990185205390"), "99 is not a commission code");
  }
}
