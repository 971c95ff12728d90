package io.appianon.policy;

import io.appianon.core.Conf;
import io.appianon.core.Origin;
import io.appianon.core.PolicyException;
import io.appianon.hierarchy.Hierarchy;
import io.appianon.hierarchy.HierarchyResolver;
import io.appianon.technique.Pseudonymize;
import io.appianon.technique.Technique;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The person-level privacy model of a release (the {@code appianon.persons} block of the job
 * configuration): the pseudonym domain whose value is a person across the release's datasets, and
 * (k, k^m)-anonymity of relational and transaction data over the joined person (Poulis, Loukides,
 * Gkoulalas-Divanis, Skiadopoulos, "Anonymizing data with relational and transaction attributes",
 * ECML PKDD 2013): every combination of a person's relational quasi-identifiers (those of the
 * {@code relational} dataset's privacy block) with any set of at most {@code m} of their items is
 * shared by at least {@code k} persons. An item is one row of an item dataset reduced to the
 * declared item columns, e.g. (purchase month, store).
 *
 * <p>Parsed and checked against the dataset policies before any data is read.
 */
public record PersonSpec(
    String domain,
    int k,
    int m,
    double maxSuppression,
    double maxItemSuppression,
    Optional<String> relational,
    List<ItemColumn> items,
    Map<String, Double> weights,
    Origin origin)
    implements Serializable {

  /**
   * An item column of an item dataset, with the hierarchy the person-level search generalizes it
   * along and the highest level it may choose ({@code max-level}, e.g. store at most its region;
   * the hierarchy's top when not given).
   */
  public record ItemColumn(
      String dataset, String column, Hierarchy hierarchy, int cap, Origin origin)
      implements Serializable {}

  /** The block's key in the job configuration. */
  public static final String KEY = "appianon.persons";

  /**
   * Parses {@code appianon.persons} and checks it against the loaded policies: the domain is
   * pseudonymized by every dataset named, the relational dataset's quasi-identifiers and the item
   * columns are published columns, and an item column that is also a quasi-identifier of its
   * dataset uses the same hierarchy.
   */
  public static PersonSpec parse(
      Conf c, HierarchyResolver hierarchies, List<DatasetPolicy> policies) {
    c.allowOnly(
        Set.of(
            "domain",
            "k",
            "m",
            "max-suppression",
            "max-item-suppression",
            "relational",
            "items",
            "weights"));
    String domain = c.string("domain");
    int k = c.integer("k");
    if (k < 2) {
      throw c.error("k", "invalid value " + k + " (must be >= 2)");
    }
    int m = c.integer("m", 2);
    if (m < 0 || m > 3) {
      throw c.error("m", "invalid value " + m + " (must be 0, 1, 2 or 3)");
    }
    double maxSupp = c.number("max-suppression", 0.05);
    if (maxSupp < 0 || maxSupp > 0.5) {
      throw c.error(
          "max-suppression",
          "invalid value " + maxSupp + " (must be a share of persons between 0 and 0.5)");
    }
    double maxItemSupp = c.number("max-item-suppression", 0.0);
    if (maxItemSupp < 0 || maxItemSupp > 0.5) {
      throw c.error(
          "max-item-suppression",
          "invalid value "
              + maxItemSupp
              + " (must be a share of the item dataset's rows between 0 and 0.5)");
    }
    Map<String, DatasetPolicy> byName = new LinkedHashMap<>();
    policies.forEach(p -> byName.put(p.name(), p));
    // A dataset the block names but this release does not hold (e.g. a run of one dataset) takes no
    // part.
    Optional<String> relational = c.optString("relational").filter(byName::containsKey);
    relational.ifPresent(
        r -> {
          DatasetPolicy p = dataset(c, "relational", r, byName);
          requirePerson(c, "relational", p, domain);
          if (!p.hasPrivacy()) {
            // the person's relational quasi-identifiers are those of the dataset's privacy block
            throw c.error(
                "relational",
                "dataset '"
                    + r
                    + "' ("
                    + p.file()
                    + ") declares no privacy block, so it has no"
                    + " quasi-identifiers for the person-level model: add its privacy block, or leave out relational");
          }
        });
    List<ItemColumn> items = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Conf s : c.sections("items")) {
      s.allowOnly(Set.of("dataset", "column", "hierarchy", "max-level"));
      if (!byName.containsKey(s.string("dataset"))) {
        continue;
      }
      DatasetPolicy p = dataset(s, "dataset", s.string("dataset"), byName);
      requirePerson(s, "dataset", p, domain);
      String col = s.string("column");
      if (!seen.add(p.name() + "." + col)) {
        throw s.error("column", "item column '" + p.name() + "." + col + "' declared twice");
      }
      Hierarchy h = hierarchies.resolve(s.string("hierarchy"), s.origin().child("hierarchy"));
      int cap = h.maxLevel();
      if (s.has("max-level")) {
        cap = s.integer("max-level");
        if (cap < 0 || cap > h.maxLevel()) {
          throw s.error(
              "max-level",
              "invalid value "
                  + cap
                  + " for hierarchy '"
                  + h.name()
                  + "' (must be 0.."
                  + h.maxLevel()
                  + ")");
        }
      }
      for (PrivacySpec.QuasiIdentifier q : p.quasiIdentifiers()) {
        if (q.column().equals(col) && !q.hierarchy().name().equals(h.name())) {
          throw s.error(
              "hierarchy",
              "'"
                  + h.name()
                  + "' differs from the hierarchy '"
                  + q.hierarchy().name()
                  + "' of quasi-identifier "
                  + col
                  + " in "
                  + p.file()
                  + ": both stages generalize the same column, so they"
                  + " must use the same hierarchy");
        }
        if (q.column().equals(col)) {
          if (q.level().isPresent() && q.level().get() > cap) {
            throw s.error(
                "max-level",
                "max-level "
                    + cap
                    + " is below the level "
                    + q.level().get()
                    + " that "
                    + p.file()
                    + " pins for quasi-identifier "
                    + col);
          }
          cap = Math.min(cap, q.cap());
        }
      }
      items.add(new ItemColumn(p.name(), col, h, cap, s.origin()));
    }
    if (items.isEmpty() && relational.isEmpty()) {
      if (c.has("relational") || !c.sections("items").isEmpty()) {
        return null; // none of the datasets it names is in this release
      }
      throw c.error("items", "declare the item columns, a relational dataset, or both");
    }
    if (items.stream().map(ItemColumn::dataset).distinct().count() > 1) {
      throw c.error(
          "items", "all item columns must come from one dataset (an item is one of its rows)");
    }
    Map<String, Double> weights = new TreeMap<>();
    c.optSection("weights")
        .ifPresent(
            w -> {
              for (String key : w.keys()) {
                double v = w.number(key);
                if (!(v > 0)) {
                  throw w.error(key, "invalid weight " + v + " (must be > 0)");
                }
                weights.put(key.replace("\"", ""), v);
              }
            });
    return new PersonSpec(
        domain,
        k,
        m,
        maxSupp,
        maxItemSupp,
        relational,
        List.copyOf(items),
        Map.copyOf(weights),
        c.origin());
  }

  /**
   * The column of {@code policy} that holds the person: the first column it pseudonymizes in {@code
   * domain}.
   */
  public static Optional<String> personColumn(DatasetPolicy policy, String domain) {
    for (Technique t : policy.techniques()) {
      if (t instanceof Pseudonymize p && p.domain().equals(domain) && !p.columns().isEmpty()) {
        return Optional.of(p.columns().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * The datasets that hold a person of this release (relational, item or just pseudonymizing the
   * domain).
   */
  public List<String> datasets(List<DatasetPolicy> policies) {
    return policies.stream()
        .filter(p -> personColumn(p, domain).isPresent())
        .map(DatasetPolicy::name)
        .toList();
  }

  /** The relational dataset's quasi-identifiers (none without a relational dataset). */
  public List<PrivacySpec.QuasiIdentifier> relationalQis(List<DatasetPolicy> policies) {
    return relational
        .flatMap(r -> policies.stream().filter(p -> p.name().equals(r)).findFirst())
        .map(DatasetPolicy::quasiIdentifiers)
        .orElse(List.of());
  }

  /**
   * The weight of an attribute in the search's loss ({@code weights { age = 2 }}; 1 by default).
   */
  public double weight(String column) {
    return weights.getOrDefault(column, 1.0);
  }

  /**
   * Refuses a release whose datasets share a pseudonym domain (so an attacker can join them on it)
   * without a person-level model over that domain.
   */
  public static void requireModelForSharedDomains(
      String file, List<DatasetPolicy> policies, Optional<PersonSpec> persons) {
    Map<String, List<String>> byDomain = new TreeMap<>();
    for (DatasetPolicy p : policies) {
      Set<String> domains = new TreeSet<>();
      for (Technique t : p.techniques()) {
        if (t instanceof Pseudonymize ps) {
          domains.add(ps.domain());
        }
      }
      domains.forEach(d -> byDomain.computeIfAbsent(d, x -> new ArrayList<>()).add(p.name()));
    }
    byDomain.forEach(
        (domain, names) -> {
          if (names.size() > 1 && persons.map(s -> !s.domain().equals(domain)).orElse(true)) {
            throw new PolicyException(
                file,
                KEY,
                "datasets "
                    + String.join(" and ", names)
                    + " share the pseudonym domain '"
                    + domain
                    + "', so the release links them, but no person-level model covers it: add "
                    + KEY
                    + " { domain = "
                    + domain
                    + ", k = …, relational = …, items = […] }, or give each dataset a domain of its"
                    + " own");
          }
        });
  }

  private static DatasetPolicy dataset(
      Conf c, String key, String name, Map<String, DatasetPolicy> byName) {
    DatasetPolicy p = byName.get(name);
    if (p == null) {
      throw c.error(
          key,
          "no dataset named '" + name + "' (datasets: " + String.join(", ", byName.keySet()) + ")");
    }
    return p;
  }

  private static void requirePerson(Conf c, String key, DatasetPolicy p, String domain) {
    if (personColumn(p, domain).isEmpty()) {
      throw c.error(
          key,
          "dataset '"
              + p.name()
              + "' has no column pseudonymized in domain '"
              + domain
              + "' ("
              + p.file()
              + "), so its rows cannot be tied to a person");
    }
  }
}
