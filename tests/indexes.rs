//! Indexes: term pages of directorates, events, programs and tags, the
//! taxonomy indexes, the archive by year, and untranslated items in them.

mod common;

use common::{Site, alternates, between};

/// `<a href>`s of the summaries on a list page, in order.
fn listed(html: &str) -> Vec<String> {
    html.split(r#"class="summary-title"><a href=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

fn built() -> Site {
    let site = Site::fixture("indexes");
    site.build_ok();
    site
}

#[test]
fn term_pages_show_their_text_then_their_news_newest_first() {
    let site = built();
    let page = site.read("id/direktorat/dayasos/index.html");
    assert!(page.contains(r#"<h1 data-pagefind-meta="title">Ditjen Pemberdayaan Sosial</h1>"#));
    assert!(page.contains("<p>Teks direktorat.</p>"));
    assert!(page.contains("3 berita"));
    // paginate: 2 — three rows fit the first page, which holds up to
    // 2 × 2 − 1.
    assert_eq!(
        listed(&page),
        ["/id/berita/psm/", "/id/berita/fgd/", "/id/berita/bimtek/"]
    );
    assert!(!site.exists("id/direktorat/dayasos/page/2/index.html"));
    // One a page: the newest first, the oldest last.
    site.write(
        "site.yaml",
        "title: Indeks Uji\nbase_url: https://example.org/\nlanguages: [id, en]\npaginate: 1\n",
    );
    site.build_ok();
    let page = site.read("id/direktorat/dayasos/index.html");
    assert_eq!(listed(&page), ["/id/berita/psm/"]);
    assert!(page.contains("3 berita"));
    let second = site.read("id/direktorat/dayasos/page/2/index.html");
    assert_eq!(listed(&second), ["/id/berita/fgd/"]);
    assert!(
        !second.contains("<p>Teks direktorat.</p>"),
        "the term's text is on its first page only"
    );
    assert!(
        !second.contains("berita</p>"),
        "the count is on the first page only"
    );
    let third = site.read("id/direktorat/dayasos/page/3/index.html");
    assert_eq!(listed(&third), ["/id/berita/bimtek/"]);
    assert!(!site.exists("id/direktorat/dayasos/page/4/index.html"));
}

#[test]
fn a_bare_key_still_gets_a_term_page_named_by_fluent_or_its_key() {
    let site = built();
    let page = site.read("id/direktorat/linjamsos/index.html");
    assert!(
        page.contains(
            r#"<h1 data-pagefind-meta="title">Ditjen Perlindungan dan Jaminan Sosial</h1>"#
        ),
        "{page}"
    );
    assert_eq!(listed(&page), ["/id/berita/linjamsos/"]);
    // No page and no message: the key itself.
    let event = site.read("id/kegiatan/bimtek-2019/index.html");
    assert!(event.contains(r#"<h1 data-pagefind-meta="title">bimtek-2019</h1>"#));
}

#[test]
fn a_term_with_a_page_in_one_language_links_across_languages() {
    let site = built();
    let id = site.read("id/direktorat/rehsos/index.html");
    let en = site.read("en/directorates/rehsos/index.html");
    assert!(id.contains("Hanya dalam bahasa Indonesia."));
    assert!(
        en.contains(
            r#"<h1 data-pagefind-meta="title">Directorate General of Social Rehabilitation</h1>"#
        ),
        "{en}"
    );
    for html in [&id, &en] {
        let alt = alternates(html);
        assert_eq!(alt["id"], "https://example.org/id/direktorat/rehsos/");
        assert_eq!(alt["en"], "https://example.org/en/directorates/rehsos/");
    }
    assert!(
        id.contains(r#"<a href="/en/directorates/rehsos/" hreflang="en" lang="en">English</a>"#)
    );
}

#[test]
fn taxonomy_indexes_list_every_term_with_name_and_count() {
    let site = built();
    let directorates = site.read("en/directorates/index.html");
    let names: Vec<&str> = directorates
        .split("<li>\n<a href=\"")
        .skip(1)
        .map(|rest| between(rest, "\">", "</a>"))
        .collect();
    assert_eq!(
        names,
        [
            "Directorate General of Social Empowerment",
            "Directorate General of Social Rehabilitation",
            "Ditjen Perlindungan dan Jaminan Sosial",
        ]
    );
    assert!(directorates.contains("3 news items"));
    assert!(directorates.contains("1 news item<"));
    // Events: by date, newest first, with place; a bare key last.
    let events = site.read("id/kegiatan/index.html");
    let raker = events.find("/id/kegiatan/raker-2020/").unwrap();
    let fgd = events.find("/id/kegiatan/fgd-2020/").unwrap();
    let bimtek = events.find("/id/kegiatan/bimtek-2019/").unwrap();
    assert!(raker < fgd && fgd < bimtek);
    assert!(events.contains(
        r#"<span class="place">Bekasi</span>, <time datetime="2020-07-15">15 Juli 2020</time>"#
    ));
}

#[test]
fn tags_have_an_index_and_pages_named_by_fluent() {
    let site = built();
    let tags = site.read("en/topics/index.html");
    assert!(
        tags.contains(r#"<a href="/en/topics/psm/">Community Social Workers</a>"#),
        "{tags}"
    );
    let psm = site.read("id/topik/psm/index.html");
    assert!(psm.contains(r#"<h1 data-pagefind-meta="title">Pekerja Sosial Masyarakat</h1>"#));
    assert!(psm.contains("3 berita"));
}

#[test]
fn the_archive_has_a_page_per_year_and_the_news_list_links_them() {
    let site = built();
    let list = site.read("id/berita/index.html");
    let years = between(&list, r#"<nav class="years""#, "</nav>");
    let order: Vec<&str> = years
        .split("<li><a href=\"")
        .skip(1)
        .map(|r| between(r, "\">", "</a>"))
        .collect();
    assert_eq!(order, ["2021", "2020", "2019"]);
    let y2020 = site.read("id/berita/2020/index.html");
    assert!(y2020.contains("<h1>Berita tahun 2020</h1>"));
    assert_eq!(
        listed(&y2020),
        ["/en/news/lks/", "/id/berita/psm/", "/id/berita/fgd/"]
    );
    assert!(!site.exists("id/berita/2020/page/2/index.html"));
    assert!(
        site.read("en/news/2019/index.html")
            .contains("<h1>News from 2019</h1>")
    );
}

#[test]
fn untranslated_items_are_listed_and_marked_by_default() {
    let site = built();
    let psm = site.read("en/topics/psm/index.html");
    assert!(psm.contains("3 news items"), "{psm}");
    assert_eq!(
        listed(&psm),
        ["/id/berita/psm/", "/en/news/fgd/", "/en/news/bimtek/"]
    );
    assert!(psm.contains(
        r#"<a href="/id/berita/psm/" lang="id" hreflang="id">PSM harus profesional</a>"#
    ));
    assert!(psm.contains(r#"<span class="untranslated">Only in Indonesian</span>"#));
    let rehsos = site.read("id/direktorat/rehsos/index.html");
    assert!(rehsos.contains("Hanya dalam bahasa Inggris"), "{rehsos}");
}

#[test]
fn untranslated_hide_leaves_them_out_of_lists_and_counts() {
    let site = Site::fixture("indexes");
    site.write(
        "site.yaml",
        "title: T\nlanguages: [id, en]\npaginate: 2\nuntranslated: hide\n",
    );
    site.build_ok();
    let psm = site.read("en/topics/psm/index.html");
    assert!(psm.contains("2 news items"));
    assert_eq!(listed(&psm), ["/en/news/fgd/", "/en/news/bimtek/"]);
    // Exactly `paginate` items: one page.
    assert!(!site.exists("en/topics/psm/page/2/index.html"));
    assert!(!psm.contains("untranslated"));
    let rehsos = site.read("id/direktorat/rehsos/index.html");
    assert!(rehsos.contains("0 berita"));
}

// #16 point 16: with `untranslated: hide`, a tag of only Indonesian news
// has nothing to list in English, so it has no English page, no row in
// the English index, no alternate and no sitemap entry there.
#[test]
fn untranslated_hide_leaves_out_term_pages_with_nothing_to_list() {
    let site = Site::fixture("indexes");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguages: [id, en]\npaginate: 2\nuntranslated: hide\n",
    );
    site.build_ok();
    let lks = site.read("id/topik/lks/index.html");
    assert!(lks.contains("1 berita"), "{lks}");
    assert!(!site.exists("en/topics/lks/index.html"));
    let alternates = alternates(&lks);
    assert!(!alternates.contains_key("en"), "{alternates:?}");
    assert!(!lks.contains("/en/topics/lks/"));
    assert!(
        lks.contains(r#"<a class="missing" href="/en/topics/" hreflang="en" lang="en">English <span class="missing-note">(Not yet in English: see all topics)</span>"#),
        "{lks}"
    );
    let index = site.read("en/topics/index.html");
    assert!(!index.contains("/en/topics/lks/"), "{index}");
    assert!(!index.contains("0 news"), "{index}");
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("https://example.org/id/topik/lks/"));
    assert!(!sitemap.contains("/en/topics/lks/"), "{sitemap}");
    // A term with a page of its own keeps it, news or none.
    assert!(
        site.read("id/direktorat/rehsos/index.html")
            .contains("0 berita")
    );
}

#[test]
fn news_items_link_their_terms_and_credits() {
    let site = built();
    let en = site.read("en/news/fgd/index.html");
    assert!(en.contains(r#"<dt>Directorate</dt><dd><a href="/en/directorates/dayasos/">Directorate General of Social Empowerment</a></dd>"#));
    assert!(en.contains(
        r#"<dt>Event</dt><dd><a href="/en/events/fgd-2020/">Social Workers FGD</a></dd>"#
    ));
    assert!(en.contains(r#"<li><a href="/en/programs/atensi/">ATENSI</a></li>"#));
    assert!(en.contains(r#"<li><a href="/en/topics/psm/">Community Social Workers</a></li>"#));
}

#[test]
fn the_language_home_shows_news_programs_directorates_and_events() {
    let site = built();
    let home = site.read("id/index.html");
    assert!(home.contains(r#"<a href="/id/berita/linjamsos/">Bansos 2021</a>"#));
    assert!(home.contains(r#"<a href="/id/program/atensi/">ATENSI</a>"#));
    assert!(home.contains(r#"<a href="/id/direktorat/dayasos/">Ditjen Pemberdayaan Sosial</a>"#));
    assert!(home.contains(r#"<li data-date="2020-07-15">"#));
    assert!(home.contains(r#"id="upcoming-events""#));
}

// #16 point 7: the key of a term page is its file name; `translation_key`
// only pairs the files, so the page stays with its news and no stub
// appears at the key the news items name.
#[test]
fn a_translation_key_on_a_term_page_only_pairs_the_files() {
    let site = Site::fixture("indexes");
    for lang in ["id", "en"] {
        let path = format!("content/directorates/dayasos.{lang}.md");
        let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
        site.write(
            &path,
            &text.replacen("---\n", "---\ntranslation_key: dsos\n", 1),
        );
    }
    site.build_ok();
    let page = site.read("id/direktorat/dayasos/index.html");
    assert!(page.contains("<p>Teks direktorat.</p>"), "{page}");
    assert!(page.contains("3 berita"), "{page}");
    assert!(!site.exists("id/direktorat/dsos/index.html"));
    let check = site.run(&["check"]);
    assert!(
        !check.stderr.contains("dayasos.id.md or"),
        "{}",
        check.stderr
    );
}
