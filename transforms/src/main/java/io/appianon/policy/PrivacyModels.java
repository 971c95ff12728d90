package io.appianon.policy;

import io.appianon.core.Conf;
import io.appianon.hierarchy.HierarchyResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of privacy models a dataset policy can declare beside k-anonymity, by the key of
 * their block in {@code privacy} (mirrors {@link io.appianon.technique.Techniques}). Each parses
 * and checks its own block when the policy is loaded; the pipeline then asks every declared model
 * for its class model, its columns and its wording. k-anonymity itself is the block's own {@code k}
 * ({@link PrivacySpec}): every policy has it.
 */
public final class PrivacyModels {

  /**
   * What a model's parser may read besides its block: the hierarchies, k and the quasi-identifiers
   * parsed before.
   */
  public record Context(
      HierarchyResolver hierarchies, int k, List<PrivacySpec.QuasiIdentifier> quasiIdentifiers) {}

  /** Parses one model's block. */
  @FunctionalInterface
  public interface Parser {
    ModelSpec parse(Conf block, Context context);
  }

  private static final Map<String, Parser> PARSERS = new LinkedHashMap<>();

  static {
    register("l-diversity", PrivacySpec.LDiversity::parse);
    register("t-closeness", PrivacySpec.TCloseness::parse);
    register("km-anonymity", PrivacySpec.KmAnonymity::parse);
  }

  private PrivacyModels() {}

  /** Adds a model to the catalogue (used at class-load time by this package). */
  static void register(String key, Parser parser) {
    PARSERS.put(key, parser);
  }

  /** Takes a model out of the catalogue (for tests that register one of their own). */
  static void unregister(String key) {
    PARSERS.remove(key);
  }

  /** The keys of the model blocks, in the order they are parsed. */
  public static Set<String> keys() {
    return Collections.unmodifiableSet(PARSERS.keySet());
  }

  /**
   * The models {@code privacy} declares, in catalogue order, each parsed and checked by its own
   * parser.
   */
  static List<ModelSpec> parse(Conf privacy, Context context) {
    List<ModelSpec> models = new ArrayList<>();
    PARSERS.forEach(
        (key, parser) ->
            privacy.optSection(key).ifPresent(b -> models.add(parser.parse(b, context))));
    return List.copyOf(models);
  }
}
