package io.appianon.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a column is, in the terms of APPI Art. 43 / PPC Rule 34. The role decides what the pipeline
 * insists on: a policy that lets an identifier or identification code reach the output is rejected
 * before any data is read.
 */
public enum ColumnRole {
  /**
   * A description that identifies a person (name, street address, phone, e-mail): Rule 34 item 1,
   * delete.
   */
  IDENTIFIER("identifier"),
  /**
   * An individual identification code (My Number, passport, card numbers): Rule 34 item 2, delete.
   */
  ID_CODE("id-code"),
  /**
   * An item whose misuse could cause financial harm (credit-card number, bank account,
   * online-banking credentials): PPC Rule 31 item 3 for pseudonymously processed information, and
   * never published in either kind: delete.
   */
  FINANCIAL("financial"),
  /** A code that links records (member id, order id): Rule 34 item 3, delete or pseudonymize. */
  LINKING("linking"),
  /** A quasi-identifier: kept, generalized, covered by the privacy model. */
  QUASI_IDENTIFIER("quasi-identifier"),
  /** A sensitive attribute: kept, covered by l-diversity / t-closeness when configured. */
  SENSITIVE("sensitive"),
  /** Free text: must be scrubbed of identification codes and names, or deleted. */
  FREE_TEXT("free-text"),
  /** Any other attribute: kept as is unless a transform changes it. */
  ATTRIBUTE("attribute");

  private final String configName;

  ColumnRole(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static ColumnRole parse(String s, Origin origin) {
    for (ColumnRole r : values()) {
      if (r.configName.equalsIgnoreCase(s)) {
        return r;
      }
    }
    throw origin.error(
        "unknown role '"
            + s
            + "' (expected one of "
            + Arrays.stream(values()).map(ColumnRole::configName).collect(Collectors.joining(", "))
            + ")");
  }
}
