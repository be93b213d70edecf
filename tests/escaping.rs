//! Text that authors write is escaped wherever it lands: HTML text,
//! attributes, Atom feeds, the sitemap, scripts' JSON and `--format json`.
//! (Markdown bodies may hold raw HTML on purpose; see SECURITY.md.)

mod common;

use common::{Site, tree};

const SITE: &str =
    "title: Warta \"Uji\" & <Co>\nbase_url: https://example.org/\nlanguages: [id, en]\n";

const EVIL_TITLE: &str = r#"<script>alert("judul")</script> & 'kutip'"#;

fn evil_site() -> Site {
    let site = Site::new(SITE);
    site.write(
        "content/news/2020-01-02-jahat.id.md",
        concat!(
            "---\n",
            "title: '<script>alert(\"judul\")</script> & ''kutip'''\n",
            "date: 2020-01-02\n",
            "directorate: dayasos\n",
            "summary: '<script>alert(\"ringkasan\")</script> & \"kutip\"'\n",
            "place: '<b onmouseover=\"x()\">Bekasi</b> & Kota'\n",
            "writer: '<i>Penulis</i> & \"Kawan\"'\n",
            "---\n\n",
            "Isi biasa.\n",
        ),
    );
    site
}

/// The raw forms that must never reach the output.
const RAW: &[&str] = &[
    "<script>alert(",
    "<b onmouseover",
    "<i>Penulis",
    "<Co>",
    "alert(\"",
];

fn assert_no_raw(path: &str, text: &str) {
    for raw in RAW {
        assert!(!text.contains(raw), "{path} holds the raw `{raw}`:\n{text}");
    }
}

#[test]
fn front_matter_text_is_escaped_in_every_output_file() {
    let site = evil_site();
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let files = tree(&site.output());
    let mut checked = 0;
    for (path, bytes) in &files {
        if let Ok(text) = std::str::from_utf8(bytes) {
            assert_no_raw(path, text);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} text files");

    let page = site.read("id/berita/jahat/index.html");
    // Text content.
    assert!(
        page.contains("&lt;script&gt;alert(&quot;judul&quot;)&lt;&#x2F;script&gt; &amp;")
            || page.contains("&lt;script&gt;alert(&quot;judul&quot;)&lt;/script&gt; &amp;"),
        "{page}"
    );
    assert!(
        page.contains("&lt;b onmouseover=&quot;x()&quot;&gt;Bekasi"),
        "{page}"
    );
    assert!(
        page.contains("&lt;i&gt;Penulis&lt;/i&gt; &amp; &quot;Kawan&quot;"),
        "{page}"
    );
    // Attributes: the title and summary in meta tags stay inside their quotes.
    let og_title = common::between(&page, "property=\"og:title\" content=\"", "\"");
    assert!(
        og_title.starts_with("&lt;script&gt;alert(&quot;judul&quot;)"),
        "{og_title}"
    );
    let description = common::between(&page, "name=\"description\" content=\"", "\"");
    assert!(description.contains("&quot;kutip&quot;"), "{description}");
    // The site title, in every page's <title>.
    assert!(
        page.contains("Warta &quot;Uji&quot; &amp; &lt;Co&gt;"),
        "{page}"
    );

    // Feeds: XML-escaped text, never CDATA tricks.
    let feed = site.read("id/atom.xml");
    assert!(
        feed.contains("<title>&lt;script&gt;alert(&quot;judul&quot;)&lt;/script&gt; &amp; &apos;kutip&apos;</title>")
            || feed.contains("<title>&lt;script&gt;alert(\"judul\")&lt;/script&gt; &amp; 'kutip'</title>"),
        "{feed}"
    );
    assert!(!feed.contains(EVIL_TITLE), "{feed}");
}

#[test]
fn urls_from_base_url_are_escaped_in_the_sitemap_feeds_and_script_json() {
    let site = evil_site();
    let base = "https://example.org/a&b\"</script>/";
    let run = site.run(&["build", "--no-search", "--base-url", base]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let sitemap = site.read("sitemap.xml");
    assert!(
        // Percent-encoded as a URL (`"` and `<`), then XML-escaped (`&`).
        sitemap.contains("<loc>https://example.org/a&amp;b%22%3C/script%3E/id/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("a&b"), "{sitemap}");
    let feed = site.read("id/atom.xml");
    assert!(!feed.contains("a&b"), "{feed}");
    // The language chooser embeds its choices as JSON in a script: no
    // `</script>` may close it early.
    let root = site.read("index.html");
    let script = common::between(&root, "var homes = ", ";");
    assert!(!script.contains('<') && !script.contains('&'), "{script}");
    let homes: serde_json::Value = serde_json::from_str(script).expect("valid JSON");
    assert!(homes.to_string().contains("a&b\\\"</script>"), "{homes}");
    // HTML attributes carry the escaped form: an absolute URL is
    // percent-encoded, then `&` is escaped for HTML.
    let page = site.read("id/berita/jahat/index.html");
    assert!(
        page.contains("href=\"https://example.org/a&amp;b%22%3C/script%3E/id/berita/jahat/\""),
        "{page}"
    );
}

#[test]
fn json_output_is_valid_json_whatever_the_text() {
    let site = evil_site();
    site.write(
        "content/news/2020-01-03-tautan.id.md",
        "---\ntitle: Tautan\ndate: 2020-01-03\ndirectorate: dayasos\n---\n\nLihat [ini](hilang&\"x\"<.md).\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let text = report.to_string();
    assert!(text.contains("hilang&\\\"x\\\"<.md"), "{text}");

    let run = site.run(&["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert!(
        status.to_string().contains("<script>alert(\\\"judul\\\")"),
        "{status}"
    );
}

#[test]
fn raw_html_false_keeps_markup_of_the_body_out_of_the_site() {
    let site = Site::new(&format!("{SITE}raw_html: false\n"));
    site.write(
        "content/news/2020-01-04-html.id.md",
        "---\ntitle: HTML\ndate: 2020-01-04\ndirectorate: dayasos\n---\n\nTeks.\n\n<script>alert(1)</script>\n",
    );
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_error_line(&[
        "warning: content/news/2020-01-04-html.id.md:9:1:",
        "raw HTML is left out",
    ]);
    let page = site.read("id/berita/html/index.html");
    assert!(!page.contains("alert(1)"), "{page}");
    assert!(page.contains("Teks."), "{page}");

    site.write(
        "content/news/2020-01-04-html.id.md",
        "---\ntitle: HTML\ndate: 2020-01-04\ndirectorate: dayasos\n---\n\n[klik](javascript:alert(1))\n",
    );
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.assert_error_line(&[
        "error: content/news/2020-01-04-html.id.md:7:1:",
        "runs a script",
    ]);
}

/// A NUL in the first paragraph and a byte order mark inside a title
/// never reach a page.
#[test]
fn control_characters_and_byte_order_marks_stay_out_of_pages() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/news/2020-10-01-nul.id.md",
        "---\ntitle: \"Judul\u{feff} Baru\"\ndate: 2020-10-01\ndirectorate: dayasos\n---\n\nAwal\0 paragraf.\n\nLain.\n",
    );
    // Without search: the index's parts are compressed, binary.
    let run = site.run(&["build", "--no-search"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = site.read("id/berita/nul/index.html");
    assert!(page.contains("Judul Baru"), "{page}");
    // Photos and their versions are binary.
    let text = |path: &str| ![".jpg", ".png", ".webp"].iter().any(|e| path.ends_with(e));
    for (path, bytes) in common::tree(&site.output()) {
        if !text(&path) {
            continue;
        }
        assert!(!bytes.contains(&0), "{path} holds a NUL byte");
        assert!(
            !String::from_utf8_lossy(&bytes).contains('\u{feff}'),
            "{path} holds a byte order mark"
        );
    }
}

#[test]
fn non_ascii_urls_are_percent_encoded_wherever_they_are_absolute() {
    let site = Site::new(SITE);
    site.write(
        "content/news/kabar.id.md",
        "---\ntitle: Kabar\ndate: 2020-01-02\ndirectorate: dayasos\nslug: beritá-baru\n---\n\nIsi.\n",
    );
    site.build_ok();
    let escaped = "https://example.org/id/berita/berit%C3%A1-baru/";
    let page = site.read("id/berita/beritá-baru/index.html");
    assert!(
        page.contains(&format!("<link rel=\"canonical\" href=\"{escaped}\">")),
        "{page}"
    );
    assert!(
        page.contains(&format!("content=\"{escaped}\"")),
        "og:url: {page}"
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(&format!("<loc>{escaped}</loc>")),
        "{sitemap}"
    );
    let feed = site.read("id/atom.xml");
    assert!(feed.contains(&format!("<id>{escaped}</id>")), "{feed}");
    for text in [&page, &sitemap, &feed] {
        assert!(
            !text.contains("https://example.org/id/berita/beritá"),
            "{text}"
        );
    }
}
