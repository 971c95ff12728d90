package io.appianon.disclosure;

/**
 * A provision the law forbids outright, whatever was announced: pseudonymously processed
 * information may not be provided to a third party (APPI Art. 41(6)). Exit code 7.
 */
public final class ThirdPartyProvisionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ThirdPartyProvisionException(String message) {
    super(message);
  }
}
