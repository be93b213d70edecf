//! One function per kind of page: it makes the view structs, picks the
//! template and returns the HTML with its output path.

use std::sync::{Mutex, OnceLock};

use tera::Context;

use super::body::{lead_image, read_body};
use super::views::*;
use super::{BodyRead, Renderer, markdown};
use crate::diagnostics::Diagnostic;
use crate::i18n::{Found, dates};
use crate::link::taxonomies::Taxonomy;
use crate::link::{LinkedSite, ListEntry, urls};
use crate::model::{LangIdx, PageId, Section, Segment};

/// A rendered file: output path, HTML, and problems that did not stop it.
pub type Rendered = Result<(String, String, Vec<Diagnostic>), Vec<Diagnostic>>;

/// A file written by code, not through a template (feeds, sitemap,
/// robots.txt): output path and text. It has no problems to report: the
/// bodies and URLs in it are checked where pages are rendered.
pub type Generated = (String, String);

/// Per-build data every page render reads.
pub struct Shared<'a> {
    pub renderer: &'a Renderer<'a>,
    pub frames: &'a [SiteView],
    /// Each page's date as written in each language, formatted the first
    /// time a list needs it: a news item shows in dozens of lists.
    pub list_dates: &'a [OnceLock<String>],
    /// The bodies this output read, each with the links it resolved, for
    /// the cache (when wanted).
    pub links: Option<Mutex<Vec<BodyRead>>>,
}

/// The frame of one language: title, home, menu.
pub fn site_view(renderer: &Renderer, lang: LangIdx) -> SiteView {
    let linked = renderer.linked;
    let config = linked.config();
    let pages = &linked.site.content.pages;
    let mut menu: Vec<LinkView> = [
        (Segment::News, "nav-news"),
        (Segment::Programs, "programs-title"),
        (Segment::Events, "events-title"),
        (Segment::Directorates, "directorates-title"),
    ]
    .into_iter()
    .map(|(segment, key)| LinkView {
        title: renderer.locales.text(lang, key),
        href: urls::href(config, &urls::segment_index(config, lang, segment)),
    })
    .collect();
    menu.extend(linked.menus[lang].iter().map(|&id| LinkView {
        title: pages[id].front.title.clone(),
        href: urls::href(config, &linked.urls[id]),
    }));
    SiteView {
        title: site_title(renderer, lang),
        home_href: urls::href(config, &urls::home(config, lang)),
        css_href: urls::href(config, "/warta.css"),
        search_href: urls::href(config, &urls::segment_index(config, lang, Segment::Search)),
        menu,
    }
}

/// The site's name in a language: Fluent `site-title` where the site
/// defines it, else `title` of site.yaml.
fn site_title(renderer: &Renderer, lang: LangIdx) -> String {
    let config = renderer.linked.config();
    renderer
        .locales
        .own(lang, "site-title")
        .or_else(|| renderer.locales.own(config.default_language, "site-title"))
        .unwrap_or_else(|| config.title.clone())
}

impl Shared<'_> {
    pub(super) fn linked(&self) -> &LinkedSite {
        self.renderer.linked
    }

    pub(super) fn text(&self, lang: LangIdx, key: &str) -> String {
        self.renderer.locales.text(lang, key)
    }

    /// A language's name in itself, else its code.
    pub(super) fn language_name(&self, lang: LangIdx) -> String {
        self.renderer
            .locales
            .own(lang, "language-name")
            .unwrap_or_else(|| self.linked().config().lang_code(lang).to_string())
    }

    /// The name of language `of` in language `in_lang`: Fluent
    /// `language-<code>`, else its name in itself.
    pub(super) fn language_name_in(&self, in_lang: LangIdx, of: LangIdx) -> String {
        let code = self.linked().config().lang_code(of);
        self.renderer
            .locales
            .own(in_lang, &format!("language-{code}"))
            .unwrap_or_else(|| self.language_name(of))
    }

    pub(super) fn href(&self, path: &str) -> String {
        urls::href(self.linked().config(), path)
    }

    /// `hreflang` alternates and the switcher, from the URL of this page
    /// in every language (`None` where there is no version).
    pub(super) fn translations(
        &self,
        lang: LangIdx,
        versions: &[Option<String>],
        fallback: impl Fn(LangIdx) -> String,
        section: &str,
    ) -> (Vec<AlternateView>, Vec<SwitcherEntry>) {
        let config = self.linked().config();
        let link = |path: &str| urls::absolute(config, path).unwrap_or_else(|| self.href(path));
        let mut alternates = Vec::new();
        let mut switcher = Vec::new();
        for (other, version) in versions.iter().enumerate() {
            let code = config.lang_code(other).to_string();
            if let Some(path) = version {
                alternates.push(AlternateView {
                    hreflang: code.clone(),
                    href: link(path),
                });
            }
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("section", section.to_string());
            // The language the page is missing in, named in that language
            // (or by its code): the note may fall back to another
            // language's text, and must not name that one.
            args.set("language", self.language_name_in(other, other));
            switcher.push(SwitcherEntry {
                lang: code,
                name: self.language_name(other),
                href: self.href(version.as_deref().unwrap_or(&fallback(other))),
                current: other == lang,
                available: version.is_some(),
                missing_note: self
                    .renderer
                    .locales
                    .format(other, "translation-missing", Some(&args))
                    .0,
            });
        }
        if let Some(path) = &versions[config.default_language] {
            alternates.push(AlternateView {
                hreflang: "x-default".to_string(),
                href: link(path),
            });
        }
        (alternates, switcher)
    }

    /// The `<head>` of a page in `lang`: `title` is the page's own title
    /// (the site's title is added), `path` its URL path. Announces the
    /// language's feed; callers add what only they know (images, dates).
    pub(super) fn head(
        &self,
        lang: LangIdx,
        title: &str,
        description: Option<String>,
        path: &str,
        alternates: Vec<AlternateView>,
    ) -> HeadView {
        let config = self.linked().config();
        let site_title = self.frames[lang].title.clone();
        let full_title = if title == site_title {
            site_title.clone()
        } else {
            format!("{title} | {site_title}")
        };
        let own_code = config.lang_code(lang);
        let og_locale_alternates = alternates
            .iter()
            .filter(|a| a.hreflang != "x-default" && a.hreflang != own_code)
            .filter_map(|a| {
                config
                    .lang_index(&a.hreflang)
                    .and_then(|l| self.og_locale(l))
            })
            .collect();
        let mut feeds = Vec::new();
        if config.base_url.is_some() {
            feeds.push(FeedLinkView {
                title: self.feed_title(lang, None),
                href: self.href(&urls::feed(config, lang)),
            });
        }
        HeadView {
            title: full_title,
            page_title: title.to_string(),
            site_title,
            description,
            canonical: urls::absolute(config, path),
            alternates,
            path: self.href(path),
            og_type: "website",
            og_locale: self.og_locale(lang),
            og_locale_alternates,
            image: None,
            image_alt: None,
            image_width: None,
            image_height: None,
            published: None,
            modified: None,
            feeds,
        }
    }

    /// `id_ID` for `id`: a region in the code (`en-GB` → `en_GB`), else the
    /// language's Fluent message `og-locale`.
    fn og_locale(&self, lang: LangIdx) -> Option<String> {
        let code = self.linked().config().lang_code(lang);
        match code.split_once('-') {
            Some((language, region)) if region.len() == 2 => {
                Some(format!("{language}_{}", region.to_uppercase()))
            }
            _ => self.renderer.locales.own(lang, "og-locale"),
        }
    }

    /// The title of the language's feed, or of a directorate's.
    pub fn feed_title(&self, lang: LangIdx, directorate: Option<&str>) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("site", self.frames[lang].title.clone());
        match directorate {
            Some(name) => {
                args.set("name", name.to_string());
                self.renderer
                    .locales
                    .format(lang, "feed-title-directorate", Some(&args))
                    .0
            }
            None => {
                self.renderer
                    .locales
                    .format(lang, "feed-title", Some(&args))
                    .0
            }
        }
    }

    /// Renders `template` with the frame of `lang` plus `extra` values.
    pub(super) fn render(
        &self,
        template: &str,
        lang: LangIdx,
        head: HeadView,
        switcher: Vec<SwitcherEntry>,
        extra: impl FnOnce(&mut Context),
    ) -> Result<String, Vec<Diagnostic>> {
        let mut context = Context::new();
        context.insert("lang", self.linked().config().lang_code(lang));
        context.insert("site", &self.frames[lang]);
        context.insert("head", &head);
        context.insert("switcher", &switcher);
        extra(&mut context);
        self.renderer
            .theme
            .render(template, &context)
            .map_err(|d| vec![d])
    }

    /// A news item as a row of a list in `lang`: dates in the list's
    /// language, title and summary in the item's own.
    pub(super) fn summary(&self, lang: LangIdx, entry: ListEntry) -> SummaryView {
        let linked = self.linked();
        let page = &linked.site.content.pages[entry.page];
        let date = page.front.date.map(|d| d.date());
        let foreign_note = if entry.foreign {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("language", self.language_name_in(lang, page.lang));
            self.renderer
                .locales
                .format(lang, "untranslated-marker", Some(&args))
                .0
        } else {
            String::new()
        };
        SummaryView {
            title: page.front.title.clone(),
            href: self.href(&linked.urls[entry.page]),
            lang: linked.config().lang_code(page.lang).to_string(),
            date: date
                .map(|d| {
                    let slot =
                        &self.list_dates[lang * linked.site.content.pages.len() + entry.page];
                    slot.get_or_init(|| dates::long_date(&self.renderer.locales, lang, d))
                        .clone()
                })
                .unwrap_or_default(),
            date_iso: date.map(dates::iso_date).unwrap_or_default(),
            place: page.front.place.clone(),
            summary: self.linked().site.content.pages[entry.page].summary.clone(),
            foreign: entry.foreign,
            foreign_note,
            thumbnail: super::pictures::thumbnail(linked, entry.page),
        }
    }

    /// The HTML of a page's Markdown, with links resolved, and the
    /// problems found in it.
    /// The lead image's problems come with them: every page that shows
    /// a body reports them, as `check` does.
    pub(super) fn body_html(&self, id: PageId) -> (String, Vec<Diagnostic>) {
        let (html, mut problems) = read_body(
            self.linked(),
            id,
            match &self.links {
                Some(links) => super::body::LinksNoted::Led(links),
                None => super::body::LinksNoted::None,
            },
            |body, source, line, policy, resolve| {
                markdown::to_html_with(body, source, line, policy, resolve)
            },
        );
        problems.extend(lead_image(self.linked(), id).1);
        (html, problems)
    }

    /// A term's name in `lang`: the title of its page in that language,
    /// else the Fluent message `<taxonomy>-<key>`, else the key.
    pub(super) fn term_name(&self, taxonomy: Taxonomy, term: usize, lang: LangIdx) -> String {
        let linked = self.linked();
        let key = &linked.taxonomy(taxonomy).terms[term].key;
        if let Some(page) = linked.term_page(taxonomy, term, lang) {
            return linked.site.content.pages[page].front.title.clone();
        }
        match self
            .renderer
            .locales
            .format(lang, &format!("{}-{key}", taxonomy.key()), None)
        {
            (name, Found::Own | Found::Fallback) => name,
            (_, Found::Missing) => key.clone(),
        }
    }

    /// A link to the term `key` of `taxonomy`, named in `lang`.
    pub(super) fn term_link(
        &self,
        taxonomy: Taxonomy,
        key: &str,
        lang: LangIdx,
    ) -> Option<TermLinkView> {
        let linked = self.linked();
        let term = linked.taxonomy(taxonomy).find(key)?;
        Some(TermLinkView {
            name: self.term_name(taxonomy, term, lang),
            href: self.href(&linked.term_url(taxonomy, key, lang)),
        })
    }

    /// The `<head>`, switcher and alternates of a content page.
    pub(super) fn page_frame(&self, id: PageId, title: &str) -> (HeadView, Vec<SwitcherEntry>) {
        let linked = self.linked();
        let config = linked.config();
        let page = &linked.site.content.pages[id];
        let versions: Vec<Option<String>> = linked
            .translations_of(id)
            .iter()
            .map(|p| p.map(|p| linked.urls[p].clone()))
            .collect();
        let section = page.section;
        let (alternates, switcher) = self.translations(
            page.lang,
            &versions,
            |other| urls::section_fallback(config, other, section),
            section_key(section),
        );
        let head = self.head(
            page.lang,
            title,
            self.linked().site.content.pages[id].summary.clone(),
            &linked.urls[id],
            alternates,
        );
        (head, switcher)
    }

    /// A news item or another page (term pages are rendered with their
    /// news, in `lists`).
    pub fn content_page(&self, id: PageId) -> Rendered {
        let linked = self.linked();
        let config = linked.config();
        let page = &linked.site.content.pages[id];
        let lang = page.lang;
        let locales = &self.renderer.locales;
        let front = &page.front;
        let (body, problems) = self.body_html(id);
        let (mut head, switcher) = self.page_frame(id, &front.title);
        let credits = [
            ("credit-writer", &front.credits.writer),
            ("credit-editor", &front.credits.editor),
            ("credit-translator", &front.credits.translator),
            ("credit-photographer", &front.credits.photographer),
        ]
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(key, names)| CreditView {
            label: locales.text(lang, key),
            names: names.join(", "),
        })
        .collect();
        // Its problems are the body's (`body_html`).
        let (image, _) = lead_image(linked, id);
        if page.section == Section::News {
            head.og_type = "article";
            head.published = front.date.map(dates::rfc3339);
            head.modified = front.updated.map(dates::rfc3339);
        }
        // A photo is shared as its card, at the size networks show.
        let card = image
            .as_deref()
            .and_then(|src| super::pictures::card(linked, src));
        let shared = card.as_ref().map(|(url, _, _)| url).or(image.as_ref());
        if let Some((_, width, height)) = card {
            head.image_width = Some(width);
            head.image_height = Some(height);
        }
        if let (Some(href), Some(base)) = (shared, &config.base_url) {
            // og:image must be absolute: a scheme-relative URL takes the
            // site's scheme, a root-relative one its origin.
            head.image = Some(if href.starts_with("//") {
                let scheme = base.origin.split_once("//").map_or("https:", |(s, _)| s);
                format!("{scheme}{href}")
            } else if href.starts_with('/') {
                format!("{}{href}", base.origin)
            } else {
                href.clone()
            });
            head.image_alt = front.image_alt.clone();
        }
        let links = |taxonomy: Taxonomy| -> Vec<TermLinkView> {
            taxonomy
                .terms_of(front)
                .iter()
                .filter_map(|key| self.term_link(taxonomy, key, lang))
                .collect()
        };
        let view = PageView {
            title: front.title.clone(),
            body,
            date: front
                .date
                .map(|d| dates::long_date(locales, lang, d.date())),
            date_iso: front.date.map(|d| dates::iso_date(d.date())),
            updated: front
                .updated
                .map(|d| dates::long_date(locales, lang, d.date())),
            place: front.place.clone(),
            credits,
            picture: image
                .as_deref()
                .and_then(|src| super::pictures::picture(linked, src))
                .and_then(Result::ok),
            image,
            image_alt: front.image_alt.clone(),
            directorate: links(Taxonomy::Directorate).into_iter().next(),
            event: links(Taxonomy::Event).into_iter().next(),
            programs: links(Taxonomy::Program),
            tags: links(Taxonomy::Tag),
        };
        let template = if page.section == Section::News {
            "news-item.html"
        } else {
            "page.html"
        };
        let html = self.render(template, lang, head, switcher, |c| c.insert("page", &view))?;
        Ok((urls::output_file(&linked.urls[id]), html, problems))
    }
}

/// The `$section` argument of the `translation-missing` message.
pub(super) fn section_key(section: Section) -> &'static str {
    match section {
        Section::Pages => "other",
        other => other.dir_name(),
    }
}
