//! Stage 1 of the build: **load**. Reads `site.yaml`, walks `content/`,
//! splits and validates front matter, and reads the site's templates and
//! locale files. Every problem becomes a diagnostic; nothing after this
//! stage reads the site's text files again.

pub mod anchors;
mod dates;
pub mod files;
pub mod front_matter;
mod known;
pub mod photos;
mod section_keys;
pub mod summary;
mod text;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::digest::digest_bytes;
use crate::layout::{CONTENT_DIR, LOCALES_DIR, STATIC_DIR, TEMPLATES_DIR};
use crate::model::{Asset, Content, FileStamp, LangIdx, Page, Section};
use files::ContentFile;
pub use known::{KnownSource, KnownSources, PageReader, fill_bodies};
pub use section_keys::takes as section_takes;

/// A content file larger than this is refused: no press release comes
/// near it (a long one is 50 KB), and Markdown's worst cases grow with
/// input size. The parser holds about 50 bytes per byte of a table or
/// of a run of `<a`, and a body is parsed for its page and each feed at
/// once: at 4 MB such a file took 2 GB, at 1 MB it takes 250 MB.
pub const MAX_CONTENT_BYTES: u64 = 1024 * 1024;

/// A text file of the site, with its site-relative path.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub path: String,
    pub text: String,
}

/// What a build asks of `load`.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// `--base-url`, overriding `site.yaml`.
    pub base_url: Option<String>,
    /// Pages a previous build read, reused where their files did not
    /// change (the cache).
    pub known: Option<std::sync::Arc<KnownSources>>,
    /// The files of `content/`, when the caller listed them already.
    pub walked: Option<std::sync::Arc<files::ContentWalk>>,
}

/// Everything read from the site folder.
#[derive(Debug)]
pub struct LoadedSite {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub content: Content,
    /// `locales/<lang>/*.ftl` of the site, per language.
    pub locale_files: Vec<(LangIdx, SourceText)>,
    /// The site's `templates/*.html`: overrides of built-in templates.
    pub templates: Vec<SourceText>,
    /// Other files under `templates/` (CSS, scripts, fonts), relative to
    /// it: theme assets that replace or add to the built-in ones.
    pub theme_files: Vec<String>,
    /// Files under `static/`, relative to it, with `/` separators.
    pub static_files: Vec<String>,
    /// The photos among the content files' assets and `static/`, in
    /// that order.
    pub photos: Vec<photos::SitePhoto>,
}

/// Loads a site. `None` when `site.yaml` itself is unusable (nothing else
/// can be read without it); otherwise the site with every problem found.
pub fn load(site: &Path, options: &LoadOptions) -> (Option<LoadedSite>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let config = match SiteConfig::load(site, options.base_url.as_deref()) {
        Ok(config) => config,
        Err(problems) => {
            diagnostics.extend(problems);
            return (None, diagnostics);
        }
    };
    let (content, problems) = load_content(
        site,
        &config,
        options.drafts,
        options.known.as_deref(),
        options.walked.as_deref(),
    );
    diagnostics.extend(problems);
    let (locale_files, problems) = load_locales(site, &config);
    diagnostics.extend(problems);
    let templates_dir = TEMPLATES_DIR;
    let (theme_tree, problems) = list_tree(site, templates_dir);
    diagnostics.extend(problems);
    let (html, theme_files): (Vec<String>, Vec<String>) =
        theme_tree.into_iter().partition(|p| p.ends_with(".html"));
    let (templates, problems) = read_texts(site, templates_dir, html);
    diagnostics.extend(problems);
    let (static_files, problems) = list_tree(site, STATIC_DIR);
    diagnostics.extend(problems);
    let photo_files = content
        .assets
        .iter()
        .map(|a| {
            (
                format!("{CONTENT_DIR}/{}", a.content_path),
                crate::layout::asset_output(&a.content_path),
            )
        })
        .chain(
            static_files
                .iter()
                .map(|f| (format!("{STATIC_DIR}/{f}"), f.clone())),
        );
    let known = options.known.as_deref();
    let photos = photos::read_photos(
        site,
        photo_files,
        known.map(|k| &k.photos),
        known.map_or(0, |k| k.trusted_before_ns),
    );
    let loaded = LoadedSite {
        root: site.to_path_buf(),
        config,
        content,
        locale_files,
        templates,
        theme_files,
        static_files,
        photos,
    };
    (Some(loaded), diagnostics)
}

/// Reads and validates every content file, in parallel; the result is in
/// the sorted order of the walk, whatever order the threads finish in.
pub fn load_content(
    site: &Path,
    config: &SiteConfig,
    drafts: bool,
    known: Option<&KnownSources>,
    walked: Option<&files::ContentWalk>,
) -> (Content, Vec<Diagnostic>) {
    let (files, mut problems) = files::find_content_files(site, config, walked);
    let mut results: Vec<Result<Option<Page>, Vec<Diagnostic>>> = files
        .par_iter()
        .map_init(Vec::new, |scratch, file| match file {
            ContentFile::Markdown {
                source,
                section,
                stem,
                lang,
            } => read_page(site, source, *section, stem, *lang, scratch, known).map(|page| {
                if page.front.draft && !drafts {
                    None
                } else {
                    Some(page)
                }
            }),
            ContentFile::Asset { .. } => Ok(None),
        })
        .collect();
    let mut content = Content::default();
    for (result, file) in results.iter_mut().zip(&files) {
        if let Err(page_problems) = result {
            problems.append(page_problems);
            if let ContentFile::Markdown { source, .. } = file {
                content.failed.push(source.clone());
            }
        }
    }
    // Collected in place, in the results' own memory: 20,000 pages at
    // 10,000 stories, which fresh memory would cost a page fault per 4 KiB.
    content.pages = results
        .into_iter()
        .filter_map(|result| result.ok().flatten())
        .collect();
    name_the_directorates(&files, &content.pages, &mut problems);
    for file in files {
        if let ContentFile::Asset {
            source,
            content_path,
        } = file
        {
            content.assets.push(Asset {
                source,
                content_path,
            });
        }
    }
    (content, problems)
}

/// Completes the message of each empty `directorate:` with the keys of
/// the site's directorate pages and those other news items name.
fn name_the_directorates(files: &[ContentFile], pages: &[Page], problems: &mut [Diagnostic]) {
    if !problems
        .iter()
        .any(|p| p.code == front_matter::EMPTY_DIRECTORATE)
    {
        return;
    }
    let mut keys: Vec<&str> = files
        .iter()
        .filter_map(|file| match file {
            ContentFile::Markdown {
                section: Section::Directorates,
                stem,
                ..
            } => Some(stem.as_str()),
            _ => None,
        })
        .chain(pages.iter().filter_map(|p| p.front.directorate.as_deref()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let known = if keys.is_empty() {
        "the site has no directorates yet".to_string()
    } else {
        format!("this site has: {}", keys.join(", "))
    };
    for problem in problems
        .iter_mut()
        .filter(|p| p.code == front_matter::EMPTY_DIRECTORATE)
    {
        problem.message = format!("{}; {known}", problem.message);
    }
}

/// Reads one content file again after it changed (for `serve`): its page,
/// or `None` for a draft left out or a file that is not Markdown.
pub fn load_one(
    site: &Path,
    rel: &Path,
    config: &SiteConfig,
    drafts: bool,
) -> Result<Option<Page>, Vec<Diagnostic>> {
    match files::classify(rel, config).map_err(|d| vec![d])? {
        ContentFile::Markdown {
            source,
            section,
            stem,
            lang,
        } => {
            let page = read_page(site, &source, section, &stem, lang, &mut Vec::new(), None)?;
            Ok((drafts || !page.front.draft).then_some(page))
        }
        ContentFile::Asset { .. } => Ok(None),
    }
}

/// How much a worker's read buffer starts with: a news item fits in one
/// read.
const SCRATCH_BYTES: usize = 64 * 1024;

/// Reads one Markdown file into a `Page`. `scratch` is a read buffer kept
/// from file to file, so that a file costs open, read and close, and its
/// text takes no more memory than it needs. A page a previous build read
/// (`known`) is taken as it was when the file's stamp, or else its bytes,
/// are the same.
fn read_page(
    site: &Path,
    source: &Path,
    section: Section,
    stem: &str,
    lang: LangIdx,
    scratch: &mut Vec<u8>,
    known: Option<&KnownSources>,
) -> Result<Page, Vec<Diagnostic>> {
    let error =
        |code: &'static str, message: String| vec![Diagnostic::error(code, source, message)];
    let unreadable = |e: std::io::Error| error("content.unreadable", format!("cannot read: {e}"));
    let path = site.join(source);
    let stamp = match std::fs::metadata(&path) {
        Ok(metadata) => FileStamp::of(&metadata),
        Err(e) => return Err(unreadable(e)),
    };
    let previous = known.and_then(|k| {
        let shown = crate::diagnostics::path_as_shown(source);
        Some((k, k.pages.get(shown.as_ref())?))
    });
    if let (Some((known, entry)), Some(stamp)) = (previous, stamp)
        && entry.stamp == stamp
        && stamp.modified_ns < known.trusted_before_ns
        && let Some(page) = known.page(entry)
    {
        return Ok(page);
    }
    let mut file = std::fs::File::open(&path).map_err(unreadable)?;
    scratch.clear();
    scratch.reserve(SCRATCH_BYTES);
    // At most one byte over the limit: enough to know the file is too large.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, MAX_CONTENT_BYTES + 1),
        scratch,
    )
    .map_err(unreadable)?;
    if scratch.len() as u64 > MAX_CONTENT_BYTES {
        let size = file.metadata().map_or(scratch.len() as u64, |m| m.len());
        scratch.clear();
        scratch.shrink_to(SCRATCH_BYTES);
        return Err(error(
            "content.too-large",
            format!(
                "the file is {size} bytes; content files may be at most {} MB ({MAX_CONTENT_BYTES} bytes; put large documents in static/)",
                MAX_CONTENT_BYTES / 1_048_576
            ),
        ));
    }
    let source_digest = digest_bytes(scratch);
    if let Some((known, entry)) = previous
        && entry.digest == source_digest
        && let Some(mut page) = known.page(entry)
        && let Ok(text) = yaml::decode_utf8(scratch)
        && let Ok(split) = front_matter::split(&text)
    {
        // Touched but not changed: the cached page, with the body at hand.
        page.stamp = stamp;
        page.body = front_matter::body_text(split.body);
        page.body_pending = false;
        return Ok(page);
    }
    let text =
        yaml::decode_utf8(scratch).map_err(|e| vec![e.diagnostic("content.not-utf8", source)])?;
    let split = front_matter::split(&text)
        .map_err(|(code, message)| vec![Diagnostic::error(code, source, message).at(1, 1)])?;
    let front = front_matter::parse(split.yaml, source, section, 2)?;
    let body_line = split.body_line;

    let translation_key = front
        .translation_key
        .clone()
        .unwrap_or_else(|| stem.to_string());
    let slug = match section {
        // Term pages are addressed by their key, the file name, in every
        // language, so that a bare key in front matter and the page agree
        // on the URL; `translation_key` only pairs the files.
        Section::Programs | Section::Directorates | Section::Events => {
            if let Some(slug) = &front.slug
                && slug != stem
            {
                return Err(error(
                    "front-matter.invalid-slug",
                    format!(
                        "`slug: {slug}`: a {} page is addressed by its key, the file name `{stem}`; remove `slug` or rename the file",
                        section.dir_name()
                    ),
                ));
            }
            if !front_matter::is_key(stem) {
                return Err(error(
                    "content.invalid-key",
                    format!(
                        "`{stem}` cannot be a {} key: name the file with lowercase letters, digits and `-`",
                        section.dir_name()
                    ),
                ));
            }
            stem.to_string()
        }
        Section::News | Section::Pages => match &front.slug {
            Some(slug) => slug.clone(),
            None => {
                let slug = slug::slugify(strip_date_prefix(stem));
                if slug.is_empty() {
                    return Err(error(
                        "content.invalid-slug",
                        format!(
                            "no URL segment can be made from the file name `{stem}`; add `slug:`"
                        ),
                    ));
                }
                slug
            }
        },
    };
    let summary = front
        .summary
        .clone()
        .or_else(|| summary::first_paragraph(split.body));
    let body = front_matter::body_text(split.body);
    Ok(Page {
        source: source.to_path_buf(),
        summary,
        section,
        lang,
        stem: stem.to_string(),
        translation_key,
        slug,
        front,
        // Found when the body is rendered, or first linked to.
        anchors: anchors::Anchors::default(),
        body,
        body_pending: false,
        body_line,
        source_digest,
        stamp,
    })
}

/// `2020-07-15-fgd-peksos-psm` → `fgd-peksos-psm`: a date at the start of
/// a file name orders files on disk and is not repeated in the URL (as in
/// Zola). A space or `_` after the date counts as the `-` (file names
/// typed by hand, `2020-07-15 fgd`).
pub fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes[10], b'-' | b' ' | b'_');
    let rest = if is_date {
        stem[11..].trim_start_matches(['-', ' ', '_'])
    } else {
        stem
    };
    if rest.is_empty() { stem } else { rest }
}

/// `locales/<lang>/*.ftl` for each site language.
fn load_locales(site: &Path, config: &SiteConfig) -> (Vec<(LangIdx, SourceText)>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let root = site.join(LOCALES_DIR);
    let Ok(entries) = std::fs::read_dir(&root) else {
        return (out, problems);
    };
    let mut folders: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    for folder in folders {
        if folder.starts_with('.') || !root.join(&folder).is_dir() {
            continue;
        }
        let Some(lang) = config.lang_index(&folder) else {
            problems.push(Diagnostic::warning(
                "locale.unknown-language",
                format!("{LOCALES_DIR}/{folder}"),
                format!(
                    "`{folder}` is not one of `languages` in site.yaml; these messages are not used"
                ),
            ));
            continue;
        };
        let (texts, folder_problems) = read_tree_texts(site, &format!("{LOCALES_DIR}/{folder}"));
        problems.extend(folder_problems);
        out.extend(
            texts
                .into_iter()
                .filter(|t| t.path.ends_with(".ftl"))
                .map(|t| (lang, t)),
        );
    }
    (out, problems)
}

/// Every file under `site/<dir>`, sorted, relative to `dir`, but for
/// editors' backups and swap files, which are never published.
fn list_tree(site: &Path, dir: &str) -> (Vec<String>, Vec<Diagnostic>) {
    let (files, problems) = files::site_files(site, dir, files::is_not_published);
    let root = Path::new(dir);
    let names = files
        .iter()
        .map(|rel| display_path(rel.strip_prefix(root).unwrap_or(rel)))
        .collect();
    (names, problems)
}

/// Every file under `site/<dir>` as UTF-8 text, with site-relative paths.
fn read_tree_texts(site: &Path, dir: &str) -> (Vec<SourceText>, Vec<Diagnostic>) {
    let (files, mut problems) = list_tree(site, dir);
    let (texts, read_problems) = read_texts(site, dir, files);
    problems.extend(read_problems);
    (texts, problems)
}

/// The given files of `site/<dir>` as UTF-8 text.
fn read_texts(site: &Path, dir: &str, files: Vec<String>) -> (Vec<SourceText>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for rel in files {
        let path = format!("{dir}/{rel}");
        match std::fs::read(site.join(&path)) {
            Ok(bytes) => match yaml::decode_utf8(&bytes) {
                Ok(text) => out.push(SourceText {
                    path,
                    text: text.into_owned(),
                }),
                Err(e) => problems.push(e.diagnostic("content.not-utf8", &path)),
            },
            Err(e) => problems.push(Diagnostic::error(
                "content.unreadable",
                &path,
                format!("cannot read: {e}"),
            )),
        }
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefix_is_stripped_from_slugs() {
        assert_eq!(
            strip_date_prefix("2020-07-15-fgd-peksos-psm"),
            "fgd-peksos-psm"
        );
        assert_eq!(strip_date_prefix("2020-07-15"), "2020-07-15");
        assert_eq!(strip_date_prefix("2020-07-15 fgd"), "fgd");
        assert_eq!(strip_date_prefix("2020-07-15_ fgd"), "fgd");
        assert_eq!(strip_date_prefix("2020-07-15--"), "2020-07-15--");
        assert_eq!(strip_date_prefix("about"), "about");
    }
}
