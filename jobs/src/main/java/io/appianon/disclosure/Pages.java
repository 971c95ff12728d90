package io.appianon.disclosure;

import io.appianon.policy.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Renders announcements as self-contained public pages: HTML5 with inline CSS and no script (fit to put on a company
 * website as is), and Markdown. Japanese comes first, then English; categories are written the PPC guideline's way,
 * 「性別」「年齢」.
 */
public final class Pages {
  private static final String CSS = String.join("",
      "body{font-family:\"Hiragino Kaku Gothic ProN\",\"Hiragino Sans\",Meiryo,\"Noto Sans JP\",sans-serif;",
      "line-height:1.7;color:#1a1a1a;background:#fff;margin:0}",
      "main{max-width:60rem;margin:0 auto;padding:1.5rem}",
      "h1{font-size:1.5rem;border-bottom:2px solid #1a1a1a;padding-bottom:.3rem}",
      "h2{font-size:1.2rem;margin-top:2rem;border-left:4px solid #555;padding-left:.5rem}",
      "h3{font-size:1.05rem;margin-top:1.5rem}",
      "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}",
      "th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}",
      "th{background:#f2f2f2}",
      ".statement{border:1px solid #888;background:#fafafa;padding:.75rem 1rem}",
      "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}",
      "dl.facts dt{font-weight:bold}dl.facts dd{margin:0}",
      ".added{font-weight:bold}.muted{color:#555}",
      "nav.lang a{margin-right:1rem}hr{margin:3rem 0}",
      "@media print{nav.lang{display:none}}");

  private Pages() {}

  /** A date the Japanese way: 2026年11月23日. */
  public static String dateJa(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  // ---------------------------------------------------------------- one announcement (manifest.html, <id>.html)

  /** The page of one announcement or release (a release's {@code manifest.html}). */
  public static String entryHtml(HistoryEntry e) {
    StringBuilder b = new StringBuilder();
    head(b, "匿名加工情報の作成及び第三者提供に関する公表 / Public notice on anonymously processed information — "
        + e.producer().ja());
    entrySection(b, e, Lang.JA);
    b.append("<hr/>\n");
    entrySection(b, e, Lang.EN);
    tail(b);
    return b.toString();
  }

  private static void entrySection(StringBuilder b, HistoryEntry e, Lang l) {
    b.append("<section id=\"").append(l.code).append("\" lang=\"").append(l.code).append("\">\n");
    b.append("<h1>").append(esc(l.pick(Text.of("匿名加工情報の作成及び第三者提供に関する公表",
        "Public notice on the creation and provision of anonymously processed information")))).append("</h1>\n");
    b.append("<p class=\"statement\">").append(esc(l.pick(e.statement()))).append("</p>\n");
    b.append("<dl class=\"facts\">\n");
    fact(b, l.pick(Text.of("公表者", "Published by")), esc(l.pick(e.producer())));
    fact(b, l.pick(Text.of("公表日", "Date of publication")), esc(l.date(e.date())));
    if (e.isRelease()) {
      fact(b, l.pick(Text.of("作成日", "Date of production")), esc(l.date(e.date())));
      fact(b, l.pick(Text.of("リリースID", "Release ID")), "<code>" + esc(e.releaseId().orElse("")) + "</code>");
    } else {
      fact(b, l.pick(Text.of("公表ID", "Announcement ID")), "<code>" + esc(e.id()) + "</code>");
    }
    fact(b, l.pick(Text.of("対象", "Scope")), esc(l.pick(scope(e))));
    fact(b, l.pick(Text.of("お問い合わせ・苦情の窓口", "Enquiries and complaints")), esc(l.pick(e.contact())));
    b.append("</dl>\n");

    b.append("<h2>").append(esc(l.pick(changesTitle(e)))).append("</h2>\n");
    changesHtml(b, e, l);

    b.append("<h2>").append(esc(l.pick(Text.of("匿名加工情報に含まれる個人に関する情報の項目",
        "Categories of information relating to individuals contained")))).append("</h2>\n");
    for (DatasetDisclosure d : e.disclosure().datasets()) {
      b.append("<h3>").append(esc(l.pick(d.title()))).append("</h3>\n");
      b.append("<table>\n<thead><tr><th scope=\"col\">").append(esc(l.pick(Text.of("項目", "Category"))))
          .append("</th><th scope=\"col\">").append(esc(l.pick(Text.of("加工の方法", "How it was processed"))))
          .append("</th></tr></thead>\n<tbody>\n");
      for (Category c : d.categories()) {
        b.append("<tr><td>").append(esc(l.category(c.name()))).append("</td><td>")
            .append(esc(l.pick(c.processing()))).append("</td></tr>\n");
      }
      b.append("</tbody>\n</table>\n");
      if (!d.recordProcessing().isEmpty()) {
        b.append("<p>").append(esc(l.pick(Text.of("レコード単位の加工:", "Processing of whole records:"))))
            .append("</p>\n<ul>\n");
        d.recordProcessing().forEach(t -> b.append("<li>").append(esc(l.pick(t))).append("</li>\n"));
        b.append("</ul>\n");
      }
      if (!d.deleted().isEmpty()) {
        b.append("<p class=\"muted\">").append(esc(l.pick(Text.of("作成に当たり削除した項目（本データには含まれません）: ",
            "Deleted in processing (not contained in the data): "))))
            .append(esc(l.categoryList(d.deleted().stream().map(Category::name).toList()))).append("</p>\n");
      }
    }

    b.append("<h2>").append(esc(l.pick(Text.of("第三者への提供の方法", "Methods of provision to third parties"))))
        .append("</h2>\n<ul>\n");
    e.disclosure().methods().forEach(m -> b.append("<li>").append(esc(l.pick(m.description()))).append("</li>\n"));
    b.append("</ul>\n");

    b.append("<h2>").append(esc(l.pick(Text.of("安全管理のために講じた措置", "Security-control measures"))))
        .append("</h2>\n");
    paragraphs(b, l.pick(e.securityMeasures()));
    b.append("<h2>").append(esc(l.pick(Text.of("苦情の処理", "Handling of complaints")))).append("</h2>\n");
    paragraphs(b, l.pick(e.complaints()));
    b.append("<p>").append(esc(l.pick(Text.of("窓口: ", "Contact: ")) + l.pick(e.contact()))).append("</p>\n");

    b.append("<h2>").append(esc(l.pick(Text.of("禁止事項", "Prohibited acts")))).append("</h2>\n");
    b.append("<p>").append(esc(l.pick(Notice.PROHIBITION))).append("</p>\n");
    b.append("<p>").append(esc(l.pick(Notice.ONWARD))).append("</p>\n");
    b.append("</section>\n");
  }

  private static Text scope(HistoryEntry e) {
    if (e.isAnnouncement()) {
      return e.coverage().orElse(DisclosureConfig.Coverage.SINGLE).describe();
    }
    if (e.coveredBy().isPresent()) {
      return Text.of("本リリースは公表「" + e.coveredBy().get() + "」（継続的な作成・提供の公表）の範囲内であり、項目及び提供の方法に"
          + "変更がないため、新たな公表を要しません。",
          "This release lies within announcement \"" + e.coveredBy().get() + "\" (continuous creation and"
              + " provision) and changes neither the categories nor the methods of provision: no new announcement"
              + " is needed.");
    }
    return Text.of("本リリースの作成に関する公表です（作成後遅滞なく公表）。",
        "This is the announcement of this release's creation (published without delay after creation).");
  }

  private static Text first(HistoryEntry e) {
    return e.isRelease() ? Text.of("初回のリリースです。", "This is the first release.")
        : Text.of("初回の公表です。", "This is the first announcement.");
  }

  private static Text changesTitle(HistoryEntry e) {
    if (e.isRelease()) {
      return Text.of("前回のリリースからの変更", "Changes since the previous release");
    }
    return Text.of("前回の公表からの変更", "Changes since the previous announcement");
  }

  private static void changesHtml(StringBuilder b, HistoryEntry e, Lang l) {
    if (e.changesSince().isEmpty()) {
      b.append("<p>").append(esc(l.pick(first(e)))).append("</p>\n");
      return;
    }
    b.append("<p class=\"muted\">").append(esc(l.pick(Text.of("比較対象: ", "Compared with: "))))
        .append("<code>").append(esc(e.changesSince().get())).append("</code></p>\n");
    if (e.changes().isEmpty()) {
      b.append("<p>").append(esc(l.pick(Text.of("項目、加工の方法及び提供の方法に変更はありません。",
          "No change in the categories, their processing or the methods of provision.")))).append("</p>\n");
      return;
    }
    if (e.addsCategory()) {
      b.append("<p class=\"added\">").append(esc(l.pick(Text.of("項目が追加されています。",
          "Categories have been added.")))).append("</p>\n");
    }
    b.append("<ul>\n");
    for (Change c : e.changes()) {
      boolean added = c.type().equals(Change.CATEGORY_ADDED);
      b.append(added ? "<li class=\"added\">" : "<li>").append(esc(l.pick(c.text()))).append("</li>\n");
    }
    b.append("</ul>\n");
  }

  /** The same page in Markdown ({@code manifest.md}). */
  public static String entryMarkdown(HistoryEntry e) {
    StringBuilder b = new StringBuilder();
    for (Lang l : Lang.values()) {
      if (l == Lang.EN) {
        b.append("\n---\n\n");
      }
      b.append("# ").append(l.pick(Text.of("匿名加工情報の作成及び第三者提供に関する公表",
          "Public notice on the creation and provision of anonymously processed information"))).append("\n\n");
      b.append("> ").append(md(l.pick(e.statement()))).append("\n\n");
      mdFact(b, l.pick(Text.of("公表者", "Published by")), l.pick(e.producer()));
      mdFact(b, l.pick(Text.of("公表日", "Date of publication")), l.date(e.date()));
      if (e.isRelease()) {
        mdFact(b, l.pick(Text.of("作成日", "Date of production")), l.date(e.date()));
        mdFact(b, l.pick(Text.of("リリースID", "Release ID")), "`" + e.releaseId().orElse("") + "`");
      } else {
        mdFact(b, l.pick(Text.of("公表ID", "Announcement ID")), "`" + e.id() + "`");
      }
      mdFact(b, l.pick(Text.of("対象", "Scope")), l.pick(scope(e)));
      mdFact(b, l.pick(Text.of("お問い合わせ・苦情の窓口", "Enquiries and complaints")), l.pick(e.contact()));
      b.append("\n## ").append(l.pick(changesTitle(e))).append("\n\n");
      if (e.changesSince().isEmpty()) {
        b.append(l.pick(first(e))).append("\n");
      } else if (e.changes().isEmpty()) {
        b.append(l.pick(Text.of("項目、加工の方法及び提供の方法に変更はありません。",
            "No change in the categories, their processing or the methods of provision."))).append("\n");
      } else {
        if (e.addsCategory()) {
          b.append("**").append(l.pick(Text.of("項目が追加されています。", "Categories have been added."))).append("**\n\n");
        }
        e.changes().forEach(c -> b.append("- ").append(md(l.pick(c.text()))).append("\n"));
      }
      b.append("\n## ").append(l.pick(Text.of("匿名加工情報に含まれる個人に関する情報の項目",
          "Categories of information relating to individuals contained"))).append("\n");
      for (DatasetDisclosure d : e.disclosure().datasets()) {
        b.append("\n### ").append(md(l.pick(d.title()))).append("\n\n");
        b.append("| ").append(l.pick(Text.of("項目", "Category"))).append(" | ")
            .append(l.pick(Text.of("加工の方法", "How it was processed"))).append(" |\n|---|---|\n");
        for (Category c : d.categories()) {
          b.append("| ").append(md(l.category(c.name()))).append(" | ").append(md(l.pick(c.processing())))
              .append(" |\n");
        }
        if (!d.recordProcessing().isEmpty()) {
          b.append("\n").append(l.pick(Text.of("レコード単位の加工:", "Processing of whole records:"))).append("\n\n");
          d.recordProcessing().forEach(t -> b.append("- ").append(md(l.pick(t))).append("\n"));
        }
        if (!d.deleted().isEmpty()) {
          b.append("\n").append(l.pick(Text.of("作成に当たり削除した項目（本データには含まれません）: ",
              "Deleted in processing (not contained in the data): ")))
              .append(md(l.categoryList(d.deleted().stream().map(Category::name).toList()))).append("\n");
        }
      }
      b.append("\n## ").append(l.pick(Text.of("第三者への提供の方法", "Methods of provision to third parties")))
          .append("\n\n");
      e.disclosure().methods().forEach(m -> b.append("- ").append(md(l.pick(m.description()))).append("\n"));
      b.append("\n## ").append(l.pick(Text.of("安全管理のために講じた措置", "Security-control measures"))).append("\n\n")
          .append(md(l.pick(e.securityMeasures()))).append("\n");
      b.append("\n## ").append(l.pick(Text.of("苦情の処理", "Handling of complaints"))).append("\n\n")
          .append(md(l.pick(e.complaints()))).append("\n\n")
          .append(l.pick(Text.of("窓口: ", "Contact: "))).append(md(l.pick(e.contact()))).append("\n");
      b.append("\n## ").append(l.pick(Text.of("禁止事項", "Prohibited acts"))).append("\n\n")
          .append(md(l.pick(Notice.PROHIBITION))).append("\n\n").append(md(l.pick(Notice.ONWARD))).append("\n");
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- the history (index.html)

  /** The history page: every announcement and release, newest first, with what changed each time. */
  public static String indexHtml(List<HistoryEntry> entries) {
    List<HistoryEntry> newest = new ArrayList<>(entries);
    Collections.reverse(newest);
    Text producer = newest.isEmpty() ? Text.of("", "") : newest.get(0).producer();
    StringBuilder b = new StringBuilder();
    head(b, "匿名加工情報に関する公表の履歴 / History of announcements on anonymously processed information — "
        + producer.ja());
    for (Lang l : Lang.values()) {
      if (l == Lang.EN) {
        b.append("<hr/>\n");
      }
      b.append("<section id=\"").append(l.code).append("\" lang=\"").append(l.code).append("\">\n");
      b.append("<h1>").append(esc(l.pick(Text.of("匿名加工情報に関する公表の履歴",
          "History of announcements on anonymously processed information")))).append("</h1>\n");
      if (!newest.isEmpty()) {
        HistoryEntry latest = newest.get(0);
        b.append("<p>").append(esc(l.pick(Text.of(producer.ja() + "が作成し、第三者に提供する匿名加工情報について、"
            + "これまでの公表を新しい順に掲載します。", "The announcements " + producer.en() + " has published on the"
            + " anonymously processed information it creates and provides, newest first.")))).append("</p>\n");
        b.append("<p class=\"statement\">").append(esc(l.pick(latest.statement()))).append("</p>\n");
      }
      b.append("<table>\n<thead><tr>");
      for (Text h : List.of(Text.of("公表日", "Date"), Text.of("種別", "Kind"), Text.of("公表", "Announcement"),
          Text.of("提供の方法", "Methods of provision"), Text.of("変更", "Changes"))) {
        b.append("<th scope=\"col\">").append(esc(l.pick(h))).append("</th>");
      }
      b.append("</tr></thead>\n<tbody>\n");
      for (HistoryEntry e : newest) {
        b.append("<tr><td>").append(esc(l.date(e.date()))).append("</td><td>").append(esc(l.pick(kind(e))))
            .append("</td><td><a href=\"#").append(l.code).append('-').append(esc(e.id())).append("\">")
            .append(esc(e.id())).append("</a></td><td>")
            .append(esc(String.join(l == Lang.JA ? "、" : "; ",
                e.disclosure().methods().stream().map(m -> l.pick(m.description())).toList())))
            .append("</td><td>").append(e.addsCategory() ? "<span class=\"added\">" : "<span>")
            .append(esc(l.pick(changeSummary(e)))).append("</span></td></tr>\n");
      }
      b.append("</tbody>\n</table>\n");
      for (HistoryEntry e : newest) {
        b.append("<h2 id=\"").append(l.code).append('-').append(esc(e.id())).append("\">")
            .append(esc(l.date(e.date()) + " " + l.pick(kind(e)) + " " + e.id())).append("</h2>\n");
        b.append("<p>").append(esc(l.pick(scope(e)))).append(" <a href=\"").append(esc(e.page())).append("\">")
            .append(esc(l.pick(Text.of("公表の全文", "Full announcement")))).append("</a></p>\n");
        changesHtml(b, e, l);
        b.append("<dl class=\"facts\">\n");
        for (DatasetDisclosure d : e.disclosure().datasets()) {
          fact(b, l.pick(d.title()), esc(l.categoryList(d.categories().stream().map(Category::name).toList())));
        }
        fact(b, l.pick(Text.of("提供の方法", "Methods of provision")), esc(String.join(l == Lang.JA ? "、" : "; ",
            e.disclosure().methods().stream().map(m -> l.pick(m.description())).toList())));
        b.append("</dl>\n");
      }
      if (!newest.isEmpty()) {
        HistoryEntry latest = newest.get(0);
        b.append("<h2>").append(esc(l.pick(Text.of("安全管理のために講じた措置", "Security-control measures"))))
            .append("</h2>\n");
        paragraphs(b, l.pick(latest.securityMeasures()));
        b.append("<h2>").append(esc(l.pick(Text.of("苦情の処理", "Handling of complaints")))).append("</h2>\n");
        paragraphs(b, l.pick(latest.complaints()));
        b.append("<p>").append(esc(l.pick(Text.of("窓口: ", "Contact: ")) + l.pick(latest.contact())))
            .append("</p>\n");
      }
      b.append("</section>\n");
    }
    tail(b);
    return b.toString();
  }

  private static Text kind(HistoryEntry e) {
    return e.isAnnouncement() ? Text.of("作成・提供の公表", "Announcement")
        : Text.of("作成（リリース " + e.releaseId().orElse("") + "）", "Release " + e.releaseId().orElse(""));
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

  private static void head(StringBuilder b, String title) {
    b.append("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(esc(title)).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<nav class=\"lang\"><a href=\"#ja\">日本語</a><a href=\"#en\" lang=\"en\">English</a></nav>\n");
  }

  private static void tail(StringBuilder b) {
    b.append("</main>\n</body>\n</html>\n");
  }

  private static void fact(StringBuilder b, String term, String html) {
    b.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static void mdFact(StringBuilder b, String term, String value) {
    b.append("- **").append(md(term)).append("**: ").append(value.startsWith("`") ? value : md(value)).append("\n");
  }

  private static void paragraphs(StringBuilder b, String text) {
    for (String p : text.split("\\R")) {
      if (!p.isBlank()) {
        b.append("<p>").append(esc(p.strip())).append("</p>\n");
      }
    }
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
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
        .replace("<", "&lt;").replace("\r", "").replace("\n", " ");
  }

  /** The two languages of the pages, Japanese first. */
  private enum Lang {
    JA("ja", Text::ja), EN("en", Text::en);

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
      return this == JA ? dateJa(d) : d.toString();
    }

    /** A category the guideline's way: 「性別」 in Japanese, plain in English. */
    String category(Text t) {
      return this == JA ? "「" + t.ja() + "」" : t.en();
    }

    String categoryList(List<Text> ts) {
      return this == JA ? String.join("", ts.stream().map(this::category).toList())
          : String.join(", ", ts.stream().map(this::category).toList());
    }
  }
}
