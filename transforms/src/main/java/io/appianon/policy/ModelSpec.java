package io.appianon.policy;

import io.appianon.core.Lineage;
import io.appianon.core.Origin;
import io.appianon.privacy.PrivacyModel;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A privacy model beside k-anonymity as a dataset policy declares it in its {@code privacy} block:
 * parsed and checked when the policy is loaded ({@link PrivacyModels}), with what it needs and what
 * it tells the public.
 */
public interface ModelSpec extends Serializable {

  /** Where the policy declares it (its block), for error messages. */
  Origin origin();

  /**
   * The columns of the dataset's output it reads: the dry run refuses a policy whose output lacks
   * one.
   */
  List<ColumnNeed> needs();

  /**
   * The model the k-anonymity search checks on every equivalence class (l-diversity, t-closeness),
   * built by its constructor from the declared parameters; empty for a model that runs as a stage
   * of its own (k^m-anonymity).
   */
  default Optional<PrivacyModel> classModel() {
    return Optional.empty();
  }

  /** The sensitive column whose histogram the class model reads, if it reads one. */
  default Optional<String> sensitiveColumn() {
    return Optional.empty();
  }

  /**
   * What the model does to the data, in the public manifest's words (by default nothing beyond the
   * levels).
   */
  default void describe(Lineage lineage) {}

  /**
   * A column a model reads in the dataset's output: its name, the block and key that name it, and
   * whether it must be a string (hierarchy labels are).
   */
  record ColumnNeed(String column, Origin origin, String key, boolean string)
      implements Serializable {}

  /**
   * A model checked on every equivalence class against the distribution of one sensitive column
   * (l-diversity, t-closeness): its class model, its column and that column's need follow from
   * {@link #column} and {@link #model}.
   */
  interface OfSensitiveColumn extends ModelSpec {
    /** The sensitive column. */
    String column();

    /** The privacy model this declares (its constructor checks the parameters). */
    PrivacyModel model();

    @Override
    default Optional<PrivacyModel> classModel() {
      return Optional.of(model());
    }

    @Override
    default Optional<String> sensitiveColumn() {
      return Optional.of(column());
    }

    @Override
    default List<ColumnNeed> needs() {
      return List.of(new ColumnNeed(column(), origin(), "column", false));
    }
  }
}
