//! URLs: the one place that says where each page lives (DESIGN.md,
//! "URLs"). Paths here are site paths without the `base_url` path; `href`
//! adds it for links, `absolute` adds the whole base URL.

use crate::config::SiteConfig;
use crate::model::{LangIdx, Page, Section, Segment};

/// `/<lang>/`
pub fn home(config: &SiteConfig, lang: LangIdx) -> String {
    format!("/{}/", config.lang_code(lang))
}

/// `/<lang>/<segment>/`: a section's list, or a taxonomy's index.
pub fn segment_index(config: &SiteConfig, lang: LangIdx, segment: Segment) -> String {
    format!(
        "/{}/{}/",
        config.lang_code(lang),
        config.segment(segment, lang)
    )
}

/// Page `number` (1-based) of a paginated list whose first page is `first`.
pub fn paginated(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{number}/")
    }
}

/// A term page: `/<lang>/<segment>/<key>/`.
pub fn term(config: &SiteConfig, lang: LangIdx, segment: Segment, key: &str) -> String {
    format!(
        "/{}/{}/{key}/",
        config.lang_code(lang),
        config.segment(segment, lang)
    )
}

/// The URL of a content page.
pub fn page(config: &SiteConfig, page: &Page) -> String {
    let lang = config.lang_code(page.lang);
    match page.section.segment() {
        Some(segment) => format!(
            "/{lang}/{}/{}/",
            config.segment(segment, page.lang),
            page.slug
        ),
        None => format!("/{lang}/{}/", page.slug),
    }
}

/// The list a reader lands on when a page has no translation: the
/// section's list in that language, or its home for plain pages.
pub fn section_fallback(config: &SiteConfig, lang: LangIdx, section: Section) -> String {
    match section.segment() {
        Some(segment) => segment_index(config, lang, segment),
        None => home(config, lang),
    }
}

/// `/<lang>/atom.xml`: the language's news feed.
pub fn feed(config: &SiteConfig, lang: LangIdx) -> String {
    format!("{}atom.xml", home(config, lang))
}

/// `/<lang>/<directorates>/<key>/atom.xml`: a directorate's news feed.
pub fn directorate_feed(config: &SiteConfig, lang: LangIdx, key: &str) -> String {
    format!("{}atom.xml", term(config, lang, Segment::Directorates, key))
}

/// `/files/<path under content/>` for a non-Markdown content file,
/// percent-encoded where a URL needs it (`foto fgd.jpg` → `foto%20fgd.jpg`).
pub fn content_asset(content_path: &str) -> String {
    format!("/files/{}", encode_path(content_path))
}

/// Percent-encodes what may not stand in a URL path; `/` and unreserved
/// characters stay.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A link as written into HTML: the site path under the `base_url` path.
pub fn href(config: &SiteConfig, path: &str) -> String {
    format!("{}{path}", config.base_path())
}

/// The absolute URL, when the site has a `base_url`, with what may not
/// stand in one percent-encoded (`/id/beritá/` → `/id/berit%C3%A1/`):
/// sitemaps, feeds' ids and crawlers read it as it is, where a browser
/// would encode an `href` itself. A `%` stays: paths of copied files
/// are encoded already.
pub fn absolute(config: &SiteConfig, path: &str) -> Option<String> {
    config.base_url.as_ref().map(|base| {
        let mut out = String::with_capacity(base.origin.len() + base.path.len() + path.len());
        out.push_str(&base.origin);
        for byte in base.path.bytes().chain(path.bytes()) {
            let kept = byte.is_ascii_graphic()
                && !matches!(
                    byte,
                    b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
                );
            if kept {
                out.push(byte as char);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    })
}

/// The output file of a URL path: `<url>index.html`, or the path itself
/// when it names a file (`/404.html`).
pub fn output_file(path: &str) -> String {
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_files() {
        assert_eq!(paginated("/id/berita/", 1), "/id/berita/");
        assert_eq!(paginated("/id/berita/", 3), "/id/berita/page/3/");
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(output_file("/en/news/x/"), "en/news/x/index.html");
        assert_eq!(output_file("/404.html"), "404.html");
    }

    #[test]
    fn absolute_urls_are_escaped_once() {
        let config =
            SiteConfig::parse("title: T\nbase_url: https://h.example/warta/\n", None).unwrap();
        assert_eq!(
            absolute(&config, "/id/beritá/a b/").as_deref(),
            Some("https://h.example/warta/id/berit%C3%A1/a%20b/")
        );
        assert_eq!(
            absolute(&config, &content_asset("news/foto fgd.jpg")).as_deref(),
            Some("https://h.example/warta/files/news/foto%20fgd.jpg")
        );
    }

    #[test]
    fn base_path_prefixes_links() {
        let config =
            SiteConfig::parse("title: T\nbase_url: https://h.example/warta/\n", None).unwrap();
        assert_eq!(href(&config, "/id/"), "/warta/id/");
        assert_eq!(
            absolute(&config, "/id/").unwrap(),
            "https://h.example/warta/id/"
        );
    }
}
