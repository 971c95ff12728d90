package io.appianon.disclosure;

import com.typesafe.config.Config;
import io.appianon.core.Text;
import java.nio.file.Path;

/**
 * What announcing, disclosing and provisioning a release need from the job configuration ({@code
 * conf/application.conf}; the job's {@code JobConfig} reads it and implements this), so that this
 * package does not depend on the job package.
 */
public interface DisclosureSettings {

  /** The configuration file, as given: error messages name it. */
  String file();

  /**
   * The whole layered configuration; {@code appianon.release.purpose} is read from it when a
   * release needs it.
   */
  Config raw();

  /** {@code appianon.release.output}: the release store, under which the disclosures are kept. */
  Path output();

  /** {@code appianon.release.compression}: the Parquet codec of provisioned copies. */
  String compression();

  /**
   * {@code appianon.method-store.dir}: the keys of the processing method (pseudonym keys for
   * re-keying).
   */
  Path methodStoreDir();

  /** {@code appianon.method-store.encrypt}: whether the method-store files are sealed. */
  boolean encryptMethodStore();

  /** {@code appianon.producer.name}: the business that produces the release (published). */
  Text producerName();

  /** {@code appianon.producer.contact}: its contact point for inquiries (published). */
  Text producerContact();

  /** {@code appianon.disclosure} and {@code appianon.provisions}. */
  DisclosureConfig disclosure();
}
