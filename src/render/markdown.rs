//! Markdown to HTML with pulldown-cmark: the extensions DESIGN.md names,
//! heading ids that are unique within a page, and links between content
//! files rewritten to URLs. Event processing is a flat loop, so deeply
//! nested input cannot exhaust the stack.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use crate::diagnostics::Diagnostic;
use crate::link::resolve::{Resolved, UNSAFE_LINK, runs_script};
use crate::load::anchors::HeadingIds;

/// Deeper nesting of lists, block quotes and other blocks is an error:
/// no real page comes near it, HTML parsers flatten trees much deeper
/// than this (browsers at 512), and the search indexer slows down on them.
pub const MAX_NESTING: usize = 100;

/// What a body may hold beyond Markdown (site.yaml `raw_html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyPolicy {
    /// Pass raw HTML through; when false it is left out (with a warning)
    /// and links with script-running schemes are errors.
    pub raw_html: bool,
}

/// Renders a page body with raw HTML passed through; see `to_html_with`.
pub fn to_html(
    body: &str,
    source: &Path,
    body_line: usize,
    resolve: impl Fn(&str) -> Result<Resolved, String>,
) -> (String, Vec<Diagnostic>) {
    to_html_with(
        body,
        source,
        body_line,
        BodyPolicy { raw_html: true },
        resolve,
    )
}

/// Renders a page body. `resolve` maps a link destination; its errors
/// become diagnostics at the link's line in `source` (the body starts at
/// file line `body_line`).
pub fn to_html_with(
    body: &str,
    source: &Path,
    body_line: usize,
    policy: BodyPolicy,
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
    policy: BodyPolicy,
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
fn read_body(
    body: &str,
    source: &Path,
    body_line: usize,
    policy: BodyPolicy,
    produce: Produce,
    resolve: impl Fn(&str) -> Result<Resolved, String>,
) -> (String, Vec<Diagnostic>) {
    let keep = produce == Produce::Html;
    let mut problems = Vec::new();
    let mut ids = HeadingIds::default();
    let mut events: Vec<Event> = Vec::new();
    // Start of the heading being buffered, so that its id can be set
    // once its text is known.
    let mut heading_start: Option<usize> = None;
    let mut heading_text = String::new();
    let mut line_counter = LineCounter::new(body);
    // Where the image being read starts, and its alt text so far.
    let mut image: Option<(usize, String)> = None;
    let mut missing_alt: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    // Raw HTML left out under `raw_html: false`, by line, for one warning
    // per line.
    let mut dropped_html: Vec<usize> = Vec::new();

    let mut rewrite =
        |dest: CowStr<'_>, offset: usize, problems: &mut Vec<Diagnostic>| -> CowStr<'static> {
            if !policy.raw_html && runs_script(&dest) {
                let (line, column) = line_counter.position(offset);
                problems.push(
                    Diagnostic::error("link.unsafe", source, UNSAFE_LINK)
                        .at(body_line + line - 1, column),
                );
                return CowStr::from("#");
            }
            match resolve(&dest) {
                Ok(Resolved::Internal(href)) => CowStr::from(href),
                Ok(Resolved::External) => CowStr::from(dest.into_string()),
                Err(message) => {
                    let (line, column) = line_counter.position(offset);
                    problems.push(
                        Diagnostic::error("link.broken", source, message)
                            .at(body_line + line - 1, column),
                    );
                    CowStr::from(dest.into_string())
                }
            }
        };

    for (event, range) in
        Parser::new_ext(body, crate::load::summary::markdown_options()).into_offset_iter()
    {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            let (line, column) = line_counter.position(range.start);
            problems.push(
                Diagnostic::error(
                    "markdown.too-deep",
                    source,
                    format!(
                        "lists, quotes or other blocks are nested more than {MAX_NESTING} levels deep here; flatten the text"
                    ),
                )
                .at(body_line + line - 1, column),
            );
            break;
        }
        if !policy.raw_html && matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            dropped_html.push(range.start);
            continue;
        }
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite(dest_url, range.start, &mut problems),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((range.start, String::new()));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: rewrite(dest_url, range.start, &mut problems),
                    title,
                    id,
                })
            }
            // Heading ids raise no problem: only HTML needs them.
            Event::Start(Tag::Heading { .. }) if keep => {
                heading_start = Some(events.len());
                heading_text.clear();
                event
            }
            Event::Text(ref text) | Event::Code(ref text) if heading_start.is_some() => {
                heading_text.push_str(text);
                event
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading_start.take()
                    && let Event::Start(Tag::Heading { id, .. }) = &mut events[start]
                {
                    let explicit = id.take();
                    *id = Some(CowStr::from(ids.next(explicit.as_deref(), &heading_text)));
                }
                event
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    missing_alt.push(start);
                }
                event
            }
            other => other,
        };
        if let (Some((_, alt)), Event::Text(text) | Event::Code(text)) = (&mut image, &event) {
            alt.push_str(text);
        }
        if keep {
            events.push(event);
        }
    }
    // A set: a body may have a line of raw HTML on every line.
    let mut warned_lines = HashSet::new();
    for start in dropped_html {
        let (line, column) = line_counter.position(start);
        if !warned_lines.insert(line) {
            continue;
        }
        problems.push(
            Diagnostic::warning(
                "markdown.raw-html",
                source,
                "raw HTML is left out: this site has `raw_html: false`; write it in Markdown",
            )
            .at(body_line + line - 1, column),
        );
    }
    for start in missing_alt {
        let (line, column) = line_counter.position(start);
        problems.push(
            Diagnostic::warning(
                "a11y.image-alt",
                source,
                "image without alt text: describe it for readers who cannot see it, as in `![Peserta FGD di Bekasi](foto.jpg)`",
            )
            .at(body_line + line - 1, column),
        );
    }
    let mut out = String::new();
    if keep {
        out.reserve(body.len() + body.len() / 2);
        html::push_html(&mut out, events.into_iter());
    }
    (out, problems)
}

/// Line and column of byte offsets, for offsets that only grow (as the
/// parser's do, mostly); falls back to counting from the start. Both
/// line and column advance from the last offset, so that many positions
/// on one long line cost no more than the line itself.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    /// Characters between the start of the line and `offset`.
    column: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
            column: 0,
        }
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
            self.column = 0;
        }
        let span = &self.text[self.offset..offset];
        match span.rfind('\n') {
            Some(last) => {
                self.line += span.bytes().filter(|&b| b == b'\n').count();
                self.column = span[last + 1..].chars().count();
            }
            None => self.column += span.chars().count(),
        }
        self.offset = offset;
        (self.line, self.column + 1)
    }
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
            BodyPolicy { raw_html: false },
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
