//! Pairing translations: pages of one section with the same translation
//! key are one `TranslationGroup`, one slot per language.

use std::collections::BTreeMap;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, display_path};
use crate::model::{LangIdx, Page, PageId, Section};

/// One text in all the languages it exists in.
#[derive(Debug, Clone)]
pub struct TranslationGroup {
    pub section: Section,
    pub key: String,
    /// `pages[lang]`: the page in that language, if any.
    pub pages: Vec<Option<PageId>>,
}

impl TranslationGroup {
    /// The page readers of `lang` are sent to when there is no page in
    /// their language: the default language's, else the first there is.
    pub fn original(&self, default_lang: LangIdx) -> Option<PageId> {
        self.pages[default_lang].or_else(|| self.pages.iter().flatten().next().copied())
    }
}

/// Groups pages; two pages of one section, key and language are an error
/// naming both files (the second one is left out).
pub fn pair(
    config: &SiteConfig,
    pages: &[Page],
) -> (Vec<TranslationGroup>, Vec<usize>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut index: BTreeMap<(Section, &str), usize> = BTreeMap::new();
    let mut groups: Vec<TranslationGroup> = Vec::new();
    let mut group_of = vec![usize::MAX; pages.len()];
    for (id, page) in pages.iter().enumerate() {
        let slot = *index
            .entry((page.section, page.translation_key.as_str()))
            .or_insert_with(|| {
                groups.push(TranslationGroup {
                    section: page.section,
                    key: page.translation_key.clone(),
                    pages: vec![None; config.languages.len()],
                });
                groups.len() - 1
            });
        group_of[id] = slot;
        match groups[slot].pages[page.lang] {
            None => groups[slot].pages[page.lang] = Some(id),
            Some(first) => problems.push(Diagnostic::error(
                "content.duplicate-translation",
                &page.source,
                format!(
                    "`{}` and `{}` are both the `{}` version of `{}` in {}/; give one a different file name or `translation_key`",
                    display_path(&pages[first].source),
                    display_path(&page.source),
                    config.lang_code(page.lang),
                    page.translation_key,
                    page.section.dir_name()
                ),
            )),
        }
    }
    (groups, group_of, problems)
}

/// Where a link in a `lang` page, written in the file `from`, should lead
/// instead: a relative link to a content file in another language whose
/// translation in `lang` exists becomes a link to that translation (the
/// path relative to `from`, with the link's `#fragment`). `None` when the
/// link is fine as it is.
pub fn sibling_link(
    linked: &super::LinkedSite,
    from: &std::path::Path,
    dest: &str,
    lang: LangIdx,
) -> Option<String> {
    let (target, suffix) = linked.targets.page_of(from, dest)?;
    let pages = &linked.site.content.pages;
    if pages[target].lang == lang {
        return None;
    }
    let sibling = linked.translations_of(target)[lang]?;
    Some(format!(
        "{}{suffix}",
        super::paths::relative_path(&display_path(from), &display_path(&pages[sibling].source))
    ))
}
