//! What a page's body and front matter link to, read for rendering and
//! for `check`: the body with its links resolved, the lead image, and
//! links to another language's page where this language has one.

use std::sync::Mutex;

use super::{BodyRead, markdown};
use crate::diagnostics::Diagnostic;
use crate::link::LinkedSite;
use crate::link::resolve::{Resolved, UNSAFE_LINK, runs_script};
use crate::model::PageId;

/// What `read_body` notes of the links it resolves.
#[derive(Clone, Copy)]
pub enum LinksNoted<'a> {
    None,
    /// Their destinations (for `check`'s warnings).
    Dests(&'a Mutex<Vec<BodyRead>>),
    /// Their destinations and where each led (for the records).
    Led(&'a Mutex<Vec<BodyRead>>),
}

/// Reads the body of page `id` with `read` (`markdown::to_html_with` or
/// `markdown::problems_in`), links resolved against the site.
pub fn read_body<T>(
    linked: &LinkedSite,
    id: PageId,
    links: LinksNoted<'_>,
    read: impl FnOnce(
        &str,
        &std::path::Path,
        usize,
        markdown::BodyPolicy<'_>,
        &dyn Fn(&str) -> Result<Resolved, String>,
    ) -> T,
) -> T {
    let config = linked.config();
    let page = &linked.site.content.pages[id];
    let photos = |src: &str| super::pictures::picture(linked, src);
    let policy = markdown::BodyPolicy {
        raw_html: config.raw_html,
        photos: Some(&photos),
        anchors: Some(&page.anchors),
    };
    // Gathered here and noted once for the body: a body read with no
    // links at all is known to have none.
    let dests = std::cell::RefCell::new(Vec::new());
    let resolve = |dest: &str| {
        let resolved = linked.resolve_link(&page.source, dest);
        let digest = match links {
            LinksNoted::None => return resolved,
            LinksNoted::Dests(_) => crate::digest::Digest::default(),
            LinksNoted::Led(_) => crate::plan::parts::link_digest(linked, &resolved),
        };
        dests.borrow_mut().push((dest.to_string(), digest));
        resolved
    };
    let body = read(&page.body, &page.source, page.body_line, policy, &resolve);
    if let LinksNoted::Dests(links) | LinksNoted::Led(links) = links {
        let source = crate::diagnostics::display_path(&page.source);
        links
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((source, dests.into_inner()));
    }
    body
}

/// The `src` of a page's lead image, resolved as a link in its body is
/// (a colocated file, a file under `static/`, or an outside URL), and the
/// problems of its path: a missing file, or a script under
/// `raw_html: false`, leaves the page without the image.
pub fn lead_image(linked: &LinkedSite, id: PageId) -> (Option<String>, Vec<Diagnostic>) {
    let config = linked.config();
    let page = &linked.site.content.pages[id];
    let Some(image) = &page.front.image else {
        return (None, Vec::new());
    };
    let problem = |code: &'static str, message: String| {
        vec![Diagnostic::error(code, &page.source, message).at_known(page.front.image_at)]
    };
    if !config.raw_html && runs_script(image) {
        return (
            None,
            problem("link.unsafe", format!("`image`: {UNSAFE_LINK}")),
        );
    }
    if let Some(why) = crate::link::images::not_an_image(image) {
        return (None, problem("link.not-image", format!("`image`: {why}")));
    }
    match linked.resolve_link(&page.source, image) {
        Ok(Resolved::Internal(href)) => match super::pictures::picture(linked, &href) {
            Some(Err(e)) => (
                None,
                problem(e.code(), format!("`image`: the photo {}", e.message())),
            ),
            _ => (Some(href), Vec::new()),
        },
        Ok(Resolved::External) => (Some(image.clone()), Vec::new()),
        Err(message) => (None, problem("link.broken", format!("`image`: {message}"))),
    }
}

/// Warnings for the links of page `id` (its body's `dests`) that lead to
/// another language's page although that page has a version in this
/// page's language, at the line where each is first written.
pub fn other_language_links<'d>(
    linked: &LinkedSite,
    id: PageId,
    dests: impl Iterator<Item = &'d str>,
) -> Vec<Diagnostic> {
    let page = &linked.site.content.pages[id];
    let mut seen = std::collections::HashSet::new();
    dests
        .filter(|dest| seen.insert(*dest))
        .filter_map(|dest| {
            let better = crate::link::translations::sibling_link(linked, &page.source, dest, page.lang)?;
            let warning = Diagnostic::warning(
                "link.other-language",
                &page.source,
                format!(
                    "link to `{dest}` leads to another language's page, but this page's language, `{}`, has a version of it: link `{better}`",
                    linked.config().lang_code(page.lang)
                ),
            );
            Some(match page.body.find(dest) {
                Some(offset) => {
                    let before = &page.body[..offset];
                    let line = page.body_line + before.matches('\n').count();
                    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                    warning.at(line, column)
                }
                None => warning,
            })
        })
        .collect()
}
