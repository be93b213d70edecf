//! The pages that frame the site: each language's home, the root
//! language chooser and the 404 page.

use std::collections::BTreeMap;

use super::pages::{Rendered, Shared};
use super::views::*;
use crate::link::taxonomies::Taxonomy;
use crate::link::urls;
use crate::model::{LangIdx, Segment};
use crate::plan::HOME_LATEST;

/// Events on a language home (upcoming and recent together).
const HOME_EVENTS: usize = 8;

impl Shared<'_> {
    /// The language home: latest news, programs, directorates and events.
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
            lang,
            &self.frames[lang].title,
            Some(self.text(lang, "home-intro")),
            &path,
            alternates,
        );
        let index_href = |segment: Segment| self.href(&urls::segment_index(config, lang, segment));
        let home = HomeView {
            latest: linked.news[lang]
                .iter()
                .take(HOME_LATEST)
                .map(|&e| self.summary(lang, e))
                .collect(),
            news_href: index_href(Segment::News),
            programs: self.term_summaries(Taxonomy::Program, lang),
            programs_href: index_href(Segment::Programs),
            directorates: self.term_summaries(Taxonomy::Directorate, lang),
            directorates_href: index_href(Segment::Directorates),
            events: self
                .term_summaries(Taxonomy::Event, lang)
                .into_iter()
                .take(HOME_EVENTS)
                .collect(),
            events_href: index_href(Segment::Events),
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
        let head = self.head(lang, &self.frames[lang].title, None, "/", alternates);
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
        let mut head = self.head(
            lang,
            &self.text(lang, "not-found-title"),
            None,
            "/404.html",
            Vec::new(),
        );
        // The 404 page stands in for any URL: it has no canonical one.
        head.canonical = None;
        head.path = String::new();
        let choices = self.choices();
        let html = self.render("404.html", lang, head, switcher, |c| {
            c.insert("choices", &choices)
        })?;
        Ok(("404.html".to_string(), html, Vec::new()))
    }
}

impl Shared<'_> {
    /// `/<lang>/<search>/`: the search box and, with JavaScript, results
    /// from pagefind's index of that language.
    pub fn search_page(&self, lang: LangIdx) -> Rendered {
        let config = self.linked().config();
        let path = urls::segment_index(config, lang, Segment::Search);
        let versions: Vec<Option<String>> = (0..config.languages.len())
            .map(|l| Some(urls::segment_index(config, l, Segment::Search)))
            .collect();
        let (alternates, switcher) = self.translations(
            lang,
            &versions,
            |l| urls::segment_index(config, l, Segment::Search),
            "search",
        );
        let title = self.text(lang, "search-title");
        let head = self.head(lang, &title, None, &path, alternates);
        let messages = serde_json::json!({
            "results": self.plural_templates(lang, "search-results"),
            "none": self.text(lang, "search-none"),
            "searching": self.text(lang, "search-searching"),
            "unavailable": self.text(lang, "search-unavailable"),
        });
        let bundles: Vec<String> = crate::plan::search::folders(self.linked(), lang)
            .iter()
            .map(|folder| self.href(&format!("/{folder}")))
            .collect();
        let view = SearchView {
            title,
            bundles_json: serde_json::to_string(&bundles).unwrap_or_default(),
            base_href: self.href("/"),
            script_href: self.href("/warta-search.js"),
            messages_json: messages.to_string(),
        };
        let html = self.render("search.html", lang, head, switcher, |c| {
            c.insert("search", &view)
        })?;
        Ok((urls::output_file(&path), html, Vec::new()))
    }

    /// A message with `$count` formatted once per plural category of the
    /// language, with `{count}` where the number goes, so that a script
    /// can pick the form with `Intl.PluralRules` as Fluent would.
    fn plural_templates(&self, lang: LangIdx, key: &str) -> BTreeMap<&'static str, String> {
        use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
        let code = self.linked().config().lang_code(lang);
        let langid: unic_langid::LanguageIdentifier = code.parse().unwrap_or_default();
        let rules = PluralRules::create(langid, PluralRuleType::CARDINAL).ok();
        let mut out = BTreeMap::new();
        // The first number of each category stands for the category.
        for sample in (0..=200u32).rev() {
            let category = rules
                .as_ref()
                .and_then(|r| r.select(sample).ok())
                .unwrap_or(PluralCategory::OTHER);
            let name = match category {
                PluralCategory::ZERO => "zero",
                PluralCategory::ONE => "one",
                PluralCategory::TWO => "two",
                PluralCategory::FEW => "few",
                PluralCategory::MANY => "many",
                PluralCategory::OTHER => "other",
            };
            let mut args = fluent_bundle::FluentArgs::new();
            args.set("count", sample);
            let text = self.renderer.locales.format(lang, key, Some(&args)).0;
            out.insert(name, text.replacen(&sample.to_string(), "{count}", 1));
        }
        out
    }
}
