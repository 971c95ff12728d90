package io.appianon.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A section of a Typesafe Config that knows its file and path, so every typed read fails with a
 * message naming the file and the full key. Also checks that a section holds no key it does not
 * understand (a typo in a policy must not silently turn a protection off).
 */
public final class Conf {
  private final Config config;
  private final Origin origin;

  public Conf(Config config, Origin origin) {
    this.config = config;
    this.origin = origin;
  }

  public Origin origin() {
    return origin;
  }

  public Config raw() {
    return config;
  }

  public boolean has(String key) {
    return config.hasPath(key);
  }

  public PolicyException error(String key, String message) {
    return origin.error(key, message);
  }

  public String string(String key) {
    try {
      return config.getString(key);
    } catch (ConfigException.Missing e) {
      throw origin.error(key, "missing required key");
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be a string, got " + describe(key));
    }
  }

  public Optional<String> optString(String key) {
    return has(key) ? Optional.of(string(key)) : Optional.empty();
  }

  public String string(String key, String dflt) {
    return has(key) ? string(key) : dflt;
  }

  public int integer(String key) {
    try {
      return config.getInt(key);
    } catch (ConfigException.Missing e) {
      throw origin.error(key, "missing required key");
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be an integer, got " + describe(key));
    }
  }

  public int integer(String key, int dflt) {
    return has(key) ? integer(key) : dflt;
  }

  public long longValue(String key, long dflt) {
    if (!has(key)) {
      return dflt;
    }
    try {
      return config.getLong(key);
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be an integer, got " + describe(key));
    }
  }

  public double number(String key) {
    try {
      return config.getDouble(key);
    } catch (ConfigException.Missing e) {
      throw origin.error(key, "missing required key");
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be a number, got " + describe(key));
    }
  }

  public Optional<Double> optNumber(String key) {
    return has(key) ? Optional.of(number(key)) : Optional.empty();
  }

  public double number(String key, double dflt) {
    return has(key) ? number(key) : dflt;
  }

  public boolean bool(String key, boolean dflt) {
    if (!has(key)) {
      return dflt;
    }
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be true or false, got " + describe(key));
    }
  }

  /** A list of strings; a single string is accepted as a one-element list. */
  public List<String> strings(String key) {
    if (!has(key)) {
      throw origin.error(key, "missing required key");
    }
    ConfigValue v = config.getValue(key);
    if (v.valueType() == ConfigValueType.STRING) {
      return List.of(config.getString(key));
    }
    try {
      return List.copyOf(config.getStringList(key));
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be a list of strings, got " + describe(key));
    }
  }

  /** A list of column names: at least one, none twice. */
  public List<String> columnNames(String key) {
    List<String> cols = strings(key);
    if (cols.isEmpty()) {
      throw origin.error(key, "must name at least one column");
    }
    if (new java.util.HashSet<>(cols).size() != cols.size()) {
      throw origin.error(key, "names a column twice: " + cols);
    }
    return cols;
  }

  public List<String> strings(String key, List<String> dflt) {
    return has(key) ? strings(key) : dflt;
  }

  public List<Double> numbers(String key) {
    try {
      return List.copyOf(config.getDoubleList(key));
    } catch (ConfigException.Missing e) {
      throw origin.error(key, "missing required key");
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be a list of numbers, got " + describe(key));
    }
  }

  public Conf section(String key) {
    try {
      return new Conf(config.getConfig(key), origin.child(key));
    } catch (ConfigException.Missing e) {
      throw origin.error(key, "missing required section");
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be an object { ... }, got " + describe(key));
    }
  }

  public Optional<Conf> optSection(String key) {
    return has(key) ? Optional.of(section(key)) : Optional.empty();
  }

  /** A list of objects, each as a Conf whose origin is {@code key[i]}. */
  public List<Conf> sections(String key) {
    if (!has(key)) {
      return List.of();
    }
    List<? extends ConfigObject> list;
    try {
      list = config.getObjectList(key);
    } catch (ConfigException.WrongType e) {
      throw origin.error(key, "must be a list of objects [ { ... }, ... ], got " + describe(key));
    }
    List<Conf> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(new Conf(list.get(i).toConfig(), origin.child(key).index(i)));
    }
    return out;
  }

  /** The keys directly under this section, in sorted order. */
  public Set<String> keys() {
    return new TreeSet<>(config.root().keySet());
  }

  /** Fails if this section has a key outside {@code allowed}. */
  public void allowOnly(Set<String> allowed) {
    for (String k : config.root().keySet()) {
      if (!allowed.contains(k)) {
        throw origin.error(
            k, "unknown key (allowed here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  /** A {@code { ja = ..., en = ... }} text, or a plain string used for both languages. */
  public Text text(String key) {
    if (!has(key)) {
      throw origin.error(key, "missing required key");
    }
    if (config.getValue(key).valueType() == ConfigValueType.STRING) {
      String s = config.getString(key);
      return new Text(s, s);
    }
    Conf t = section(key);
    t.allowOnly(Set.of("ja", "en"));
    return new Text(t.string("ja"), t.string("en"));
  }

  public Optional<Text> optText(String key) {
    return has(key) ? Optional.of(text(key)) : Optional.empty();
  }

  private String describe(String key) {
    ConfigValue v = config.getValue(key);
    return v.valueType().name().toLowerCase() + " " + v.render();
  }
}
