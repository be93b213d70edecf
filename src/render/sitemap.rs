//! The sitemap, with every page and its translations as `xhtml:link`
//! alternates (the URLs are `link::sitemap`'s), and `/robots.txt` naming
//! it. Written only when the site has a `base_url` (a sitemap holds
//! absolute URLs). A site with more URLs than one file may hold gets a
//! sitemap index at `/sitemap.xml` and the files it names.

use std::fmt::Write;

use super::pages::{Generated, Shared};
use super::xml::escape;
use crate::i18n::dates;
use crate::link::sitemap::{self, SitemapUrl};
use crate::link::urls;
use crate::model::PubDate;

impl Shared<'_> {
    /// File `slice` of the sitemap's `files`: the whole `sitemap.xml`
    /// when there is one file.
    pub fn sitemap(&self, slice: usize, files: usize) -> Generated {
        let all = sitemap::urls(self.linked());
        debug_assert_eq!(all.len(), sitemap::url_count(self.linked()));
        let range = sitemap::slice(all.len(), slice, files);
        let xml = urlset(&all[range], |p| self.absolute(p));
        (sitemap::file_path(slice, files), xml)
    }

    /// `/sitemap.xml` as an index of the sitemap's `files`.
    pub fn sitemap_index(&self, files: usize) -> Generated {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for slice in 0..files {
            let path = format!("/{}", sitemap::file_path(slice, files));
            let _ = writeln!(
                xml,
                "<sitemap><loc>{}</loc></sitemap>",
                escape(&self.absolute(&path))
            );
        }
        xml.push_str("</sitemapindex>\n");
        ("sitemap.xml".to_string(), xml)
    }

    /// `/robots.txt`: everything may be crawled; here is the sitemap.
    pub fn robots(&self) -> Generated {
        let config = self.linked().config();
        let sitemap = urls::absolute(config, "/sitemap.xml").unwrap_or_default();
        (
            "robots.txt".to_string(),
            format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"),
        )
    }

    fn absolute(&self, path: &str) -> String {
        urls::absolute(self.linked().config(), path).unwrap_or_else(|| path.to_string())
    }
}

/// A `<urlset>` of `urls`, made absolute by `absolute`.
fn urlset(urls: &[SitemapUrl], absolute: impl Fn(&str) -> String) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for url in urls {
        let _ = write!(xml, "<url><loc>{}</loc>", escape(&absolute(&url.path)));
        if let Some(date) = url.lastmod {
            let _ = write!(xml, "<lastmod>{}</lastmod>", lastmod(date));
        }
        for (hreflang, path) in &url.alternates {
            let _ = write!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(hreflang),
                escape(&absolute(path))
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// A plain date stays a date (`2020-07-15`); a time keeps its offset.
fn lastmod(date: PubDate) -> String {
    if date.offset_seconds.is_none() && date.local.time() == jiff::civil::Time::midnight() {
        dates::iso_date(date.date())
    } else {
        dates::rfc3339(date)
    }
}
