//! Atom feeds: the latest news of each language, and of each directorate
//! in each language. Written only when the site has a `base_url`, since
//! feed readers need absolute URLs.

use std::fmt::Write;

use super::pages::{Generated, Shared};
use super::xml::escape;
use crate::i18n::dates;
use crate::link::taxonomies::Taxonomy;
use crate::link::{ListEntry, urls};
use crate::model::{LangIdx, Segment};

impl Shared<'_> {
    /// `/<lang>/atom.xml`.
    pub fn language_feed(&self, lang: LangIdx) -> Generated {
        let linked = self.linked();
        let config = linked.config();
        let title = self.feed_title(lang, None);
        let path = urls::feed(config, lang);
        let list = urls::segment_index(config, lang, Segment::News);
        (
            urls::output_file(&path),
            self.feed(lang, &title, &path, &list, &linked.news[lang]),
        )
    }

    /// `/<lang>/<directorates>/<key>/atom.xml`.
    pub fn directorate_feed(&self, term: usize, lang: LangIdx) -> Generated {
        let linked = self.linked();
        let config = linked.config();
        let index = linked.taxonomy(Taxonomy::Directorate);
        let key = &index.terms[term].key;
        let title = self.feed_title(
            lang,
            Some(&self.term_name(Taxonomy::Directorate, term, lang)),
        );
        let path = urls::directorate_feed(config, lang, key);
        let page = linked.term_url(Taxonomy::Directorate, key, lang);
        let entries = &index.terms[term].entries[lang];
        (
            urls::output_file(&path),
            self.feed(lang, &title, &path, &page, entries),
        )
    }

    /// A feed of the items of `entries` that are in `lang` (not the
    /// untranslated ones shown in its lists), newest first.
    fn feed(
        &self,
        lang: LangIdx,
        title: &str,
        path: &str,
        page: &str,
        entries: &[ListEntry],
    ) -> String {
        let linked = self.linked();
        let config = linked.config();
        let pages = &linked.site.content.pages;
        let absolute = |p: &str| urls::absolute(config, p).unwrap_or_else(|| p.to_string());
        let base = absolute("/");
        let items: Vec<usize> = entries
            .iter()
            .filter(|e| !e.foreign)
            .take(config.feed_entries)
            .map(|e| e.page)
            .collect();
        let changed = |id: usize| pages[id].front.updated.or(pages[id].front.date);
        let updated = items.iter().filter_map(|&id| changed(id)).max();

        let mut xml = String::with_capacity(4096 + items.len() * 8192);
        let _ = write!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">\n",
            escape(config.lang_code(lang)),
            escape(&base)
        );
        let _ = writeln!(xml, "<title>{}</title>", escape(title));
        let _ = writeln!(xml, "<id>{}</id>", escape(&absolute(path)));
        let _ = writeln!(
            xml,
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            escape(&absolute(path))
        );
        let _ = writeln!(
            xml,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&absolute(page))
        );
        let _ = writeln!(
            xml,
            "<updated>{}</updated>",
            updated.map_or_else(epoch, dates::rfc3339)
        );
        let _ = writeln!(
            xml,
            "<author><name>{}</name></author>",
            escape(&self.frames[lang].title)
        );
        let _ = writeln!(xml, "<generator>warta</generator>");
        for id in items {
            let page = &pages[id];
            let front = &page.front;
            let url = absolute(&linked.urls[id]);
            let (body, _) = self.body_html(id);
            let _ = writeln!(xml, "<entry>");
            let _ = writeln!(xml, "<title>{}</title>", escape(&front.title));
            let _ = writeln!(
                xml,
                "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                escape(&url)
            );
            for (other, version) in linked.translations_of(id).iter().enumerate() {
                if let Some(version) = version
                    && *version != id
                {
                    let _ = writeln!(
                        xml,
                        "<link rel=\"alternate\" type=\"text/html\" hreflang=\"{}\" href=\"{}\"/>",
                        escape(config.lang_code(other)),
                        escape(&absolute(&linked.urls[*version]))
                    );
                }
            }
            let _ = writeln!(xml, "<id>{}</id>", escape(&url));
            if let Some(date) = front.date {
                let _ = writeln!(xml, "<published>{}</published>", dates::rfc3339(date));
            }
            let _ = writeln!(
                xml,
                "<updated>{}</updated>",
                changed(id).map_or_else(epoch, dates::rfc3339)
            );
            for name in &front.credits.writer {
                let _ = writeln!(xml, "<author><name>{}</name></author>", escape(name));
            }
            let credits = &front.credits;
            let contributors = credits.editor.iter().chain(&credits.translator);
            for name in contributors.chain(&credits.photographer) {
                let _ = writeln!(
                    xml,
                    "<contributor><name>{}</name></contributor>",
                    escape(name)
                );
            }
            for taxonomy in Taxonomy::ALL {
                for key in taxonomy.terms_of(front) {
                    if let Some(term) = linked.taxonomy(taxonomy).find(key) {
                        let _ = writeln!(
                            xml,
                            "<category term=\"{}\" label=\"{}\" scheme=\"{}\"/>",
                            escape(key),
                            escape(&self.term_name(taxonomy, term, lang)),
                            escape(&absolute(&urls::segment_index(
                                config,
                                lang,
                                taxonomy.segment()
                            )))
                        );
                    }
                }
            }
            if let Some(summary) = &self.linked().site.content.pages[id].summary {
                let _ = writeln!(xml, "<summary>{}</summary>", escape(summary));
            }
            let _ = writeln!(xml, "<content type=\"html\">{}</content>", escape(&body));
            let _ = writeln!(xml, "</entry>");
        }
        xml.push_str("</feed>\n");
        xml
    }
}

/// `updated` is required even for an empty feed: a fixed time keeps the
/// output the same from build to build.
fn epoch() -> String {
    "1970-01-01T00:00:00Z".to_string()
}
