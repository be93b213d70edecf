//! What hosts, search engines and feed readers get: head metadata,
//! Atom feeds, the sitemap and robots.txt.

mod common;

use common::{Site, between};

fn built() -> Site {
    let site = Site::fixture("bilingual");
    site.build_ok();
    site
}

fn meta<'a>(html: &'a str, attribute: &str, name: &str) -> Vec<&'a str> {
    let needle = format!(r#"<meta {attribute}="{name}" content=""#);
    html.split(&needle)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn every_page_head_carries_title_description_canonical_and_social_cards() {
    let site = built();
    let en = site.read("en/news/fgd/index.html");
    assert!(en.contains("<title>Social Workers FGD in Bekasi | Warta Uji</title>"));
    assert_eq!(
        meta(&en, "name", "description"),
        ["A focus group discussion on social pillars was held in Bekasi."]
    );
    assert!(en.contains(r#"<link rel="canonical" href="https://example.org/en/news/fgd/">"#));
    assert_eq!(meta(&en, "property", "og:type"), ["article"]);
    assert_eq!(
        meta(&en, "property", "og:title"),
        ["Social Workers FGD in Bekasi"]
    );
    assert_eq!(
        meta(&en, "property", "og:url"),
        ["https://example.org/en/news/fgd/"]
    );
    assert_eq!(meta(&en, "property", "og:locale"), ["en_US"]);
    assert_eq!(meta(&en, "property", "og:locale:alternate"), ["id_ID"]);
    assert_eq!(
        meta(&en, "property", "article:published_time"),
        ["2020-07-15T00:00:00Z"]
    );
    assert_eq!(meta(&en, "name", "twitter:card"), ["summary"]);
    assert!(en.contains(r#"<link rel="alternate" type="application/atom+xml" title="Warta Uji: latest news" href="/en/atom.xml">"#));
    let id = site.read("id/berita/fgd/index.html");
    assert_eq!(meta(&id, "property", "og:locale"), ["id_ID"]);
    assert_eq!(meta(&id, "property", "og:locale:alternate"), ["en_US"]);
}

#[test]
fn a_lead_image_becomes_an_absolute_card_image() {
    let site = Site::fixture("bilingual");
    site.write_bytes(
        "content/news/lapangan.jpg",
        &common::photo_sized(800, 600, 5, "jpg"),
    );
    site.write(
        "content/pages/foto.id.md",
        "---\ntitle: Foto\nimage: ../news/lapangan.jpg\nimage_alt: Peserta FGD di Bekasi\n---\n\nFoto.\n",
    );
    site.build_ok();
    let html = site.read("id/foto/index.html");
    // A photo is shared as its card: cut to 1.91 to 1, never enlarged.
    assert_eq!(
        meta(&html, "property", "og:image"),
        ["https://example.org/files/news/lapangan-card.jpg"]
    );
    assert_eq!(meta(&html, "property", "og:image:width"), ["800"]);
    assert_eq!(meta(&html, "property", "og:image:height"), ["420"]);
    assert_eq!(
        meta(&html, "name", "twitter:image"),
        ["https://example.org/files/news/lapangan-card.jpg"]
    );
    let card = image::open(site.output().join("files/news/lapangan-card.jpg")).unwrap();
    assert_eq!((card.width(), card.height()), (800, 420));
    assert_eq!(meta(&html, "name", "twitter:card"), ["summary_large_image"]);
    assert!(
        html.contains(r#"<img src="/files/news/lapangan-800w.jpg" srcset="/files/news/lapangan-480w.jpg 480w, /files/news/lapangan-800w.jpg 800w""#),
        "{html}"
    );
    assert!(
        html.contains(r#"width="800" height="600" alt="Peserta FGD di Bekasi""#),
        "{html}"
    );
}

// #16 point 6: an image on another host is absolute in og:image too.
#[test]
fn a_scheme_relative_lead_image_takes_the_sites_scheme() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/pages/foto.id.md",
        "---\ntitle: Foto\nimage: //cdn.example/foto.jpg\nimage_alt: Peserta\n---\n\nFoto.\n",
    );
    site.build_ok();
    let html = site.read("id/foto/index.html");
    assert_eq!(
        meta(&html, "property", "og:image"),
        ["https://cdn.example/foto.jpg"]
    );
}

#[test]
fn language_feeds_hold_that_languages_news_with_absolute_urls() {
    let site = built();
    let feed = site.read("id/atom.xml");
    assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"id\" xml:base=\"https://example.org/\">"));
    assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/id/atom.xml\"/>"));
    assert!(feed.contains("<updated>2020-09-12T00:00:00Z</updated>"));
    let ids: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| between(e, "<id>", "</id>"))
        .collect();
    assert_eq!(
        ids,
        [
            "https://example.org/id/berita/atensi/",
            "https://example.org/id/berita/renstra/",
            "https://example.org/id/berita/fgd/"
        ]
    );
    let fgd = feed.split("<entry>").nth(3).unwrap();
    assert!(fgd.contains("<author><name>OHH Dayasos</name></author>"));
    assert!(fgd.contains("<contributor><name>Annisa YH</name></contributor>"));
    assert!(fgd.contains("<link rel=\"alternate\" type=\"text/html\" hreflang=\"en\" href=\"https://example.org/en/news/fgd/\"/>"));
    assert!(fgd.contains("<content type=\"html\">&lt;p&gt;Diskusi"));
    // The English feed leaves out the Indonesian-only item its list shows.
    let en = site.read("en/atom.xml");
    assert_eq!(en.matches("<entry>").count(), 2);
    assert!(!en.contains("renstra"));
}

#[test]
fn feeds_are_limited_and_directorates_have_their_own() {
    let site = Site::fixture("bilingual");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nlanguages: [id, en]\nfeed_entries: 1\n",
    );
    site.build_ok();
    assert_eq!(site.read("id/atom.xml").matches("<entry>").count(), 1);
    let directorate = site.read("id/direktorat/dayasos/atom.xml");
    assert!(directorate.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/id/direktorat/dayasos/\"/>"));
    assert_eq!(directorate.matches("<entry>").count(), 1);
    let page = site.read("id/direktorat/dayasos/index.html");
    assert!(page.contains(r#"type="application/atom+xml" title="T: berita dayasos" href="/id/direktorat/dayasos/atom.xml""#), "{page}");
}

#[test]
fn the_sitemap_lists_pages_with_their_translations() {
    let site = built();
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains(r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#));
    let fgd = sitemap
        .lines()
        .find(|l| l.starts_with("<url><loc>https://example.org/id/berita/fgd/</loc>"))
        .expect("fgd in the sitemap");
    assert!(fgd.contains("<lastmod>2020-07-15</lastmod>"));
    assert!(fgd.contains(
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/news/fgd/"/>"#
    ));
    assert!(fgd.contains(r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://example.org/id/berita/fgd/"/>"#));
    // Every HTML page but paginated ones and the 404 page is listed once.
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|r| &r[..r.find('<').unwrap()])
        .collect();
    let mut unique = locs.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), locs.len());
    for html in common::tree(&site.output()).keys().filter(|p| {
        // Paginated pages, the 404 page and search pages are left out.
        p.ends_with(".html")
            && !p.contains("/page/")
            && *p != "404.html"
            && !p.contains("/cari/")
            && !p.contains("/search/")
    }) {
        let url = format!(
            "https://example.org/{}",
            html.trim_end_matches("index.html")
        );
        assert!(locs.contains(&url.as_str()), "{url} is not in the sitemap");
    }
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    );
}

#[test]
fn without_base_url_there_are_no_feeds_and_a_warning_says_why() {
    let site = Site::fixture("bilingual");
    site.write("site.yaml", "title: T\nlanguages: [id, en]\n");
    let run = site.build_ok();
    run.assert_error_line(&["warning: site.yaml: no `base_url`"]);
    assert!(!site.exists("sitemap.xml"));
    assert!(!site.exists("id/atom.xml"));
    assert!(!site.read("id/index.html").contains("canonical"));
}
