//! Finding content files: which files `content/` holds, and what their
//! names say (section, stem, language).
//!
//! The one place that decides the language of a file (DESIGN.md: from its
//! name suffix).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, display_path};
use crate::layout::CONTENT_DIR;
use crate::model::{LangIdx, Section};

/// A file found under `content/`, not yet read.
#[derive(Debug, Clone)]
pub enum ContentFile {
    Markdown {
        source: PathBuf,
        section: Section,
        stem: String,
        lang: LangIdx,
    },
    Asset {
        source: PathBuf,
        content_path: String,
    },
}

/// The files under `content/`, found and in sorted order, not yet named
/// (`find_content_files` names them). A build lists them while it opens
/// its cache, which takes about as long.
#[derive(Debug)]
pub struct ContentWalk {
    files: Vec<PathBuf>,
    problems: Vec<Diagnostic>,
}

/// Walks `content/` in a stable (sorted) order.
/// A site without a `content/` folder is an error: building it would
/// replace a good site with an empty one.
pub fn walk_content(site: &Path) -> ContentWalk {
    if !site.join(CONTENT_DIR).is_dir() {
        let problem = Diagnostic::error(
            "content.missing",
            CONTENT_DIR,
            format!(
                "there is no {CONTENT_DIR}/ folder in this site; a site's pages are Markdown files under {CONTENT_DIR}/news/, {CONTENT_DIR}/pages/ and the other sections (is --site the right folder?)"
            ),
        );
        return ContentWalk {
            files: Vec::new(),
            problems: vec![problem],
        };
    }
    let (files, problems) = site_files(site, CONTENT_DIR, is_ignored);
    ContentWalk { files, problems }
}

/// Names what each file of `content/` is, walking it unless `walked`
/// holds its files already.
pub fn find_content_files(
    site: &Path,
    config: &SiteConfig,
    walked: Option<&ContentWalk>,
) -> (Vec<ContentFile>, Vec<Diagnostic>) {
    let own;
    let walk = match walked {
        Some(walk) => walk,
        None => {
            own = walk_content(site);
            &own
        }
    };
    let classified: Vec<Result<ContentFile, Diagnostic>> = walk
        .files
        .par_iter()
        .map(|rel| classify(rel, config))
        .collect();
    let mut problems = walk.problems.clone();
    let mut files = Vec::new();
    for file in classified {
        match file {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    (files, problems)
}

/// The regular files under `site/<dir>`, site-relative, in sorted order,
/// leaving out names `skip` rejects. Symbolic links are followed only
/// while they stay inside the site: a link out of it is an error and
/// nothing behind it is read, not even its listing; a loop is an error.
pub fn site_files(
    site: &Path,
    dir: &str,
    skip: fn(&str) -> bool,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let root = site.join(dir);
    if !root.is_dir() {
        return (files, problems);
    }
    let site_canonical = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
    // Sorted once at the end: walkdir's per-folder sort compares paths,
    // which cost more than the rest of the walk.
    let mut walker = WalkDir::new(&root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(e.file_name().to_string_lossy().as_ref()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map(|p| relative_to(p, site))
                    .unwrap_or_else(|| PathBuf::from(dir));
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop: this link points back into a folder that contains it"
                        .to_string()
                } else {
                    match err.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => format!("cannot read: {err}"),
                    }
                };
                problems.push(Diagnostic::error("content.unreadable", path, message));
                continue;
            }
        };
        let rel = relative_to(entry.path(), site);
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .map(|target| target.starts_with(&site_canonical))
                .unwrap_or(false);
            if !inside {
                problems.push(Diagnostic::error(
                    "content.symlink-outside",
                    &rel,
                    "symbolic link to a place outside the site folder; warta reads only files inside the site",
                ));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push(rel);
        }
    }
    // Folder by folder, names in byte order: the order of a sorted walk.
    // That is the byte order of the paths once each separator is made
    // lower than any byte a name can hold.
    files.par_sort_by_cached_key(|path| {
        path.as_os_str()
            .as_encoded_bytes()
            .iter()
            .map(|&b| match b {
                b'/' => 0,
                b'\\' if cfg!(windows) => 0,
                b => b,
            })
            .collect::<Vec<u8>>()
    });
    (files, problems)
}

/// What a file's name under `content/` says it is. The one place that
/// decides, for `load` and for `serve`'s file events alike.
#[derive(Debug, PartialEq, Eq)]
pub enum ContentName<'a> {
    /// `<stem>.<lang>.md`: a page; the name without `.md`.
    Markdown(&'a str),
    /// Dot files, editors' backups and swap files: not part of the site.
    Ignored,
    /// Markdown under a name warta does not read (`.MD`, `.markdown`):
    /// the name it should have.
    Misnamed(String),
    /// A copy of a content file under another name (`x.id.md.old`):
    /// never published, since it may hold a draft or embargoed text.
    ContentCopy,
    /// Anything else: a photo, a PDF, copied to `/files/`.
    Asset,
}

/// Suffixes that editors, merge tools and patch give to copies.
const BACKUP_SUFFIXES: [&str; 8] = [".bak", ".orig", ".rej", ".swp", ".swo", ".swx", ".tmp", "~"];

/// An editor's backup, swap or temporary file, which is never published
/// from `content/` nor `static/`.
/// Files of version control and of operating systems, never a site's:
/// left out of `static/` and `templates/`, which publish other dot files
/// (`.well-known/`, `.nojekyll`) as they are.
const NOT_A_SITE_FILE: &[&str] = &[
    ".git",
    ".gitkeep",
    ".gitignore",
    ".gitattributes",
    ".gitmodules",
    ".hg",
    ".hgignore",
    ".svn",
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
];

/// Whether a file or folder under `static/` or `templates/` is left out.
pub fn is_not_published(name: &str) -> bool {
    is_backup(name) || NOT_A_SITE_FILE.contains(&name)
}

pub fn is_backup(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    BACKUP_SUFFIXES.iter().any(|s| lower.ends_with(s))
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".warta-partial")
        // vim's test of whether it may write a folder
        || name == "4913"
}

pub fn content_name(name: &str) -> ContentName<'_> {
    if name.starts_with('.') || is_backup(name) {
        return ContentName::Ignored;
    }
    if let Some(without_md) = name.strip_suffix(".md") {
        return ContentName::Markdown(without_md);
    }
    let lower = name.to_ascii_lowercase();
    for extension in [".md", ".markdown", ".mdown", ".mkd"] {
        if lower.ends_with(extension) {
            let stem = &name[..name.len() - extension.len()];
            return ContentName::Misnamed(format!("{stem}.md"));
        }
    }
    if lower.contains(".md.") || lower.contains(".markdown.") {
        return ContentName::ContentCopy;
    }
    ContentName::Asset
}

/// Dot files, editor backups and swap files are not content.
fn is_ignored(name: &str) -> bool {
    content_name(name) == ContentName::Ignored
}

fn relative_to(path: &Path, site: &Path) -> PathBuf {
    path.strip_prefix(site).unwrap_or(path).to_path_buf()
}

/// What a site-relative path under `content/` is.
pub fn classify(rel: &Path, config: &SiteConfig) -> Result<ContentFile, Diagnostic> {
    let under_content = rel.strip_prefix(CONTENT_DIR).unwrap_or(rel);
    let content_path = display_path(under_content);
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let without_md = match content_name(&name) {
        ContentName::Markdown(without_md) => without_md,
        ContentName::Asset => {
            return Ok(ContentFile::Asset {
                source: rel.to_path_buf(),
                content_path,
            });
        }
        ContentName::Misnamed(should_be) => {
            return Err(Diagnostic::error(
                "content.misnamed-markdown",
                rel,
                format!(
                    "warta reads Markdown only from files named `<name>.<language>.md`; rename `{name}` to `{should_be}`"
                ),
            ));
        }
        ContentName::ContentCopy => {
            return Err(Diagnostic::warning(
                "content.copy-not-published",
                rel,
                "this looks like a copy of a content file, which may hold a draft; it is neither read as a page nor published (a page's file name ends in `.md`)",
            ));
        }
        ContentName::Ignored => {
            return Err(Diagnostic::warning(
                "content.ignored",
                rel,
                "an editor's backup or swap file; left out",
            ));
        }
    };
    let section_dir = under_content
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let section = match Section::from_dir_name(&section_dir) {
        Some(section) if under_content.components().count() > 1 => section,
        _ => {
            let folders: Vec<_> = Section::ALL
                .iter()
                .map(|s| format!("{}/", s.dir_name()))
                .collect();
            return Err(Diagnostic::error(
                "content.unknown-section",
                rel,
                format!(
                    "a content file must be in one of content/{}",
                    folders.join(", content/")
                ),
            ));
        }
    };
    let (stem, lang) = language_of_file(without_md, config)
        .map_err(|message| Diagnostic::error("content.unknown-language", rel, message))?;
    Ok(ContentFile::Markdown {
        source: rel.to_path_buf(),
        section,
        stem,
        lang,
    })
}

/// Splits `stem.lang` into the stem and the language. A name with no
/// suffix is in the default language; a suffix that is not one of
/// `languages` is an error.
pub fn language_of_file(
    name_without_md: &str,
    config: &SiteConfig,
) -> Result<(String, LangIdx), String> {
    match name_without_md.rsplit_once('.') {
        Some((stem, suffix)) => match config.lang_index(suffix) {
            Some(lang) if !stem.is_empty() => Ok((stem.to_string(), lang)),
            Some(_) => Err("the file name has a language suffix but no name before it".to_string()),
            None => Err(format!(
                "language suffix `.{suffix}` is not one of `languages` in site.yaml ({}); name the file `<name>.<language>.md`",
                config.languages.join(", ")
            )),
        },
        None if name_without_md.is_empty() => Err("the file has no name before `.md`".to_string()),
        None => Ok((name_without_md.to_string(), config.default_language)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse("title: T\nlanguages: [id, en]\n", None).unwrap()
    }

    #[test]
    fn language_comes_from_the_suffix() {
        let config = config();
        assert_eq!(
            language_of_file("2020-07-15-fgd.en", &config).unwrap(),
            ("2020-07-15-fgd".into(), 1)
        );
        assert_eq!(
            language_of_file("about", &config).unwrap(),
            ("about".into(), 0)
        );
        let err = language_of_file("x.fr", &config).unwrap_err();
        assert!(err.contains("`.fr`"), "{err}");
    }

    #[test]
    fn markdown_outside_a_section_is_an_error() {
        let err = classify(Path::new("content/x.id.md"), &config()).unwrap_err();
        assert_eq!(err.code, "content.unknown-section");
        let err = classify(Path::new("content/blog/x.id.md"), &config()).unwrap_err();
        assert_eq!(err.code, "content.unknown-section");
    }

    #[test]
    fn files_come_in_the_order_of_a_sorted_walk() {
        let site = tempfile::tempdir().unwrap();
        for file in [
            "content/b.md",
            "content/a.md",
            "content/a-b/y.md",
            "content/a/x.md",
        ] {
            let path = site.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let (files, problems) = site_files(site.path(), CONTENT_DIR, is_ignored);
        assert!(problems.is_empty(), "{problems:?}");
        let files: Vec<String> = files.iter().map(|f| display_path(f)).collect();
        // Not the order of the whole paths as strings, where `a-b/y.md`
        // would come first.
        assert_eq!(
            files,
            [
                "content/a/x.md",
                "content/a-b/y.md",
                "content/a.md",
                "content/b.md"
            ]
        );
    }

    #[test]
    fn other_files_are_assets() {
        match classify(Path::new("content/news/foto.jpg"), &config()).unwrap() {
            ContentFile::Asset { content_path, .. } => assert_eq!(content_path, "news/foto.jpg"),
            other => panic!("{other:?}"),
        }
    }
}
