package io.appianon.technique.scrub;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Kinds of personal data the scrubber can find inside a string value.
 *
 * <p>The first eight kinds are individual identification codes (個人識別符号) or contact codes that PPC
 * Rules Art. 34 require to be deleted from anonymously processed information; {@link #PERSON_NAME}
 * and {@link #ADDRESS} are descriptions that identify a specific individual.
 *
 * <p>Each kind carries the tag used by {@link Action#REPLACE_WITH_TAG} and the name used in
 * configuration files ({@code my-number}, {@code credit-card}, ...).
 */
public enum PiiKind {
  /** Individual Number (マイナンバー), 12 digits with the statutory check digit. */
  MY_NUMBER("[MYNUMBER]", "my-number"),
  /** Payment card number: any run of 13-19 digits that passes the Luhn check. */
  CREDIT_CARD("[CARD]", "credit-card"),
  /** Japanese telephone number, domestic or +81 form. */
  PHONE("[PHONE]", "phone"),
  /** E-mail address. */
  EMAIL("[EMAIL]", "email"),
  /** Japanese postal code (〒123-4567). */
  POSTAL_CODE("[POSTAL]", "postal-code"),
  /** Japanese passport number (two letters and seven digits). */
  PASSPORT("[PASSPORT]", "passport"),
  /** Japanese driver's licence number (12 digits, modulus-11 check digit). */
  DRIVERS_LICENSE("[LICENSE]", "drivers-license"),
  /**
   * Another personal number written after its label: health-insurance card (保険証), basic pension
   * number (基礎年金番号), bank account (口座番号), member number (会員番号).
   */
  ID_NUMBER("[IDNUMBER]", "id-number"),
  /** A personal name in Japanese free text. */
  PERSON_NAME("[NAME]", "person-name"),
  /** A street-level address in Japanese free text. */
  ADDRESS("[ADDRESS]", "address");

  private final String tag;
  private final String configName;

  PiiKind(String tag, String configName) {
    this.tag = tag;
    this.configName = configName;
  }

  /** Returns the replacement tag, e.g. {@code [PHONE]}. */
  public String tag() {
    return tag;
  }

  /** Returns the configuration name, e.g. {@code postal-code}. */
  public String configName() {
    return configName;
  }

  /**
   * Parses a configuration name such as {@code my-number}. The enum constant name ({@code
   * MY_NUMBER}) is accepted too; matching ignores case and surrounding blanks.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static PiiKind fromConfigName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("PII kind name is null");
    }
    String key = name.trim().toLowerCase(Locale.ROOT);
    for (PiiKind kind : values()) {
      if (kind.configName.equals(key) || kind.name().toLowerCase(Locale.ROOT).equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Unknown PII kind '" + name + "'; expected one of " + allConfigNames());
  }

  /** Parses several configuration names; an empty collection yields an empty set. */
  public static Set<PiiKind> fromConfigNames(Collection<String> names) {
    Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
    for (String name : names) {
      kinds.add(fromConfigName(name));
    }
    return kinds;
  }

  private static String allConfigNames() {
    StringBuilder sb = new StringBuilder();
    for (PiiKind kind : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(kind.configName);
    }
    return sb.toString();
  }
}
