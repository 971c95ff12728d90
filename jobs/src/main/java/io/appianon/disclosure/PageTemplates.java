package io.appianon.disclosure;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
import io.appianon.core.PolicyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The Mustache templates of the public pages: {@value #ENTRY} (an announcement, a release's
 * manifest.html), {@value #INDEX} (disclosures/index.html), the partial {@value #STYLE} (the CSS)
 * and {@value #MANIFEST_MD} (the Markdown form of an entry). Each is read from the folder {@code
 * appianon.disclosure.templates} when a file of that name is there (the privacy office's edited
 * copy), else the shipped default from the class path ({@code io/appianon/disclosure/templates/}).
 *
 * @param dir the folder of edited templates, if any
 * @param zone the time zone of the times shown
 */
public record PageTemplates(Optional<Path> dir, ZoneId zone) {
  public static final String ENTRY = "entry.html.mustache";
  public static final String INDEX = "index.html.mustache";
  public static final String STYLE = "style.css.mustache";

  /** The Markdown form of an entry ({@code manifest.md}, {@code disclosures/<id>.md}). */
  public static final String MANIFEST_MD = "manifest.md.mustache";

  private static final String SHIPPED_DIR = "io/appianon/disclosure/templates/";

  /** The shipped templates, times in Japan time. */
  public static final PageTemplates SHIPPED =
      new PageTemplates(Optional.empty(), ZoneId.of("Asia/Tokyo"));

  /** The templates of {@code dc}: its folder (when it exists) and its zone. */
  public static PageTemplates of(DisclosureConfig dc) {
    return new PageTemplates(dc.templates().filter(Files::isDirectory), dc.zone());
  }

  /** Renders template {@code name} with {@code scope}; its text is HTML-escaped ({{x}}). */
  public String render(String name, Object scope) {
    DefaultMustacheFactory factory = new DefaultMustacheFactory(new Resolver());
    try {
      Mustache m = factory.compile(name);
      StringWriter w = new StringWriter();
      m.execute(w, scope);
      return w.toString();
    } catch (MustacheException e) {
      throw new PolicyException(source(name), "template", "cannot render: " + e.getMessage());
    }
  }

  /**
   * Renders template {@code name} with {@code scope}; its text is escaped for Markdown ({@link
   * Pages#md}).
   */
  public String renderMarkdown(String name, Object scope) {
    DefaultMustacheFactory factory =
        new DefaultMustacheFactory(new Resolver()) {
          @Override
          public void encode(String value, java.io.Writer writer) {
            try {
              writer.write(Pages.md(value));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    try {
      Mustache m = factory.compile(name);
      StringWriter w = new StringWriter();
      m.execute(w, scope);
      // sections left empty (and the leading comment) leave blank lines
      return w.toString().replaceFirst("^\\s+", "").replaceAll("\n{3,}", "\n\n");
    } catch (MustacheException e) {
      throw new PolicyException(source(name), "template", "cannot render: " + e.getMessage());
    }
  }

  /** Why template {@code name} of the folder does not compile, if it is there and does not. */
  public Optional<String> check(String name) {
    if (dir.isEmpty() || !Files.isRegularFile(dir.get().resolve(name))) {
      return Optional.empty();
    }
    try {
      new DefaultMustacheFactory(new Resolver()).compile(name);
      return Optional.empty();
    } catch (MustacheException e) {
      return Optional.of("not a valid Mustache template: " + e.getMessage());
    }
  }

  /** Where template {@code name} comes from, for messages. */
  public String source(String name) {
    return dir.map(d -> d.resolve(name))
        .filter(Files::isRegularFile)
        .map(Path::toString)
        .orElse("classpath:" + SHIPPED_DIR + name);
  }

  /** The shipped text of template {@code name} (to copy into the folder and edit). */
  public static String shipped(String name) {
    try (InputStream in =
        PageTemplates.class.getClassLoader().getResourceAsStream(SHIPPED_DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no shipped template " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final class Resolver implements MustacheResolver {
    @Override
    public Reader getReader(String name) {
      Reader r = find(name);
      return r != null || name.endsWith(".mustache") ? r : find(name + ".mustache");
    }

    /** The edited copy of {@code name}, else the shipped one, else null. */
    private Reader find(String name) {
      try {
        if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(name))) {
          return Files.newBufferedReader(dir.get().resolve(name), StandardCharsets.UTF_8);
        }
        InputStream in =
            PageTemplates.class.getClassLoader().getResourceAsStream(SHIPPED_DIR + name);
        return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
