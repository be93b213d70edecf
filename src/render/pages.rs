//! One function per kind of page: it makes the view structs, picks the
//! template and returns the HTML with its output path.

use std::collections::BTreeMap;

use tera::Context;

use super::views::*;
use super::{Renderer, markdown};
use crate::diagnostics::Diagnostic;
use crate::i18n::dates;
use crate::link::resolve::Resolved;
use crate::link::{ListEntry, urls};
use crate::model::{LangIdx, PageId, Section, Segment};

/// A rendered file: output path, HTML, and problems that did not stop it.
pub type Rendered = Result<(String, String, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Per-build data every page render reads.
pub struct Shared<'a> {
    pub renderer: &'a Renderer<'a>,
    pub summaries: &'a [Option<String>],
    pub frames: &'a [SiteView],
}

/// The frame of one language: title, home, menu.
pub fn site_view(renderer: &Renderer, lang: LangIdx) -> SiteView {
    let linked = renderer.linked;
    let config = linked.config();
    let pages = &linked.site.content.pages;
    let mut menu = vec![LinkView {
        title: renderer.locales.text(lang, "nav-news"),
        href: urls::href(config, &urls::segment_index(config, lang, Segment::News)),
    }];
    menu.extend(linked.menus[lang].iter().map(|&id| LinkView {
        title: pages[id].front.title.clone(),
        href: urls::href(config, &linked.urls[id]),
    }));
    SiteView {
        title: site_title(renderer, lang),
        home_href: urls::href(config, &urls::home(config, lang)),
        css_href: urls::href(config, "/warta.css"),
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
    fn linked(&self) -> &crate::link::LinkedSite {
        self.renderer.linked
    }

    fn text(&self, lang: LangIdx, key: &str) -> String {
        self.renderer.locales.text(lang, key)
    }

    /// A language's name in itself, else its code.
    fn language_name(&self, lang: LangIdx) -> String {
        self.renderer
            .locales
            .own(lang, "language-name")
            .unwrap_or_else(|| self.linked().config().lang_code(lang).to_string())
    }

    /// The name of language `of` in language `in_lang`: Fluent
    /// `language-<code>`, else its name in itself.
    fn language_name_in(&self, in_lang: LangIdx, of: LangIdx) -> String {
        let code = self.linked().config().lang_code(of);
        self.renderer
            .locales
            .own(in_lang, &format!("language-{code}"))
            .unwrap_or_else(|| self.language_name(of))
    }

    fn href(&self, path: &str) -> String {
        urls::href(self.linked().config(), path)
    }

    /// `hreflang` alternates and the switcher, from the URL of this page
    /// in every language (`None` where there is no version).
    fn translations(
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

    fn head(
        &self,
        title: String,
        description: Option<String>,
        path: &str,
        alternates: Vec<AlternateView>,
    ) -> HeadView {
        HeadView {
            title,
            description,
            canonical: urls::absolute(self.linked().config(), path),
            alternates,
            path: self.href(path),
        }
    }

    /// Renders `template` with the frame of `lang` plus `extra` values.
    fn render(
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
    fn summary(&self, lang: LangIdx, entry: ListEntry) -> SummaryView {
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
                .map(|d| dates::long_date(&self.renderer.locales, lang, d))
                .unwrap_or_default(),
            date_iso: date.map(dates::iso_date).unwrap_or_default(),
            place: page.front.place.clone(),
            summary: self.summaries[entry.page].clone(),
            foreign: entry.foreign,
            foreign_note,
        }
    }

    /// A news item, program, directorate, event or other page.
    pub fn content_page(&self, id: PageId) -> super::pages::Rendered {
        let linked = self.linked();
        let config = linked.config();
        let page = &linked.site.content.pages[id];
        let locales = &self.renderer.locales;
        let (body, problems) =
            markdown::to_html(&page.body, &page.source, page.body_line, |dest| {
                linked
                    .targets
                    .resolve(config, &page.source, dest, |target| {
                        linked.urls[target].clone()
                    })
            });
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
            format!("{} | {}", page.front.title, self.frames[page.lang].title),
            self.summaries[id].clone(),
            &linked.urls[id],
            alternates,
        );
        let credits = [
            ("credit-writer", &page.front.credits.writer),
            ("credit-editor", &page.front.credits.editor),
            ("credit-translator", &page.front.credits.translator),
        ]
        .into_iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(key, names)| CreditView {
            label: locales.text(page.lang, key),
            names: names.join(", "),
        })
        .collect();
        let image = page.front.image.as_ref().map(|image| {
            match linked
                .targets
                .resolve(config, &page.source, image, |target| {
                    linked.urls[target].clone()
                }) {
                Ok(Resolved::Internal(href)) => href,
                _ => image.clone(),
            }
        });
        let view = PageView {
            title: page.front.title.clone(),
            body,
            date: page
                .front
                .date
                .map(|d| dates::long_date(locales, page.lang, d.date())),
            date_iso: page.front.date.map(|d| dates::iso_date(d.date())),
            updated: page
                .front
                .updated
                .map(|d| dates::long_date(locales, page.lang, d.date())),
            place: page.front.place.clone(),
            credits,
            image,
            image_alt: page.front.image_alt.clone(),
        };
        let template = if section == Section::News {
            "news-item.html"
        } else {
            "page.html"
        };
        let html = self.render(template, page.lang, head, switcher, |c| {
            c.insert("page", &view)
        })?;
        Ok((urls::output_file(&linked.urls[id]), html, problems))
    }

    /// Page `number` of the news list of `lang`.
    pub fn news_list(&self, lang: LangIdx, number: usize) -> Rendered {
        let linked = self.linked();
        let config = linked.config();
        let per_page = config.paginate;
        let entries = &linked.news[lang];
        let items: Vec<SummaryView> = entries
            .iter()
            .skip((number - 1) * per_page)
            .take(per_page)
            .map(|&e| self.summary(lang, e))
            .collect();
        let total = linked.news_pages(lang);
        let first_of = |l: LangIdx| urls::segment_index(config, l, Segment::News);
        let path = urls::paginated(&first_of(lang), number);
        // The same page number in another language when it has one.
        let versions: Vec<Option<String>> = (0..config.languages.len())
            .map(|other| {
                Some(urls::paginated(
                    &first_of(other),
                    if number <= linked.news_pages(other) {
                        number
                    } else {
                        1
                    },
                ))
            })
            .collect();
        let (alternates, switcher) = self.translations(lang, &versions, first_of, "news");
        let title = self.text(lang, "news-title");
        let page_title = if number > 1 {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("title", title.clone());
            args.set("page", number);
            self.renderer
                .locales
                .format(lang, "page-title-numbered", Some(&args))
                .0
        } else {
            title.clone()
        };
        let head = self.head(
            format!("{page_title} | {}", self.frames[lang].title),
            None,
            &path,
            alternates,
        );
        let list = ListView {
            title: page_title,
            count: entries.len(),
            items,
        };
        let pagination = PaginationView {
            current: number,
            total,
            previous: (number > 1)
                .then(|| self.href(&urls::paginated(&first_of(lang), number - 1))),
            next: (number < total)
                .then(|| self.href(&urls::paginated(&first_of(lang), number + 1))),
        };
        let html = self.render("news-list.html", lang, head, switcher, |c| {
            c.insert("list", &list);
            c.insert("pagination", &pagination);
        })?;
        Ok((urls::output_file(&path), html, Vec::new()))
    }

    /// The language home: latest news.
    pub fn home(&self, lang: LangIdx) -> Rendered {
        let linked = self.linked();
        let config = linked.config();
        let path = urls::home(config, lang);
        let versions: Vec<Option<String>> = (0..config.languages.len())
            .map(|l| Some(urls::home(config, l)))
            .collect();
        let (alternates, switcher) =
            self.translations(lang, &versions, |l| urls::home(config, l), "home");
        let head = self.head(
            self.frames[lang].title.clone(),
            Some(self.text(lang, "home-intro")),
            &path,
            alternates,
        );
        let home = HomeView {
            latest: linked.news[lang]
                .iter()
                .take(config.paginate.min(10))
                .map(|&e| self.summary(lang, e))
                .collect(),
            news_href: self.href(&urls::segment_index(config, lang, Segment::News)),
        };
        let html = self.render("home.html", lang, head, switcher, |c| {
            c.insert("home", &home)
        })?;
        Ok((urls::output_file(&path), html, Vec::new()))
    }

    fn choices(&self) -> Vec<ChoiceView> {
        let config = self.linked().config();
        (0..config.languages.len())
            .map(|lang| ChoiceView {
                lang: config.lang_code(lang).to_string(),
                name: self.language_name(lang),
                href: self.href(&urls::home(config, lang)),
                label: self.text(lang, "root-choose"),
                home_label: self.text(lang, "nav-home"),
            })
            .collect()
    }

    /// `/`: links to every language home, and a script that follows the
    /// browser's preferred language.
    pub fn root(&self) -> Rendered {
        let config = self.linked().config();
        let lang = config.default_language;
        let mut versions: Vec<Option<String>> = (0..config.languages.len())
            .map(|l| Some(urls::home(config, l)))
            .collect();
        let (mut alternates, switcher) =
            self.translations(lang, &versions, |l| urls::home(config, l), "home");
        // x-default is the chooser itself.
        alternates.retain(|a| a.hreflang != "x-default");
        alternates.push(AlternateView {
            hreflang: "x-default".to_string(),
            href: urls::absolute(config, "/").unwrap_or_else(|| self.href("/")),
        });
        versions.clear();
        let head = self.head(self.frames[lang].title.clone(), None, "/", alternates);
        let homes: BTreeMap<String, String> = (0..config.languages.len())
            .map(|l| {
                (
                    config.lang_code(l).to_lowercase(),
                    self.href(&urls::home(config, l)),
                )
            })
            .collect();
        let root = RootView {
            homes_json: script_json(&homes),
            default_json: script_json(&config.lang_code(lang).to_lowercase()),
        };
        let choices = self.choices();
        let html = self.render("root.html", lang, head, switcher, |c| {
            c.insert("root", &root);
            c.insert("choices", &choices);
        })?;
        Ok((urls::output_file("/"), html, Vec::new()))
    }

    /// `/404.html`, in the default language, with a way home in each.
    pub fn not_found(&self) -> Rendered {
        let config = self.linked().config();
        let lang = config.default_language;
        let versions: Vec<Option<String>> = vec![None; config.languages.len()];
        let (_, switcher) = self.translations(lang, &versions, |l| urls::home(config, l), "home");
        let switcher = switcher
            .into_iter()
            .map(|mut e| {
                e.available = true;
                e
            })
            .collect();
        let head = HeadView {
            title: format!(
                "{} | {}",
                self.text(lang, "not-found-title"),
                self.frames[lang].title
            ),
            description: None,
            canonical: None,
            alternates: Vec::new(),
            path: String::new(),
        };
        let choices = self.choices();
        let html = self.render("404.html", lang, head, switcher, |c| {
            c.insert("choices", &choices)
        })?;
        Ok(("404.html".to_string(), html, Vec::new()))
    }
}

/// The `$section` argument of the `translation-missing` message.
fn section_key(section: Section) -> &'static str {
    match section {
        Section::Pages => "other",
        other => other.dir_name(),
    }
}
