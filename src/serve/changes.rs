//! What a changed file means for the site: one content page to load
//! again, or something every page depends on (a template, a locale file,
//! `site.yaml`, a static or theme file), or nothing at all.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::layout::{CONFIG_FILE, CONTENT_DIR, LOCALES_DIR, STATIC_DIR, TEMPLATES_DIR};
use crate::load::files::{ContentName, content_name, is_backup};

/// The changes of one save (editors write several events per save).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    /// Markdown files of `content/`, relative to the site.
    pub content: BTreeSet<PathBuf>,
    /// Why everything must be built again, if it must.
    pub full: Option<String>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.full.is_none()
    }

    /// Adds one changed path (absolute, or relative to the site).
    pub fn add(&mut self, site: &Path, path: &Path) {
        let rel = match path.strip_prefix(site) {
            Ok(rel) => rel.to_path_buf(),
            Err(_) if path.is_relative() => path.to_path_buf(),
            Err(_) => return,
        };
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Dot files, editors' backups, swap files and vim's write test.
        if rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            || is_backup(&name)
        {
            return;
        }
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        match top.as_str() {
            CONTENT_DIR if matches!(content_name(&name), ContentName::Markdown(_)) => {
                self.content.insert(rel);
            }
            // Photos and PDFs are linked from pages: check every link again.
            CONTENT_DIR => self.full = Some(format!("{} changed", rel.display())),
            TEMPLATES_DIR | LOCALES_DIR | STATIC_DIR => {
                self.full = Some(format!("{} changed", rel.display()))
            }
            _ if rel == Path::new(CONFIG_FILE) => {
                self.full = Some(format!("{CONFIG_FILE} changed"))
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_incremental_and_the_rest_is_full() {
        let site = Path::new("/site");
        let mut changes = ChangeSet::default();
        changes.add(site, Path::new("/site/content/news/a.id.md"));
        changes.add(site, Path::new("/site/content/news/.a.id.md.swp"));
        changes.add(site, Path::new("/site/content/news/a.id.md~"));
        changes.add(site, Path::new("/site/public/id/index.html"));
        changes.add(site, Path::new("/elsewhere/x.md"));
        assert_eq!(changes.content.len(), 1);
        assert!(changes.full.is_none());
        changes.add(site, Path::new("/site/templates/base.html"));
        assert!(changes.full.is_some());
        let mut config = ChangeSet::default();
        config.add(site, Path::new("/site/site.yaml"));
        assert_eq!(config.full.as_deref(), Some("site.yaml changed"));
    }
}
