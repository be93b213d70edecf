//! UI strings: Fluent bundles per language, and the lookup order of
//! DESIGN.md ("Locales").
//!
//! Built once per build from the built-in messages (compiled in) and the
//! site's `locales/<lang>/*.ftl`, then shared read-only by every render
//! thread (the concurrent bundle is Send + Sync).

pub mod checks;
pub mod coverage;
pub mod dates;
mod entry_lines;
mod template_calls;

use std::borrow::Cow;
use std::collections::BTreeSet;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::load::SourceText;
use crate::model::LangIdx;

type Bundle = FluentBundle<FluentResource>;

const LOCALES: &str = "locales";

/// Built-in messages, per language code.
const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "id",
        "locales/id/ui.ftl",
        include_str!("../../locales/id/ui.ftl"),
    ),
    (
        "en",
        "locales/en/ui.ftl",
        include_str!("../../locales/en/ui.ftl"),
    ),
];

/// Where a message came from, so that callers can warn about fallbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// In the requested language (site or built-in).
    Own,
    /// Not in the requested language; the default language's message.
    Fallback,
    /// Nowhere; the key itself stands in.
    Missing,
}

/// Fluent messages of every site language.
pub struct Locales {
    bundles: Vec<Bundle>,
    /// Message ids per language, built-in and site together.
    ids: Vec<BTreeSet<String>>,
    /// The `.ftl` files of each language (path, text), in the order they
    /// were added, for `message_problems`.
    sources: Vec<Vec<(String, String)>>,
    languages: Vec<String>,
    default_lang: LangIdx,
    /// Warta's built-in English messages, for the languages that have no
    /// messages at all (English is the likeliest to be read).
    english: Bundle,
    english_ids: BTreeSet<String>,
    /// Per language: it has no messages, built-in or site.
    empty: Vec<bool>,
}

impl Locales {
    /// Builds the bundles: built-in messages first, then the site's files,
    /// each message of which overrides a built-in one of the same id.
    /// `site_files` are `(lang, text)` of `locales/<lang>/*.ftl`.
    pub fn new(
        config: &SiteConfig,
        site_files: &[(LangIdx, SourceText)],
    ) -> (Locales, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut bundles = Vec::with_capacity(config.languages.len());
        let mut ids = Vec::with_capacity(config.languages.len());
        let mut sources = Vec::with_capacity(config.languages.len());
        for (lang, code) in config.languages.iter().enumerate() {
            let mut lang_ids = BTreeSet::new();
            let mut lang_sources = Vec::new();
            let langid: LanguageIdentifier = code.parse().unwrap_or_default();
            let mut bundle = Bundle::new_concurrent(vec![langid]);
            // Unicode isolation marks around arguments would end up inside
            // HTML attributes and feeds; our arguments are plain text.
            bundle.set_use_isolating(false);
            // NUMBER(), which Fluent's own examples use for plurals; it
            // cannot fail on a new bundle.
            let _ = bundle.add_builtins();
            for (builtin_code, path, text) in BUILTIN {
                if *builtin_code == code {
                    add(&mut bundle, &mut lang_ids, path, text, &mut problems);
                    lang_sources.push((path.to_string(), text.to_string()));
                }
            }
            for (file_lang, source) in site_files {
                if *file_lang == lang {
                    add(
                        &mut bundle,
                        &mut lang_ids,
                        &source.path,
                        &source.text,
                        &mut problems,
                    );
                    lang_sources.push((source.path.clone(), source.text.clone()));
                }
            }
            bundles.push(bundle);
            ids.push(lang_ids);
            sources.push(lang_sources);
        }
        let (english, english_ids) = english_bundle();
        let empty: Vec<bool> = ids.iter().map(BTreeSet::is_empty).collect();
        for (lang, (code, _)) in config
            .languages
            .iter()
            .zip(&empty)
            .enumerate()
            .filter(|(_, (_, e))| **e)
        {
            problems.push(Diagnostic::warning(
                "locale.no-messages",
                format!("{LOCALES}/{code}"),
                if lang == config.default_language {
                    format!(
                        "`{code}` has no UI messages (no {LOCALES}/{code}/*.ftl, and warta has none built in): being the default language, its pages show warta's English menus, dates and labels; copy locales/en/ui.ftl from warta's repository to {LOCALES}/{code}/ui.ftl and translate it"
                    )
                } else {
                    format!(
                        "`{code}` has no UI messages (no {LOCALES}/{code}/*.ftl, and warta has none built in): its pages show the default language's menus, dates and labels; copy locales/en/ui.ftl from warta's repository to {LOCALES}/{code}/ui.ftl and translate it"
                    )
                },
            ));
        }
        (
            Locales {
                bundles,
                ids,
                sources,
                languages: config.languages.clone(),
                default_lang: config.default_language,
                english,
                english_ids,
                empty,
            },
            problems,
        )
    }

    /// Formats message `key` in `lang`: the language's own message, else
    /// the default language's, else the key itself (never an error text
    /// in a page).
    pub fn format(&self, lang: LangIdx, key: &str, args: Option<&FluentArgs>) -> (String, Found) {
        if let Some(text) = format_in(&self.bundles[lang], key, args) {
            return (text, Found::Own);
        }
        // As DESIGN.md says: the page's language, then the default
        // language; warta's English only when the default has no text.
        if let Some(text) = format_in(&self.bundles[self.default_lang], key, args) {
            return (text, Found::Fallback);
        }
        if self.empty[self.default_lang]
            && let Some(text) = format_in(&self.english, key, args)
        {
            return (text, Found::Fallback);
        }
        (key.to_string(), Found::Missing)
    }

    /// A message without arguments.
    pub fn text(&self, lang: LangIdx, key: &str) -> String {
        self.format(lang, key, None).0
    }

    /// A message with a `count` argument, for plural selectors.
    pub fn count(&self, lang: LangIdx, key: &str, count: usize) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.format(lang, key, Some(&args)).0
    }

    /// The message only if `lang` itself has it (no fallback).
    pub fn own(&self, lang: LangIdx, key: &str) -> Option<String> {
        format_in(&self.bundles[lang], key, None)
    }

    pub fn has_own(&self, lang: LangIdx, key: &str) -> bool {
        self.bundles[lang].has_message(key)
    }

    /// Messages that would fail when formatted (see `checks`), in every
    /// language, and template calls of messages that no language has.
    pub fn message_problems(&self, calls: &[checks::TemplateCall]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut builtin: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
        for (_, path, text) in BUILTIN {
            let source = [(path.to_string(), text.to_string())];
            for (id, variables) in checks::message_variables(&source) {
                builtin.entry(id).or_default().extend(variables);
            }
        }
        let mut variables = Vec::new();
        for (lang, sources) in self.sources.iter().enumerate() {
            problems.extend(checks::language_problems(
                &self.languages[lang],
                sources,
                calls,
                &builtin,
            ));
            variables.push(checks::message_variables(sources));
        }
        // The default language is every other's fallback: a message it
        // lacks shows as its bare id wherever a language lacks it too.
        let default = &self.languages[self.default_lang];
        for id in self.missing_in(self.default_lang) {
            // A term's name (`directorate-dayasos`) is looked up in each
            // language alone; `check` warns where one is missing.
            let term_name = crate::link::taxonomies::Taxonomy::ALL
                .iter()
                .any(|t| id.starts_with(&format!("{}-", t.key())));
            if term_name {
                continue;
            }
            let (path, line) = self.definition(&id);
            problems.push(
                Diagnostic::error(
                    "locale.missing-default",
                    path,
                    format!(
                        "`{id}` has no text in `{default}`, the default language, which every other language falls back to: add it to locales/{default}/*.ftl"
                    ),
                )
                .at(line, 1),
            );
        }
        for call in calls {
            // Every variable the message uses in any language must be
            // passed, or that language's pages show `{$count}`.
            let mut missing: BTreeSet<(&str, &str)> = BTreeSet::new();
            for (lang, used) in variables.iter().enumerate() {
                for variable in used.get(&call.key).into_iter().flatten() {
                    if !call.arguments.contains(variable) {
                        missing.insert((variable, &self.languages[lang]));
                    }
                }
            }
            let names: BTreeSet<&str> = missing.iter().map(|(v, _)| *v).collect();
            for variable in names {
                let langs: Vec<&str> = missing
                    .iter()
                    .filter(|(v, _)| *v == variable)
                    .map(|(_, l)| *l)
                    .collect();
                problems.push(
                    Diagnostic::error(
                        "template.missing-argument",
                        &call.template,
                        format!(
                            "`t(key=\"{key}\")` does not pass `{variable}`, which the message uses in {}: it would show as `{{${variable}}}`; add `{variable}=...` to the call",
                            langs.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", "),
                            key = call.key,
                        ),
                    )
                    .at(call.line, 1),
                );
            }
            if !self.ids.iter().any(|ids| ids.contains(&call.key)) {
                problems.push(
                    Diagnostic::error(
                        "template.no-message",
                        &call.template,
                        format!(
                            "`t(key=\"{}\")`: there is no message `{}` in any language; add it to locales/{}/*.ftl, or correct the key",
                            call.key, call.key, self.languages[self.default_lang]
                        ),
                    )
                    .at(call.line, 1),
                );
            }
        }
        problems
    }

    /// The first file and line that defines message `id`.
    fn definition(&self, id: &str) -> (String, usize) {
        for (path, text) in self.sources.iter().flatten() {
            let found = text.lines().position(|l| {
                l.strip_prefix(id)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            });
            if let Some(i) = found {
                return (path.clone(), i + 1);
            }
        }
        (LOCALES.to_string(), 0)
    }

    /// Message ids that some language has and `lang` lacks, sorted.
    pub fn missing_in(&self, lang: LangIdx) -> Vec<String> {
        let all: BTreeSet<&String> = self.ids.iter().flatten().collect();
        // A language without messages has the built-in English ones.
        let own = if self.empty[lang] {
            &self.english_ids
        } else {
            &self.ids[lang]
        };
        all.into_iter()
            .filter(|id| !own.contains(*id))
            .cloned()
            .collect()
    }
}

/// Warta's built-in English messages, and their ids.
fn english_bundle() -> (Bundle, BTreeSet<String>) {
    let langid: LanguageIdentifier = "en".parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_builtins();
    let mut ids = BTreeSet::new();
    let mut ignored = Vec::new();
    for (code, path, text) in BUILTIN {
        if *code == "en" {
            add(&mut bundle, &mut ids, path, text, &mut ignored);
        }
    }
    (bundle, ids)
}

fn format_in(bundle: &Bundle, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some(match text {
        Cow::Borrowed(s) => s.to_string(),
        Cow::Owned(s) => s,
    })
}

/// Parses one `.ftl` text into the bundle; syntax errors become
/// diagnostics with line and column, and the entries that did parse are
/// still used.
fn add(
    bundle: &mut Bundle,
    ids: &mut BTreeSet<String>,
    path: &str,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) {
    // Fluent's parser does not accept a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                // Errors at the end of an entry (an unclosed `{`) point past
                // it; the entry's own start is where a translator looks.
                let offset = match &error.slice {
                    Some(entry)
                        if !(entry.start..entry.end.saturating_sub(1))
                            .contains(&error.pos.start) =>
                    {
                        entry.start
                    }
                    _ => error.pos.start,
                };
                let (line, column) = line_column(text, offset);
                problems.push(
                    Diagnostic::error("locale.syntax", path, syntax_message(&error.kind))
                        .at(line, column),
                );
            }
            resource
        }
    };
    let mut in_this_file = BTreeSet::new();
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(message) = entry {
            let id = message.id.name;
            if !in_this_file.insert(id) {
                // The file's later message wins; the earlier one is dead
                // text a translator may still be editing.
                let line = text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| {
                        l.strip_prefix(id)
                            .is_some_and(|rest| rest.trim_start().starts_with('='))
                    })
                    .nth(1)
                    .map_or(0, |(i, _)| i + 1);
                problems.push(
                    Diagnostic::warning(
                        "locale.duplicate",
                        path,
                        format!("`{id}` is defined twice in this file; the later one is used: delete the other"),
                    )
                    .at(line, 1),
                );
            }
            ids.insert(id.to_string());
        }
    }
    bundle.add_resource_overriding(resource);
}

/// A Fluent syntax error in a translator's terms: the parser's own text
/// for the ones that mislead ("can't be used as a selector" where there
/// is no selector).
fn syntax_message(kind: &fluent_syntax::parser::ErrorKind) -> String {
    use fluent_syntax::parser::ErrorKind;
    match kind {
        ErrorKind::TermAttributeAsPlaceable => "a term's attribute (`{ -brand.long }`) cannot be shown as text; it can only choose a variant (`{ -brand.long -> [a] ... *[b] ... }`): show the term itself (`{ -brand }`), or put the text in a term of its own (`-brand-long = ...`)".to_string(),
        ErrorKind::MessageReferenceAsSelector | ErrorKind::TermReferenceAsSelector => "only a variable, a term's attribute, a number or a function can choose a variant (`{ $count -> ... }`), not a message or term itself".to_string(),
        ErrorKind::MessageAttributeAsSelector => "a message's attribute cannot choose a variant; use a term's attribute (`{ -brand.gender -> ... }`) or a variable".to_string(),
        other => format!("Fluent syntax error: {other}"),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
#[path = "locales_tests.rs"]
mod tests;
