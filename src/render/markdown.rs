//! Markdown to HTML with pulldown-cmark: the extensions DESIGN.md names,
//! heading ids that are unique within a page, and links between content
//! files rewritten to URLs. Event processing is a flat loop, so deeply
//! nested input cannot exhaust the stack.

mod events;
mod lines;
mod photos;

use std::path::Path;

use pulldown_cmark::html;

use crate::diagnostics::Diagnostic;
use crate::link::resolve::Resolved;
use events::BodyEvents;

/// Deeper nesting of lists, block quotes and other blocks is an error:
/// no real page comes near it, HTML parsers flatten trees much deeper
/// than this (browsers at 512), and the search indexer slows down on them.
pub const MAX_NESTING: usize = 100;

/// More events than this in one body are an error. A long news item has
/// a few thousand; a 1 MB table has 1.3 million, and each one rendered
/// (for the page and its feeds, in parallel) costs memory and time.
/// Past the limit, rendering stops.
pub const MAX_EVENTS: usize = 200_000;

/// What a body may hold beyond Markdown (site.yaml `raw_html`), and how
/// its photos are shown.
#[derive(Clone, Copy)]
pub struct BodyPolicy<'a> {
    /// Pass raw HTML through; when false it is left out (with a warning)
    /// and links with script-running schemes are errors.
    pub raw_html: bool,
    /// The picture of an image's resolved `src` (see
    /// `render::pictures::picture`); without it, images stay `<img>`.
    pub photos: Option<&'a PhotoLookup<'a>>,
    /// Where the ids the body defines go once it has been read whole
    /// (see `load::anchors::Anchors`).
    pub anchors: Option<&'a crate::load::anchors::Anchors>,
}

impl BodyPolicy<'_> {
    /// Raw HTML as `raw_html` says, and images as they are written.
    pub fn plain(raw_html: bool) -> BodyPolicy<'static> {
        BodyPolicy {
            raw_html,
            photos: None,
            anchors: None,
        }
    }
}

/// Where an image's photo is: its picture, why the photo cannot be
/// published, or `None` when the image is not one of the site's photos.
pub type PhotoLookup<'a> = dyn Fn(&str) -> Option<Result<crate::render::pictures::Picture, crate::photo::PhotoError>>
    + Sync
    + 'a;

/// Renders a page body with raw HTML passed through; see `to_html_with`.
pub fn to_html(
    body: &str,
    source: &Path,
    body_line: usize,
    resolve: impl Fn(&str) -> Result<Resolved, String>,
) -> (String, Vec<Diagnostic>) {
    to_html_with(body, source, body_line, BodyPolicy::plain(true), resolve)
}

/// Renders a page body. `resolve` maps a link destination; its errors
/// become diagnostics at the link's line in `source` (the body starts at
/// file line `body_line`).
pub fn to_html_with(
    body: &str,
    source: &Path,
    body_line: usize,
    policy: BodyPolicy<'_>,
    resolve: impl Fn(&str) -> Result<Resolved, String>,
) -> (String, Vec<Diagnostic>) {
    read_body(body, source, body_line, policy, Produce::Html, resolve)
}

/// The problems `to_html_with` would report for a body, without making
/// its HTML: for `check`, which reads every body but writes nothing.
pub fn problems_in(
    body: &str,
    source: &Path,
    body_line: usize,
    policy: BodyPolicy<'_>,
    resolve: impl Fn(&str) -> Result<Resolved, String>,
) -> Vec<Diagnostic> {
    read_body(body, source, body_line, policy, Produce::Problems, resolve).1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Produce {
    Html,
    Problems,
}

/// One pass over a body's events: the problems, and the HTML when asked.
/// The events stream from the parser into the HTML (only a heading's are
/// held, until its text gives its id), so that a long body costs the
/// parser's memory and its HTML, not a copy of every event.
fn read_body(
    body: &str,
    source: &Path,
    body_line: usize,
    policy: BodyPolicy<'_>,
    produce: Produce,
    resolve: impl Fn(&str) -> Result<Resolved, String>,
) -> (String, Vec<Diagnostic>) {
    let mut events = BodyEvents::new(body, source, body_line, policy, resolve);
    let mut out = String::new();
    if produce == Produce::Html {
        out.reserve(body.len() + body.len() / 2);
        match policy.photos {
            Some(lookup) => html::push_html(&mut out, photos::Photos::new(&mut events, lookup)),
            None => html::push_html(&mut out, &mut events),
        }
    } else {
        events.by_ref().for_each(drop);
    }
    (out, events.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(body: &str) -> (String, Vec<Diagnostic>) {
        to_html(body, Path::new("content/news/a.id.md"), 5, |dest| {
            if dest == "missing.md" {
                Err("no such file".to_string())
            } else if dest.ends_with(".md") {
                Ok(Resolved::Internal(format!(
                    "/id/berita/{}/",
                    dest.trim_end_matches(".id.md")
                )))
            } else {
                Ok(Resolved::External)
            }
        })
    }

    #[test]
    fn headings_get_unique_slugged_ids() {
        let (html, _) =
            render("## Latar Belakang\n\n## Latar Belakang\n\n## Main\n\n### Custom {#mine}\n");
        assert!(html.contains(r#"<h2 id="latar-belakang">"#), "{html}");
        assert!(html.contains(r#"<h2 id="latar-belakang-1">"#), "{html}");
        assert!(html.contains(r#"<h2 id="main-1">"#), "{html}");
        assert!(html.contains(r#"<h3 id="mine">"#), "{html}");
    }

    /// The ids found while rendering are the ids `anchors` finds, in the
    /// same order, with raw HTML passed or left out; a body cut short by
    /// the event limit offers none.
    #[test]
    fn rendering_finds_the_ids_anchors_finds() {
        use crate::load::anchors::{Anchors, anchors};
        let bodies = [
            "## Latar Belakang\n\n## Latar Belakang\n\n## Main\n\n### Custom {#mine}\n",
            "Teks[^catatan].\n\n[^catatan]: Isi.\n\n<a id=\"jangkar\"></a> <span NAME='lama'>x</span>\n",
            "Setext\n------\n\n## Judul <a id=\"dalam\"></a> `kode`\n\n> ## Kutipan\n\n- ## Daftar\n",
            "```\n## bukan judul\n```\n\nTeks biasa.\n",
            "<A ID=\"besar\">x</A>\n",
        ];
        for body in bodies {
            for raw_html in [true, false] {
                let found = Anchors::default();
                let policy = BodyPolicy {
                    anchors: Some(&found),
                    ..BodyPolicy::plain(raw_html)
                };
                to_html_with(body, Path::new("content/a.id.md"), 1, policy, |_| {
                    Ok(Resolved::External)
                });
                assert!(found.is_known(), "{body}");
                assert_eq!(found.of(""), anchors(body), "{body}");
            }
        }
        let found = Anchors::default();
        let policy = BodyPolicy {
            anchors: Some(&found),
            ..BodyPolicy::plain(true)
        };
        let huge = "a\n\n".repeat(MAX_EVENTS);
        to_html_with(&huge, Path::new("content/a.id.md"), 1, policy, |_| {
            Ok(Resolved::External)
        });
        assert!(!found.is_known());
    }

    #[test]
    fn an_explicit_id_that_is_taken_is_renamed_with_a_warning() {
        let (html, problems) = render("## Satu {#sama}\n\n## Dua {#sama}\n\n## Tiga {#main}\n");
        assert!(html.contains(r#"<h2 id="sama-1">"#), "{html}");
        let lines: Vec<_> = problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            lines,
            [
                ("markdown.duplicate-id", Some(7)),
                ("markdown.duplicate-id", Some(9))
            ]
        );
        let (_, problems) = render("## Satu\n\n## Satu\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn extensions_are_on() {
        let (html, _) =
            render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: note\n");
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("“quoted”"));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn links_are_rewritten_and_broken_ones_reported_at_their_line() {
        let (html, problems) = render("Intro.\n\nSee [b](b.id.md) and\n[gone](missing.md).\n");
        assert!(html.contains(r#"href="/id/berita/b/""#), "{html}");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(8));
        assert_eq!(problems[0].column, Some(1));
    }

    #[test]
    fn images_without_alt_text_are_flagged() {
        let (_, problems) = render("![ok](a.png)\n\n![](b.png)\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "a11y.image-alt");
        assert_eq!(problems[0].line, Some(7));
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        for body in [
            "> ".repeat(100_000) + "deep\n",
            "- ".repeat(100_000) + "deep\n",
        ] {
            let handle = std::thread::Builder::new()
                .stack_size(2 * 1024 * 1024)
                .spawn(move || render(&body).1)
                .unwrap();
            let problems = handle.join().unwrap();
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].code, "markdown.too-deep");
            assert_eq!(problems[0].line, Some(5));
        }
    }

    fn render_strict(body: &str) -> (String, Vec<Diagnostic>) {
        to_html_with(
            body,
            Path::new("content/news/a.id.md"),
            5,
            BodyPolicy::plain(false),
            |_| Ok(Resolved::External),
        )
    }

    // Reproducer (fuzz/regressions/markdown/raw-html-on-every-line): each
    // warning searched a list of every line warned before. Like the other
    // reproducers here, it checks results at a size that was slow then;
    // no test times them.
    #[test]
    fn raw_html_on_every_line_is_warned_on_every_line() {
        let (_, problems) = render_strict(&"<b>\n".repeat(10_000));
        assert_eq!(problems.len(), 10_000);
        assert_eq!(problems[9_999].line, Some(5 + 9_999));
    }

    #[test]
    fn raw_html_passes_through_by_default() {
        let (html, problems) = render("<div class=\"x\">blok</div>\n\nteks <b>tebal</b>\n");
        assert!(html.contains("<div class=\"x\">blok</div>"), "{html}");
        assert!(html.contains("<b>tebal</b>"), "{html}");
        assert!(problems.is_empty());
    }

    #[test]
    fn raw_html_false_leaves_html_out_with_a_warning_per_line() {
        let (html, problems) =
            render_strict("<script>alert(1)</script>\n\nteks <b>tebal</b> <i>miring</i>\n");
        assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
        assert!(html.contains("tebal") && html.contains("miring"), "{html}");
        let lines: Vec<_> = problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            lines,
            [
                ("markdown.raw-html", Some(5)),
                ("markdown.raw-html", Some(7))
            ]
        );
    }

    #[test]
    fn raw_html_false_refuses_script_links() {
        for dest in [
            "javascript:alert(1)",
            "JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let (html, problems) = render_strict(&format!("[x](<{dest}>)\n"));
            assert_eq!(problems.len(), 1, "{dest}: {problems:?}");
            assert_eq!(problems[0].code, "link.unsafe");
            assert!(!html.to_lowercase().contains("script:"), "{html}");
        }
        let (_, problems) = render_strict("[x](https://example.org/javascript:)\n");
        assert!(problems.is_empty());
    }

    // Reproducer (fuzz/regressions/markdown/many-equal-headings): each
    // heading retried every suffix already taken, quadratic in headings.
    #[test]
    fn many_equal_headings_get_distinct_ids() {
        let (html, _) = render(&"#\n".repeat(5_000));
        assert!(html.contains(r#"<h1 id="section">"#));
        assert!(html.contains(r#"<h1 id="section-4999">"#));
        // Same ids as before, around taken and explicit ones.
        let (html, _) = render("# A\n\n# A {#a-2}\n\n# A\n\n# A\n\n# A-1\n");
        let ids: Vec<_> = html
            .split(" id=\"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        assert_eq!(ids, ["a", "a-2", "a-1", "a-3", "a-1-1"]);
    }

    // Reproducer (fuzz/regressions/markdown/long-line-of-broken-links):
    // the column of each link was counted from the start of its line.
    #[test]
    fn many_links_on_one_line_get_their_own_columns() {
        let (_, problems) = render(&"é[x](missing.md)".repeat(20_000));
        assert_eq!(problems.len(), 20_000);
        let columns: Vec<_> = problems.iter().map(|p| p.column.unwrap()).collect();
        assert_eq!(columns[..3], [2, 18, 34]);
        assert_eq!(columns[19_999], 16 * 19_999 + 2);
        assert!(problems.iter().all(|p| p.line == Some(5)));
    }

    #[test]
    fn nesting_up_to_the_limit_is_fine() {
        let (html, problems) = render(&("> ".repeat(MAX_NESTING - 1) + "deep\n"));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(html.contains("deep"));
    }
}
