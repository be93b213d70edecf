//! `warta translate`: the translation stub of a page, and `--refresh`
//! after the translator has brought a stale translation up to date.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::diagnostics::{Diagnostic, display_path};
use crate::link::{self, LinkedSite};
use crate::load::{self, LoadOptions, front_matter, yaml};
use crate::model::PageId;
use crate::workflow::status::source_hash;

/// Starts the comment that sits above the source text in a new stub;
/// `check` warns while it is there.
pub const UNFINISHED_MARKER: &str = "<!-- warta: translate";

/// Keys not carried into a translation: they belong to the source file.
/// `translator` is the source's credit, not the translation's: the stub
/// leaves it empty for the translator to fill in.
const NOT_CARRIED: &[&str] = &[
    "slug",
    "translation_key",
    "translation_of",
    "draft",
    "translator",
];

/// Loads and links the site, drafts included (a stub is a draft).
fn linked_site(site: &Path) -> Result<LinkedSite, Vec<Diagnostic>> {
    let options = LoadOptions {
        drafts: true,
        ..LoadOptions::default()
    };
    let (loaded, diagnostics) = load::load(site, &options);
    let Some(loaded) = loaded else {
        return Err(diagnostics.into_sorted());
    };
    Ok(link::link(loaded).0)
}

/// The page of `file` (a path relative to the working folder or to the
/// site).
fn find_page(linked: &LinkedSite, site: &Path, file: &Path) -> Result<PageId, Vec<Diagnostic>> {
    let site_abs = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
    let candidates = [file.to_path_buf(), site.join(file)];
    let relative = candidates
        .iter()
        .filter_map(|c| c.canonicalize().ok())
        .find_map(|c| c.strip_prefix(&site_abs).ok().map(Path::to_path_buf));
    let Some(relative) = relative else {
        return Err(vec![Diagnostic::error(
            "translate.no-file",
            file,
            "no such file in the site's content/ folder",
        )]);
    };
    let wanted = display_path(&relative);
    linked
        .site
        .content
        .pages
        .iter()
        .position(|p| display_path(&p.source) == wanted)
        .ok_or_else(|| {
            vec![Diagnostic::error(
                "translate.not-content",
                &relative,
                "not a page of content/: only Markdown files of the sections can be translated",
            )]
        })
}

/// Writes the `to` version of `file` beside it and returns its path
/// (relative to the site). `slug` names the new file differently, and then
/// both files get the same `translation_key`.
pub fn translate(
    site: &Path,
    file: &Path,
    to: &str,
    slug: Option<&str>,
) -> Result<PathBuf, Vec<Diagnostic>> {
    let linked = linked_site(site)?;
    let config = linked.config();
    let source_id = find_page(&linked, site, file)?;
    let source = &linked.site.content.pages[source_id];
    let error = |message: String| {
        vec![Diagnostic::error(
            "translate.refused",
            &source.source,
            message,
        )]
    };
    let Some(to_lang) = config.lang_index(to) else {
        return Err(error(format!(
            "`{to}` is not one of `languages` ({})",
            config.languages.join(", ")
        )));
    };
    if to_lang == source.lang {
        return Err(error(format!("the page is already in `{to}`")));
    }
    if let Some(existing) = linked.translations_of(source_id)[to_lang] {
        return Err(error(format!(
            "it already has a `{to}` translation: {}",
            display_path(&linked.site.content.pages[existing].source)
        )));
    }
    if let Some(slug) = slug
        && !crate::config::is_plain_segment(slug)
    {
        return Err(error(format!(
            "`--slug {slug}` must be one plain word: letters, digits, `-` or `_`"
        )));
    }
    let stem = slug.unwrap_or(&source.stem);
    let folder = source.source.parent().unwrap_or(Path::new(""));
    let target = folder.join(format!("{stem}.{to}.md"));
    if site.join(&target).exists() {
        return Err(error(format!(
            "{} exists already; warta does not overwrite it",
            display_path(&target)
        )));
    }

    let source_text = read_text(site, &source.source)?;
    let split = front_matter::split(&source_text).map_err(|(_, m)| error(m))?;
    let mut yaml_text = split.yaml.to_string();
    for key in NOT_CARRIED {
        yaml_text = remove_key(&yaml_text, key);
    }
    let key_is_stem = source.front.translation_key.is_none();
    if slug.is_some() || !key_is_stem {
        yaml_text.push_str(&format!("translation_key: {}\n", source.translation_key));
    }
    yaml_text.push_str(&format!(
        "translator:\ntranslation_of: {{lang: {}, hash: {}}}\ndraft: true\n",
        config.lang_code(source.lang),
        source_hash(source)
    ));
    // Links to pages that have a `to` version lead to that version.
    let body = rewrite_links(split.body, |dest| {
        link::translations::sibling_link(&linked, &target, dest, to_lang)
    });
    let stub = format!(
        "---\n{yaml_text}---\n\n{UNFINISHED_MARKER} the title and the text below from `{from}` into `{to}`, then remove this line and `draft: true` -->\n\n{}",
        body.trim_start_matches('\n'),
        from = config.lang_code(source.lang),
    );
    // A different file name pairs only through `translation_key`, which
    // the source then needs too.
    if slug.is_some() && key_is_stem && stem != source.stem {
        let with_key = format!(
            "---\n{}translation_key: {}\n---\n{}",
            split.yaml, source.translation_key, split.body
        );
        write_text(site, &source.source, &with_key)?;
    }
    write_text(site, &target, &stub)?;
    Ok(target)
}

/// `body` with the destination of each link and image that `rewrite`
/// maps replaced where it is written: in the link itself, or in the
/// reference definition it uses. The rest of the text stays byte for byte.
fn rewrite_links(body: &str, rewrite: impl Fn(&str) -> Option<String>) -> String {
    let parser = Parser::new_ext(body, load::summary::markdown_options()).into_offset_iter();
    // Byte ranges of `body` to replace, and their new text.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut replace_in = |span: std::ops::Range<usize>, written: &str, new: String| {
        let text = &body[span.clone()];
        // The destination as written follows `](`, or `]: ` in a reference
        // definition; escaped forms are left as they are.
        let after_colon = || {
            let colon = text.find("]:")? + 2;
            Some(colon + text[colon..].find(written)?)
        };
        let at = text
            .rfind(&format!("]({written}"))
            .map(|i| i + 2)
            .or_else(|| text.rfind(&format!("](<{written}>")).map(|i| i + 3))
            .or_else(after_colon);
        if let Some(at) = at {
            let start = span.start + at;
            edits.push((start..start + written.len(), new));
        }
    };
    let mut events = parser;
    for (event, range) in events.by_ref() {
        if let Event::Start(
            Tag::Link {
                dest_url,
                link_type,
                ..
            }
            | Tag::Image {
                dest_url,
                link_type,
                ..
            },
        ) = event
        {
            let Some(new) = rewrite(&dest_url) else {
                continue;
            };
            // Reference links are rewritten in their definitions, below.
            if link_type == LinkType::Inline {
                replace_in(range, &dest_url, new);
            }
        }
    }
    for (_, definition) in events.reference_definitions().iter() {
        if let Some(new) = rewrite(&definition.dest) {
            replace_in(definition.span.clone(), &definition.dest, new);
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    edits.dedup_by_key(|(range, _)| range.start);
    let mut out = body.to_string();
    for (range, new) in edits {
        out.replace_range(range, &new);
    }
    out
}

/// Records the source's current hash in a translation, after the
/// translator has brought it up to date.
pub fn refresh(site: &Path, file: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
    let linked = linked_site(site)?;
    let id = find_page(&linked, site, file)?;
    let page = &linked.site.content.pages[id];
    let error = |message: String| {
        vec![Diagnostic::error(
            "translate.refused",
            &page.source,
            message,
        )]
    };
    let Some(of) = &page.front.translation_of else {
        return Err(error(
            "the page has no `translation_of`: it was not made by `warta translate`".to_string(),
        ));
    };
    let source = linked
        .config()
        .lang_index(&of.lang)
        .and_then(|lang| linked.translations_of(id)[lang])
        .ok_or_else(|| {
            error(format!(
                "`translation_of` names `{}`, but the page has no `{}` version",
                of.lang, of.lang
            ))
        })?;
    let hash = source_hash(&linked.site.content.pages[source]);
    let text = read_text(site, &page.source)?;
    let split = front_matter::split(&text).map_err(|(_, m)| error(m))?;
    let mut yaml_text = remove_key(split.yaml, "translation_of");
    yaml_text.push_str(&format!(
        "translation_of: {{lang: {}, hash: {hash}}}\n",
        of.lang
    ));
    write_text(
        site,
        &page.source,
        &format!("---\n{yaml_text}---\n{}", split.body),
    )?;
    Ok(page.source.clone())
}

fn read_text(site: &Path, rel: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = std::fs::read(site.join(rel)).map_err(|e| {
        vec![Diagnostic::error(
            "translate.io",
            rel,
            format!("cannot read: {e}"),
        )]
    })?;
    yaml::decode_utf8(&bytes)
        .map(|text| text.into_owned())
        .map_err(|e| vec![e.diagnostic("content.not-utf8", rel)])
}

fn write_text(site: &Path, rel: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    std::fs::write(site.join(rel), text).map_err(|e| {
        vec![Diagnostic::error(
            "translate.io",
            rel,
            format!("cannot write: {e}"),
        )]
    })
}

/// Removes a top-level key and the lines that continue its value
/// (indented lines and block-list items) from front matter text.
pub fn remove_key(yaml_text: &str, key: &str) -> String {
    let mut out = String::with_capacity(yaml_text.len());
    let mut skipping = false;
    for line in yaml_text.split_inclusive('\n') {
        let continues =
            line.starts_with([' ', '\t']) || line.starts_with("- ") || line.trim() == "-";
        if skipping && continues {
            continue;
        }
        skipping = line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'));
        if !skipping {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_rewritten_where_they_are_written() {
        let body = "See [a](x.id.md#h), <x.id.md>, [b][r] and ![c](<x.id.md>).\n\n[x.id.md]: x.id.md\n[r]: x.id.md \"t\"\n\n`[a](x.id.md)`\n";
        let out = rewrite_links(body, |dest| {
            dest.starts_with("x.id.md")
                .then(|| dest.replace("x.id.md", "y.en.md"))
        });
        assert_eq!(
            out,
            "See [a](y.en.md#h), <x.id.md>, [b][r] and ![c](<y.en.md>).\n\n[x.id.md]: y.en.md\n[r]: y.en.md \"t\"\n\n`[a](x.id.md)`\n"
        );
    }

    #[test]
    fn remove_key_takes_its_continuation_lines() {
        let yaml = "title: A\nslug: a\nprograms:\n  - x\n- y\ntags: [t]\nslugger: keep\n";
        assert_eq!(
            remove_key(yaml, "slug"),
            "title: A\nprograms:\n  - x\n- y\ntags: [t]\nslugger: keep\n"
        );
        assert_eq!(
            remove_key(yaml, "programs"),
            "title: A\nslug: a\ntags: [t]\nslugger: keep\n"
        );
    }
}
