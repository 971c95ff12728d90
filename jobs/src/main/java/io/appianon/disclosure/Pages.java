package io.appianon.disclosure;

import io.appianon.core.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders announcements as self-contained public pages: HTML5 with inline CSS and no script (fit to
 * put on a company website as is), from Mustache templates the privacy office may copy and edit
 * ({@link PageTemplates}), and Markdown. Japanese comes first, then English; categories are written
 * the PPC guideline's way, 「性別」「年齢」.
 */
public final class Pages {
  private Pages() {}

  /** A date the Japanese way: 2026年11月23日. */
  public static String dateJa(LocalDate d) {
    return HumanTime.dateJa(d);
  }

  /** A date the English way: 23 Nov 2026. */
  public static String dateEn(LocalDate d) {
    return HumanTime.dateEn(d);
  }

  // ---------------------------------------------------------------- one announcement
  // (manifest.html, <id>.html)

  /**
   * The page of one announcement or release (a release's {@code manifest.html}), from the shipped
   * template.
   */
  public static String entryHtml(HistoryEntry e) {
    return entryHtml(e, PageTemplates.SHIPPED);
  }

  /**
   * As {@link #entryHtml(HistoryEntry)} from {@code templates} (the privacy office's copies, else
   * the shipped).
   */
  public static String entryHtml(HistoryEntry e, PageTemplates templates) {
    return entryHtml(e, templates, Map.of());
  }

  /**
   * As {@link #entryHtml(HistoryEntry, PageTemplates)}, for a release whose published files hold no
   * value of some categories ({@code withheld}: dataset name to Japanese category names, from
   * {@link PublishedColumns}): those are listed as removed, not as contained.
   */
  public static String entryHtml(
      HistoryEntry e, PageTemplates templates, Map<String, Set<String>> withheld) {
    return templates.render(PageTemplates.ENTRY, entryPage(e, templates, withheld));
  }

  /**
   * The values of an entry's page, per language ({@code ja}, {@code en}), for the HTML and Markdown
   * templates.
   */
  private static Map<String, Object> entryPage(
      HistoryEntry e, PageTemplates templates, Map<String, Set<String>> withheld) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put(
        "title",
        "匿名加工情報の作成及び第三者提供に関する公表 / Public notice on anonymously processed information — "
            + e.producer().ja());
    for (Lang l : Lang.values()) {
      page.put(l.code, entryModel(e, l, templates.zone(), withheld));
    }
    return page;
  }

  /** What the entry template shows in one language: plain public words only, no internal names. */
  private static Map<String, Object> entryModel(
      HistoryEntry e, Lang l, java.time.ZoneId zone, Map<String, Set<String>> withheld) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("statement", l.pick(e.statement()));
    m.put("producer", l.pick(e.producer()));
    m.put("date", l.date(e.date()));
    m.put("time", l.time(e.at(), zone));
    m.put("release", e.isRelease());
    m.put("releaseId", e.releaseId().orElse(""));
    m.put("id", e.id());
    m.put("scope", l.pick(scope(e)));
    m.put("contact", l.pick(e.contact()));
    changes(m, e, l);
    List<Map<String, Object>> datasets = new ArrayList<>();
    for (DatasetDisclosure d : e.disclosure().datasets()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("title", l.pick(d.title()));
      // withheld in every published row: from the release's entry, or given by the caller
      Set<String> none = new java.util.HashSet<>(withheld.getOrDefault(d.name(), Set.of()));
      d.withheld().forEach(t -> none.add(t.ja()));
      dm.put(
          "categories",
          d.categories().stream()
              .filter(c -> !none.contains(c.name().ja()))
              .map(
                  c ->
                      Map.of(
                          "name",
                          l.category(c.name()),
                          "processing",
                          l.pick(PublicWording.plain(c.processing()))))
              .toList());
      List<Text> gone =
          d.categories().stream()
              .map(Category::name)
              .filter(n -> none.contains(n.ja()))
              .distinct()
              .toList();
      dm.put("withheld", gone.isEmpty() ? "" : l.categoryList(gone));
      dm.put(
          "records",
          d.recordProcessing().stream()
              .map(t -> l.pick(PublicWording.plain(t)))
              .distinct()
              .toList());
      dm.put("hasRecords", !d.recordProcessing().isEmpty());
      dm.put(
          "removed",
          d.deleted().isEmpty()
              ? ""
              : l.categoryList(d.deleted().stream().map(Category::name).toList()));
      datasets.add(dm);
    }
    m.put("datasets", datasets);
    m.put("methods", e.disclosure().methods().stream().map(x -> l.pick(x.description())).toList());
    e.terms()
        .ifPresent(
            t -> {
              m.put("purpose", l.pick(t.purpose()));
              m.put("hasRecipients", !t.recipients().isEmpty());
              m.put(
                  "recipients",
                  t.recipients().stream()
                      .map(
                          r ->
                              Map.of(
                                  "name",
                                  l.pick(r.name()),
                                  "methods",
                                  String.join(
                                      l == Lang.JA ? "、" : "; ",
                                      r.methods().stream()
                                          .map(
                                              id ->
                                                  e.disclosure()
                                                      .method(id)
                                                      .map(x -> l.pick(x.description()))
                                                      .orElse(id))
                                          .toList())))
                      .toList());
            });
    m.put("security", paragraphs(l.pick(e.securityMeasures())));
    m.put("complaints", paragraphs(l.pick(e.complaints())));
    m.put("prohibition", l.pick(Notice.PROHIBITION));
    m.put("onward", l.pick(Notice.ONWARD));
    return m;
  }

  /** The changes since the previous entry: first, none, or the list (category additions marked). */
  private static void changes(Map<String, Object> m, HistoryEntry e, Lang l) {
    m.put("first", e.changesSince().isEmpty());
    m.put("comparedWith", e.changesSince().orElse(""));
    m.put("noChange", e.changesSince().isPresent() && e.changes().isEmpty());
    m.put("addsCategory", e.addsCategory());
    m.put("hasChanges", !e.changes().isEmpty());
    m.put(
        "changes",
        e.changes().stream()
            .map(
                c ->
                    Map.of(
                        "text",
                        l.pick(PublicWording.plain(c.text())),
                        "added",
                        c.type().equals(Change.CATEGORY_ADDED)))
            .toList());
  }

  private static Text scope(HistoryEntry e) {
    Optional<Text> continuing = e.terms().flatMap(PublicTerms::continuing);
    if (e.isAnnouncement()
        && continuing.isPresent()
        && e.coverage().map(DisclosureConfig.Coverage::continuous).orElse(false)) {
      return continuing.get();
    }
    if (e.isAnnouncement()) {
      return e.coverage().orElse(DisclosureConfig.Coverage.SINGLE).describe();
    }
    if (e.coveredBy().isPresent()) {
      return Text.of(
          "本リリースは公表「"
              + e.coveredBy().get()
              + "」（継続的な作成・提供の公表）の範囲内であり、項目及び提供の方法に"
              + "変更がないため、新たな公表を要しません。",
          "This release lies within announcement \""
              + e.coveredBy().get()
              + "\" (continuous creation and"
              + " provision) and changes neither the categories nor the methods of provision: no new announcement"
              + " is needed.");
    }
    return Text.of(
        "本リリースの作成に関する公表です（作成後遅滞なく公表）。",
        "This is the announcement of this release's creation (published without delay after creation).");
  }

  private static Text first(HistoryEntry e) {
    return e.isRelease()
        ? Text.of("初回のリリースです。", "This is the first release.")
        : Text.of("初回の公表です。", "This is the first announcement.");
  }

  /**
   * The same page in Markdown ({@code manifest.md}, {@code <id>.md}), from the shipped template.
   */
  public static String entryMarkdown(HistoryEntry e) {
    return entryMarkdown(e, PageTemplates.SHIPPED);
  }

  /**
   * As {@link #entryMarkdown(HistoryEntry)} from {@code templates} ({@value
   * PageTemplates#MANIFEST_MD}): the same values as the HTML page, escaped for Markdown.
   */
  public static String entryMarkdown(HistoryEntry e, PageTemplates templates) {
    return templates.renderMarkdown(PageTemplates.MANIFEST_MD, entryPage(e, templates, Map.of()));
  }

  // ---------------------------------------------------------------- the history (index.html)

  /**
   * The history page: every announcement and release, newest first, with what changed each time.
   */
  public static String indexHtml(List<HistoryEntry> entries) {
    return indexHtml(entries, PageTemplates.SHIPPED);
  }

  /** As {@link #indexHtml(List)} from {@code templates}. */
  public static String indexHtml(List<HistoryEntry> entries, PageTemplates templates) {
    List<HistoryEntry> newest = new ArrayList<>(entries);
    Collections.reverse(newest);
    Text producer = newest.isEmpty() ? Text.of("", "") : newest.get(0).producer();
    Map<String, Object> page = new LinkedHashMap<>();
    page.put(
        "title",
        "匿名加工情報に関する公表の履歴 / History of announcements on anonymously processed information — "
            + producer.ja());
    for (Lang l : Lang.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("producer", l.pick(producer));
      List<Map<String, Object>> list = new ArrayList<>();
      for (HistoryEntry e : newest) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("date", l.date(e.date()));
        em.put("time", l.time(e.at(), templates.zone()));
        em.put("kind", l.pick(kind(e)));
        em.put("firstText", l.pick(first(e)));
        em.put("id", e.id());
        em.put("anchor", l.code + "-" + e.id());
        em.put("page", e.page());
        em.put("scope", l.pick(scope(e)));
        em.put(
            "methods",
            String.join(
                l == Lang.JA ? "、" : "; ",
                e.disclosure().methods().stream().map(x -> l.pick(x.description())).toList()));
        em.put("summary", l.pick(PublicWording.plain(changeSummary(e))));
        // a release lists the categories contained in its published files (those withheld in every
        // row apart)
        em.put(
            "datasets",
            e.disclosure().datasets().stream()
                .map(
                    d ->
                        Map.of(
                            "title",
                            l.pick(d.title()),
                            "categories",
                            l.categoryList(
                                d.contained().stream().map(Category::name).distinct().toList()),
                            "withheld",
                            d.withheld().isEmpty() ? "" : l.categoryList(d.withheld())))
                .toList());
        changes(em, e, l);
        list.add(em);
      }
      m.put("entries", list);
      if (!newest.isEmpty()) {
        HistoryEntry latest = newest.get(0);
        m.put(
            "latest",
            Map.of(
                "producer",
                l.pick(producer),
                "statement",
                l.pick(latest.statement()),
                "security",
                paragraphs(l.pick(latest.securityMeasures())),
                "complaints",
                paragraphs(l.pick(latest.complaints())),
                "contact",
                l.pick(latest.contact())));
      }
      page.put(l.code, m);
    }
    return templates.render(PageTemplates.INDEX, page);
  }

  private static Text kind(HistoryEntry e) {
    return e.isAnnouncement()
        ? Text.of("作成・提供の公表", "Announcement")
        : Text.of(
            "作成（リリース " + e.releaseId().orElse("") + "）", "Release " + e.releaseId().orElse(""));
  }

  private static Text changeSummary(HistoryEntry e) {
    if (e.changesSince().isEmpty()) {
      return Text.of("初回", "first");
    }
    if (e.changes().isEmpty()) {
      return Text.of("変更なし", "no change");
    }
    List<Change> cs = e.changes();
    Text out = cs.get(0).text();
    for (int i = 1; i < cs.size(); i++) {
      out = out.append(cs.get(i).text(), "、", "; ");
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> paragraphs(String text) {
    return java.util.Arrays.stream(text.split("\\R"))
        .filter(p -> !p.isBlank())
        .map(String::strip)
        .toList();
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Escapes Markdown table and inline syntax that could break the layout. */
  static String md(String s) {
    return s.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("<", "&lt;")
        .replace("\r", "")
        .replace("\n", " ");
  }

  /** The two languages of the pages, Japanese first. */
  private enum Lang {
    JA("ja", Text::ja),
    EN("en", Text::en);

    final String code;
    final Function<Text, String> pick;

    Lang(String code, Function<Text, String> pick) {
      this.code = code;
      this.pick = pick;
    }

    String pick(Text t) {
      return pick.apply(t);
    }

    String date(LocalDate d) {
      return this == JA ? dateJa(d) : dateEn(d);
    }

    String time(java.time.Instant at, java.time.ZoneId zone) {
      return this == JA ? HumanTime.timeJa(at, zone) : HumanTime.timeEn(at, zone);
    }

    /** A category the guideline's way: 「性別」 in Japanese, plain in English. */
    String category(Text t) {
      return this == JA ? "「" + t.ja() + "」" : t.en();
    }

    String categoryList(List<Text> ts) {
      return this == JA
          ? String.join("", ts.stream().map(this::category).toList())
          : String.join(", ", ts.stream().map(this::category).toList());
    }
  }
}
