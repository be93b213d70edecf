//! `warta build` on small bilingual sites: paths, links, `lang`,
//! `hreflang`, dates, translations, overrides and determinism.

mod common;

use common::{Site, alternates, between, tree};
use std::fs;

#[test]
fn a_translated_pair_links_both_ways() {
    let site = Site::fixture("bilingual");
    let run = site.build_ok();
    assert!(run.stdout.contains("built"), "{}", run.stdout);

    let id = site.read("id/berita/fgd/index.html");
    let en = site.read("en/news/fgd/index.html");
    assert!(id.contains(r#"<html lang="id">"#));
    assert!(en.contains(r#"<html lang="en">"#));
    for html in [&id, &en] {
        let alt = alternates(html);
        assert_eq!(alt["id"], "https://example.org/id/berita/fgd/");
        assert_eq!(alt["en"], "https://example.org/en/news/fgd/");
        assert_eq!(alt["x-default"], "https://example.org/id/berita/fgd/");
    }
    // The visible switcher links to the other language, which it names in
    // that language.
    assert!(
        id.contains(r#"<a href="/en/news/fgd/" hreflang="en" lang="en">English</a>"#),
        "{id}"
    );
    assert!(
        en.contains(r#"<a href="/id/berita/fgd/" hreflang="id" lang="id">Bahasa Indonesia</a>"#)
    );
}

#[test]
fn a_page_in_one_language_says_so_in_the_other_and_links_to_its_list() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let id = site.read("id/berita/renstra/index.html");
    let alt = alternates(&id);
    assert_eq!(alt.keys().collect::<Vec<_>>(), ["id", "x-default"]);
    let switcher = between(&id, r#"<nav class="language-switcher""#, "</nav>");
    assert!(
        switcher.contains(r#"<a class="missing" href="/en/news/" hreflang="en" lang="en">English <span class="missing-note">(Not yet in English: see all news)</span></a>"#),
        "{switcher}"
    );
    assert!(!site.exists("en/news/renstra/index.html"));
}

#[test]
fn translation_key_pairs_files_with_different_stems() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let en = site.read("en/news/atensi-lks-muhammadiyah/index.html");
    assert_eq!(
        alternates(&en)["id"],
        "https://example.org/id/berita/atensi/"
    );
    let id = site.read("id/berita/atensi/index.html");
    assert_eq!(
        alternates(&id)["en"],
        "https://example.org/en/news/atensi-lks-muhammadiyah/"
    );
}

#[test]
fn dates_credits_and_dateline_are_in_the_page_language() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let id = site.read("id/berita/fgd/index.html");
    assert!(
        id.contains(
            r#"<span class="place">Bekasi</span>, <time datetime="2020-07-15" data-pagefind-meta="date">15 Juli 2020</time>"#
        ),
        "{id}"
    );
    assert!(id.contains("<dt>Penulis</dt><dd>OHH Dayasos</dd>"));
    assert!(id.contains("<dt>Editor</dt><dd>OHH Dayasos, Annisa YH</dd>"));
    let en = site.read("en/news/fgd/index.html");
    assert!(
        en.contains(r#"<time datetime="2020-07-15" data-pagefind-meta="date">15 July 2020</time>"#)
    );
    assert!(en.contains("<dt>Translator</dt><dd>Zahra Aulia F</dd>"));
}

#[test]
fn a_photographer_is_credited_in_the_byline_in_each_language() {
    let site = Site::fixture("bilingual");
    for (file, credit) in [
        (
            "2020-07-15-fgd.id.md",
            "photographer: [Rudi Hartono, Sinta Dewi]\n",
        ),
        ("2020-07-15-fgd.en.md", "photographer: Rudi Hartono\n"),
    ] {
        let path = site.path().join("content/news").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen(
            "directorate: dayasos\n",
            &format!("directorate: dayasos\n{credit}"),
            1,
        );
        std::fs::write(&path, text).unwrap();
    }
    site.build_ok();
    let id = site.read("id/berita/fgd/index.html");
    assert!(
        id.contains("<dt>Foto</dt><dd>Rudi Hartono, Sinta Dewi</dd>"),
        "{id}"
    );
    // After the other credits, as DESIGN.md lists them.
    let byline = between(&id, r#"<dl class="byline""#, "</dl>");
    let at = |label: &str| {
        byline
            .find(label)
            .unwrap_or_else(|| panic!("{label}: {byline}"))
    };
    assert!(at("<dt>Editor</dt>") < at("<dt>Foto</dt>"), "{byline}");
    let en = site.read("en/news/fgd/index.html");
    assert!(en.contains("<dt>Photo</dt><dd>Rudi Hartono</dd>"), "{en}");
    let feed = site.read("en/atom.xml");
    assert!(
        feed.contains("<contributor><name>Rudi Hartono</name></contributor>"),
        "{feed}"
    );
}

#[test]
fn internal_links_become_urls_in_each_language() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let id = site.read("id/berita/fgd/index.html");
    assert!(
        id.contains(r#"<a href="/id/program/pilar-sosial/">pilar sosial</a>"#),
        "{id}"
    );
    assert!(id.contains(r#"<a href="/id/berita/renstra/#hasil">rencana strategis</a>"#));
    assert!(id.contains(r#"<a href="/files/news/foto-fgd.jpg">foto</a>"#));
    assert!(id.contains(r#"<h2 id="hasil-diskusi">Hasil diskusi</h2>"#));
    let en = site.read("en/news/fgd/index.html");
    assert!(en.contains(r#"<a href="/en/programs/pilar-sosial/">social pillars</a>"#));
    // A photo is shown in its versions, made beside the original.
    assert!(
        en.contains(r#"<picture><source type="image/webp" srcset="/images/logo-64w.webp 64w""#),
        "{en}"
    );
    assert!(
        en.contains(r#"<img src="/images/logo-64w.jpg" srcset="/images/logo-64w.jpg 64w""#),
        "{en}"
    );
    assert!(en.contains(r#"width="64" height="32" alt="logo" loading="lazy""#));
    assert!(site.exists("images/logo-64w.webp") && site.exists("images/logo-64w.jpg"));
    // Non-Markdown content files are copied once; static files verbatim.
    assert_eq!(site.read("files/news/foto-fgd.jpg"), "not really a jpeg");
    assert_eq!(
        fs::read(site.output().join("images/logo.png")).unwrap(),
        fs::read(site.path().join("static/images/logo.png")).unwrap()
    );
}

#[test]
fn base_url_with_a_path_prefixes_every_internal_link() {
    let site = Site::fixture("bilingual");
    let run = site.run(&["build", "--base-url", "https://host.example/warta/"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let id = site.read("id/berita/fgd/index.html");
    assert!(
        id.contains(r#"<a href="/warta/id/program/pilar-sosial/">"#),
        "{id}"
    );
    assert!(id.contains(r#"<link rel="stylesheet" href="/warta/warta.css">"#));
    assert!(id.contains(r#"<a href="/warta/files/news/foto-fgd.jpg">"#));
    assert!(
        id.contains(r#"<link rel="canonical" href="https://host.example/warta/id/berita/fgd/">"#)
    );
    let en = site.read("en/news/fgd/index.html");
    assert!(en.contains(r#"src="/warta/images/logo-64w.jpg""#), "{en}");
    let root = site.read("index.html");
    assert!(
        root.contains(r#"{"en":"/warta/en/","id":"/warta/id/"}"#),
        "{root}"
    );
    // No root-relative link escapes the prefix.
    for html in [&id, &en, &root] {
        for part in html.split("href=\"/").skip(1) {
            assert!(
                part.starts_with("warta/"),
                "unprefixed link: {}",
                &part[..part.len().min(60)]
            );
        }
    }
}

#[test]
fn lists_paginate_and_mark_untranslated_items() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    // paginate: 2, and three Indonesian items: the first page holds up to
    // three, so that adding one does not move the rows of later pages.
    let first = site.read("id/berita/index.html");
    assert!(first.contains("3 berita"), "{first}");
    assert_eq!(first.matches(r#"<article class="summary">"#).count(), 3);
    assert!(!first.contains(r#"rel="next""#), "{first}");
    assert!(!site.exists("id/berita/page/2/index.html"));
    // The English list shows the Indonesian-only item, marked, in Indonesian.
    let en = site.read("en/news/index.html");
    assert!(en.contains(r#"<a href="/id/berita/renstra/" lang="id" hreflang="id">Renstra Pemberdayaan Sosial 2020-2024</a>"#), "{en}");
    assert!(en.contains("Only in Indonesian"));
    assert!(site.read("en/news/index.html").contains("3 news items"));
}

/// The Indonesian news list's rows, newest first: `(page, title)`.
fn news_rows(site: &Site) -> Vec<(usize, String)> {
    let mut rows = Vec::new();
    for number in 1.. {
        let path = if number == 1 {
            "id/berita/index.html".to_string()
        } else {
            format!("id/berita/page/{number}/index.html")
        };
        if !site.exists(&path) {
            break;
        }
        let html = site.read(&path);
        for article in html.split(r#"<article class="summary">"#).skip(1) {
            let title = article
                .split("</a>")
                .next()
                .and_then(|a| a.rsplit('>').next())
                .unwrap_or_default();
            rows.push((number, title.to_string()));
        }
    }
    rows
}

#[test]
fn older_list_pages_keep_their_news_as_news_is_added() {
    let site = Site::fixture("bilingual");
    let story = |day: u32| {
        format!(
            "---\ntitle: Berita {day}\ndate: 2021-01-{day:02}\ndirectorate: dayasos\n---\nIsi {day}.\n"
        )
    };
    site.write("content/news/2021-01-01-b1.id.md", &story(1));
    site.build_ok();
    // Four rows at two a page.
    let rows = news_rows(&site);
    let on_page =
        |rows: &[(usize, String)], number| rows.iter().filter(|(n, _)| *n == number).count();
    assert_eq!((on_page(&rows, 1), on_page(&rows, 2)), (2, 2), "{rows:?}");
    assert_eq!(rows[0].1, "Berita 1");
    let second = site.read("id/berita/page/2/index.html");
    // Only the first page says how many there are.
    assert!(!second.contains(r#"<p class="count">"#), "{second}");
    assert!(second.contains(r#"<a rel="prev" href="/id/berita/">"#));
    assert!(second.contains("Halaman 2 dari 2"), "{second}");

    // A fifth story goes to the first page, which alone changes.
    site.write("content/news/2021-01-02-b2.id.md", &story(2));
    site.build_ok();
    assert_eq!(site.read("id/berita/page/2/index.html"), second);
    let five = news_rows(&site);
    assert_eq!((on_page(&five, 1), on_page(&five, 2)), (3, 2), "{five:?}");
    assert_eq!(five[0].1, "Berita 2");
    let first = site.read("id/berita/index.html");
    assert!(first.contains("5 berita"), "{first}");
    assert!(first.contains(r#"<a rel="next" href="/id/berita/page/2/">"#));

    // A sixth cuts a page from the first; the oldest rows stay last.
    site.write("content/news/2021-01-03-b3.id.md", &story(3));
    site.build_ok();
    let six = news_rows(&site);
    let numbers: Vec<usize> = six.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [1, 1, 2, 2, 3, 3]);
    let titles: Vec<&str> = six.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(&titles[..3], &["Berita 3", "Berita 2", "Berita 1"]);
    assert_eq!(&six[4..], &[(3, rows[2].1.clone()), (3, rows[3].1.clone())]);
}

#[test]
fn untranslated_hide_leaves_items_out_of_other_languages() {
    let site = Site::fixture("bilingual");
    site.write(
        "site.yaml",
        "title: T\nlanguages: [id, en]\nuntranslated: hide\n",
    );
    site.build_ok();
    let en = site.read("en/news/index.html");
    assert!(en.contains("2 news items"), "{en}");
    assert!(!en.contains("Renstra"));
}

#[test]
fn home_root_404_and_pages_are_written() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let root = site.read("index.html");
    assert!(root.contains(r#"<a href="/id/" hreflang="id">"#));
    assert!(root.contains(r#"<a href="/en/" hreflang="en">"#));
    assert!(root.contains("navigator.languages"));
    assert_eq!(alternates(&root)["x-default"], "https://example.org/");
    let home = site.read("en/index.html");
    assert!(
        home.contains("ATENSI and Social Welfare Institutions"),
        "{home}"
    );
    assert!(site.read("404.html").contains("Halaman tidak ditemukan"));
    // `slug` decides the URL of a page; `menu` puts it in the header.
    assert!(site.read("id/tentang/index.html").contains("Situs uji."));
    assert!(
        home.contains(r#"<li><a href="/en/about/">About</a></li>"#),
        "{home}"
    );
    assert!(site.exists("warta.css"));
}

#[test]
fn site_messages_and_templates_override_the_built_in_ones() {
    let site = Site::fixture("bilingual");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }} / {{ t(key=\"nav-home\") }}</p>{% endblock main %}",
    );
    site.build_ok();
    // One message overridden, the others still built in.
    let en = site.read("en/news/index.html");
    assert!(en.contains("<h1>Press releases</h1>"), "{en}");
    assert!(en.contains("Skip to content"));
    assert!(
        site.read("id/tentang/index.html")
            .contains(r#"<p class="custom">Tentang / Beranda</p>"#)
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = Site::fixture("bilingual");
    site.write_bytes(
        "content/pages/crlf.id.md",
        b"\xEF\xBB\xBF---\r\ntitle: Baris CRLF\r\n---\r\n\r\nIsi *baris* CRLF.\r\n",
    );
    site.build_ok();
    let html = site.read("id/crlf/index.html");
    assert!(html.contains(r#"<h1 data-pagefind-meta="title">Baris CRLF</h1>"#));
    assert!(html.contains("<p>Isi <em>baris</em> CRLF.</p>"));
}

#[test]
fn a_third_language_without_messages_shows_the_default_languages_text() {
    let site = Site::fixture("bilingual");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguages: [id, en, jv]\n",
    );
    site.write(
        "content/news/2020-07-15-fgd.jv.md",
        "---\ntitle: FGD ing Bekasi\ndate: 2020-07-15\ndirectorate: dayasos\n---\n\nDiskusi.\n",
    );
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("warning: locales/jv: `jv` has no UI messages"),
        "{}",
        run.stderr
    );
    let jv = site.read("jv/news/fgd/index.html");
    assert!(jv.contains(r#"<html lang="jv">"#));
    // UI strings and month names from the default language, Indonesian.
    assert!(jv.contains("15 Juli 2020"), "{jv}");
    assert!(jv.contains("Langsung ke isi"));
    assert_eq!(alternates(&jv)["jv"], "https://example.org/jv/news/fgd/");
    assert_eq!(
        alternates(&site.read("en/news/fgd/index.html"))["jv"],
        "https://example.org/jv/news/fgd/"
    );
    assert!(site.exists("jv/index.html"));
    // A page with no Javanese version says so of Javanese, not of the
    // language its note falls back to.
    let en_only = site.read("en/news/atensi-lks-muhammadiyah/index.html");
    let switcher = common::between(&en_only, "hreflang=\"jv\"", "</a>");
    assert!(switcher.contains("Belum ada dalam jv:"), "{switcher}");
    assert!(!switcher.contains("Indonesia"), "{switcher}");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::fixture("bilingual");
    site.build_ok();
    let first = tree(&site.output());
    site.build_ok();
    let second = tree(&site.output());
    assert!(first.len() > 15, "{}", first.len());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    assert!(first == second, "output differs between two builds");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/pages/draft.id.md",
        "---\ntitle: Konsep\ndraft: true\n---\n\nBelum.\n",
    );
    site.build_ok();
    assert!(!site.exists("id/draft/index.html"));
    assert_eq!(site.run(&["build", "--drafts"]).status, 0);
    assert!(site.exists("id/draft/index.html"));
}

#[test]
fn output_goes_where_asked() {
    let site = Site::fixture("bilingual");
    let out = site.path().join("elsewhere");
    let run = site.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(out.join("id/index.html").exists());
    assert!(!site.output().exists());
}

/// Editors' backups, swap files and renamed copies of a content file may
/// hold drafts or embargoed text: none is published, and a copy of a
/// content file under another name is named in a warning.
#[test]
fn backups_and_copies_of_content_files_are_never_published() {
    let site = Site::fixture("bilingual");
    let secret = "---\ntitle: Embargo\ndate: 2020-07-15\ndirectorate: dayasos\ndraft: true\n---\n\nRAHASIA sampai besok.\n";
    for name in [
        "x.id.md.bak",
        "x.id.md.orig",
        "x.id.md.swp",
        "x.id.md~",
        "#x.id.md#",
        "x.id.md.old",
        "x.id.markdown.txt",
    ] {
        site.write(&format!("content/news/{name}"), secret);
    }
    site.write("static/style.css.bak", "old css");
    let run = site.build_ok();
    for (path, bytes) in tree(&site.output()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("RAHASIA"),
            "{path} publishes the embargoed text"
        );
        assert!(!path.ends_with(".bak"), "{path} is a backup");
    }
    assert!(!site.exists("files/news/x.id.md.old"));
    run.assert_error_line(&[
        "warning:",
        "content/news/x.id.md.old",
        "copy of a content file",
    ]);
    run.assert_error_line(&["warning:", "content/news/x.id.markdown.txt"]);
    assert!(
        !run.stderr.contains("x.id.md.bak"),
        "backups are left out silently: {}",
        run.stderr
    );
}

/// The files of version control and of operating systems (`warta init`
/// writes `static/.gitkeep`) are not published; other dot files in
/// `static/`, which hosts read (`.well-known/`, `.nojekyll`), are.
#[test]
fn static_publishes_dot_files_but_not_version_control_or_system_files() {
    const NOT_PUBLISHED: [&str; 5] = [
        ".gitkeep",
        ".DS_Store",
        ".git/config",
        "images/.gitignore",
        "images/Thumbs.db",
    ];
    let site = Site::fixture("bilingual");
    for name in NOT_PUBLISHED {
        site.write(&format!("static/{name}"), "not for readers");
    }
    site.write(
        "static/.well-known/security.txt",
        "Contact: mailto:x@example.org\n",
    );
    site.write("static/.nojekyll", "");
    site.build_ok();
    let published: Vec<String> = tree(&site.output()).into_keys().collect();
    for name in NOT_PUBLISHED {
        assert!(
            !published.contains(&name.to_string()),
            "{name} is published"
        );
    }
    assert!(site.exists(".well-known/security.txt"));
    assert!(site.exists(".nojekyll"));
}

/// A site template under a name no built-in template has changes
/// nothing: a warning names it and the templates there are; a partial
/// that another site template includes is not warned about.
#[test]
fn a_template_under_a_name_no_built_in_has_is_named_in_a_warning() {
    let site = Site::fixture("bilingual");
    site.write("templates/news_item.html", "<p>typo</p>");
    site.write("templates/partials/extra.html", "<p>extra</p>");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{% include \"partials/extra.html\" %}{% endblock main %}",
    );
    let run = site.build_ok();
    run.assert_error_line(&[
        "warning: templates/news_item.html",
        "replaces no built-in template",
        "news-item.html",
    ]);
    assert!(
        !run.stderr.contains("partials/extra.html"),
        "{}",
        run.stderr
    );
    assert!(site.read("en/about/index.html").contains("<p>extra</p>"));
}
