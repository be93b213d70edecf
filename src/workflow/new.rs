//! `warta new` and `warta init`: a new content file with its front matter
//! filled in, and a new site that builds and passes `check`.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::layout::CONTENT_DIR;
use crate::model::Section;

/// Creates `content/<section>/<date>-<slug>.<lang>.md` (news) or
/// `content/<section>/<slug>.<lang>.md` (others) and returns its path
/// relative to the site. `today` is the date written into news items.
pub fn new_page(
    site: &Path,
    section: &str,
    title: &str,
    lang: Option<&str>,
    today: jiff::civil::Date,
) -> Result<PathBuf, Diagnostic> {
    let config = SiteConfig::load(site, None).map_err(|mut problems| problems.remove(0))?;
    let error = |message: String| Diagnostic::error("new.refused", CONTENT_DIR, message);
    let Some(section) = Section::from_dir_name(section) else {
        let names: Vec<&str> = Section::ALL.iter().map(|s| s.dir_name()).collect();
        return Err(error(format!(
            "`{section}` is not a section; use one of: {}",
            names.join(", ")
        )));
    };
    let lang = match lang {
        Some(code) => config.lang_index(code).ok_or_else(|| {
            error(format!(
                "`{code}` is not one of `languages` ({})",
                config.languages.join(", ")
            ))
        })?,
        None => config.default_language,
    };
    if title.trim().is_empty() {
        return Err(error("the title is empty".to_string()));
    }
    let slug = slug::slugify(title);
    let slug = if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    };
    let stem = match section {
        Section::News => format!("{today}-{slug}"),
        _ => slug.clone(),
    };
    let rel = Path::new(CONTENT_DIR)
        .join(section.dir_name())
        .join(format!("{stem}.{}.md", config.lang_code(lang)));
    if site.join(&rel).exists() {
        return Err(Diagnostic::error(
            "new.refused",
            &rel,
            "exists already; warta does not overwrite it",
        ));
    }
    let title_yaml = serde_json::to_string(title.trim()).unwrap_or_else(|_| "\"\"".to_string());
    let front = match section {
        // `directorate` is left empty on purpose: `check` and `build` flag
        // it until the writer names the directorate.
        Section::News => {
            format!("title: {title_yaml}\ndate: {today}\nplace: \"\"\ndirectorate: \"\"\n")
        }
        Section::Events => format!("title: {title_yaml}\ndate: {today}\nplace: \"\"\n"),
        _ => format!("title: {title_yaml}\n"),
    };
    let text = format!("---\n{front}---\n\n");
    let full = site.join(&rel);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error("new.io", &rel, format!("cannot create the folder: {e}"))
        })?;
    }
    std::fs::write(&full, text)
        .map_err(|e| Diagnostic::error("new.io", &rel, format!("cannot write: {e}")))?;
    Ok(rel)
}

/// The files of a new site: a bilingual news item, its directorate and an
/// about page, in Indonesian and English.
const INIT_FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "# The site's settings: see the README of warta for every key.\ntitle: Warta\nbase_url: https://example.org/\ndefault_language: id\nlanguages: [id, en]\npaginate: 20\n",
    ),
    (
        "content/directorates/humas.id.md",
        "---\ntitle: Biro Hubungan Masyarakat\nsummary: Biro yang menerbitkan berita situs ini.\n---\n\nBiro Hubungan Masyarakat menerbitkan berita dan informasi program.\n",
    ),
    (
        "content/directorates/humas.en.md",
        "---\ntitle: Public Relations Bureau\nsummary: The bureau that publishes this site's news.\n---\n\nThe Public Relations Bureau publishes news and program information.\n",
    ),
    (
        "content/news/{date}-selamat-datang.id.md",
        "---\ntitle: Selamat Datang\ndate: {date}\nplace: Jakarta\ndirectorate: humas\nwriter: Tim Humas\n---\n\nIni berita pertama situs ini. Tulis berita baru dengan `warta new news \"Judul\"`.\n",
    ),
    (
        "content/news/{date}-selamat-datang.en.md",
        "---\ntitle: Welcome\ndate: {date}\nplace: Jakarta\ndirectorate: humas\nwriter: Tim Humas\n---\n\nThis is the site's first news item. Write a new one with `warta new news \"Title\" --lang en`.\n",
    ),
    (
        "content/pages/about.id.md",
        "---\ntitle: Tentang\nslug: tentang\nmenu: 1\n---\n\nSitus berita dwibahasa, dibangun dengan warta.\n",
    ),
    (
        "content/pages/about.en.md",
        "---\ntitle: About\nmenu: 1\n---\n\nA bilingual news site, built with warta.\n",
    ),
    ("static/.gitkeep", ""),
    (
        ".gitignore",
        "# What warta writes: the built site, its staging folders and the cache.\n/public/\n/.public.warta-*\n/.warta-cache/\n",
    ),
];

/// Creates a new site in `dir`, which must not exist or be empty.
pub fn init(dir: &Path, today: jiff::civil::Date) -> Result<Vec<PathBuf>, Diagnostic> {
    let error = |message: String| Diagnostic::error("init.refused", dir, message);
    if dir.exists() && !dir.is_dir() {
        return Err(error(
            "is a file, not a folder: give the name of a new folder for the site".to_string(),
        ));
    }
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(error(
                "the folder exists and is not empty; warta does not overwrite it".to_string(),
            ));
        }
    }
    let mut written = Vec::new();
    for (path, text) in INIT_FILES {
        let rel = PathBuf::from(path.replace("{date}", &today.to_string()));
        let full = dir.join(&rel);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| error(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&full, text.replace("{date}", &today.to_string()))
            .map_err(|e| error(format!("cannot write {}: {e}", full.display())))?;
        written.push(rel);
    }
    Ok(written)
}
