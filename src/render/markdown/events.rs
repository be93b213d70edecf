//! The events of one body, streamed from the parser to the HTML writer:
//! links rewritten, heading ids set, and the problems noted on the way.

use std::collections::{HashSet, VecDeque};
use std::path::Path;

use pulldown_cmark::{CowStr, Event, OffsetIter, Parser, Tag, TagEnd};

use super::lines::LineCounter;
use super::{BodyPolicy, MAX_EVENTS, MAX_NESTING};
use crate::diagnostics::Diagnostic;
use crate::link::resolve::{Resolved, UNSAFE_LINK, runs_script};
use crate::load::anchors::{AnchorFinder, HeadingIds};

/// A body's events, as an iterator for `pulldown_cmark::html`; `finish`
/// gives the problems once it has run out.
pub(super) struct BodyEvents<'a, R> {
    parser: OffsetIter<'a>,
    source: &'a Path,
    body_line: usize,
    policy: BodyPolicy<'a>,
    resolve: R,
    lines: LineCounter<'a>,
    problems: Vec<Diagnostic>,
    ids: HeadingIds,
    /// The heading being read (its offset and events), held until its
    /// text is known, and that text so far.
    heading: Option<(usize, Vec<Event<'a>>)>,
    heading_text: String,
    /// Events ready to go out (a heading, once its id is set).
    ready: VecDeque<Event<'a>>,
    /// Where the image being read starts, and its alt text so far.
    image: Option<(usize, String)>,
    missing_alt: Vec<usize>,
    /// Raw HTML left out under `raw_html: false`, by offset, for one
    /// warning per line.
    dropped_html: Vec<usize>,
    depth: usize,
    /// Events read from the parser so far.
    read: usize,
    stopped: bool,
    /// The body's ids, found on the way when the policy keeps them.
    finder: Option<AnchorFinder>,
}

impl<'a, R: Fn(&str) -> Result<Resolved, String>> BodyEvents<'a, R> {
    pub(super) fn new(
        body: &'a str,
        source: &'a Path,
        body_line: usize,
        policy: BodyPolicy<'a>,
        resolve: R,
    ) -> Self {
        BodyEvents {
            parser: Parser::new_ext(body, crate::load::summary::markdown_options())
                .into_offset_iter(),
            source,
            body_line,
            policy,
            resolve,
            lines: LineCounter::new(body),
            problems: Vec::new(),
            ids: HeadingIds::default(),
            heading: None,
            heading_text: String::new(),
            ready: VecDeque::new(),
            image: None,
            missing_alt: Vec::new(),
            dropped_html: Vec::new(),
            depth: 0,
            read: 0,
            stopped: false,
            finder: policy.anchors.map(|_| AnchorFinder::default()),
        }
    }

    /// A diagnostic at a byte offset of the body.
    fn at(&mut self, diagnostic: Diagnostic, offset: usize) -> Diagnostic {
        let (line, column) = self.lines.position(offset);
        diagnostic.at(self.body_line + line - 1, column)
    }

    fn rewrite(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if !self.policy.raw_html && runs_script(&dest) {
            let problem = self.at(
                Diagnostic::error("link.unsafe", self.source, UNSAFE_LINK),
                offset,
            );
            self.problems.push(problem);
            return CowStr::from("#");
        }
        match (self.resolve)(&dest) {
            Ok(Resolved::Internal(href)) => CowStr::from(href),
            Ok(Resolved::External) => dest,
            Err(message) => {
                let problem = self.at(
                    Diagnostic::error("link.broken", self.source, message),
                    offset,
                );
                self.problems.push(problem);
                dest
            }
        }
    }

    /// An image's source: a link that must also lead to an image.
    fn rewrite_image(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let unsafe_link = !self.policy.raw_html && runs_script(&dest);
        match crate::link::images::not_an_image(&dest) {
            Some(why) if !unsafe_link => {
                let problem = self.at(
                    Diagnostic::error("link.not-image", self.source, why),
                    offset,
                );
                self.problems.push(problem);
                dest
            }
            _ => {
                let written = dest.to_string();
                let src = self.rewrite(dest, offset);
                if let Some(Some(Err(e))) = self.policy.photos.map(|lookup| lookup(&src)) {
                    let message = format!("`{written}`: the photo {}", e.message());
                    let problem =
                        self.at(Diagnostic::error(e.code(), self.source, message), offset);
                    self.problems.push(problem);
                }
                src
            }
        }
    }

    /// The event as it goes out, or `None` when it is left out.
    fn transform(&mut self, event: Event<'a>, offset: usize) -> Option<Event<'a>> {
        if !self.policy.raw_html && matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            self.dropped_html.push(offset);
            return None;
        }
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.rewrite(dest_url, offset),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.image = Some((offset, String::new()));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: self.rewrite_image(dest_url, offset),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = self.image.take()
                    && alt.trim().is_empty()
                {
                    self.missing_alt.push(start);
                }
                event
            }
            other => other,
        };
        if let (Some((_, alt)), Event::Text(text) | Event::Code(text)) = (&mut self.image, &event) {
            alt.push_str(text);
        }
        Some(event)
    }

    /// Gives the held heading its id and sends it on.
    fn end_heading(&mut self, mut held: Vec<Event<'a>>, offset: usize) {
        if let Some(Event::Start(Tag::Heading { id, .. })) = held.first_mut() {
            let explicit = id.take();
            if let Some(explicit) = &explicit {
                {
                    if self.ids.is_taken(explicit) {
                        let problem = self.at(
                            Diagnostic::warning(
                                "markdown.duplicate-id",
                                self.source,
                                format!(
                                    "the heading id `{explicit}` is already taken on this page (by an earlier heading or by the theme), so this heading gets another one and links to `#{explicit}` lead elsewhere: choose another id"
                                ),
                            ),
                            offset,
                        );
                        self.problems.push(problem);
                    }
                }
            }
            let given = self.ids.next(explicit.as_deref(), &self.heading_text);
            if let Some(finder) = &mut self.finder {
                finder.heading(&given);
            }
            *id = Some(CowStr::from(given));
        }
        self.ready.extend(held);
    }

    /// The problems found, once every event has been read.
    pub(super) fn finish(mut self) -> Vec<Diagnostic> {
        // A set: a body may have a line of raw HTML on every line.
        let mut warned_lines = HashSet::new();
        for start in std::mem::take(&mut self.dropped_html) {
            let (line, column) = self.lines.position(start);
            if !warned_lines.insert(line) {
                continue;
            }
            self.problems.push(
                Diagnostic::warning(
                    "markdown.raw-html",
                    self.source,
                    "raw HTML is left out: this site has `raw_html: false`; write it in Markdown",
                )
                .at(self.body_line + line - 1, column),
            );
        }
        for start in std::mem::take(&mut self.missing_alt) {
            let problem = self.at(
                Diagnostic::warning(
                    "a11y.image-alt",
                    self.source,
                    "image without alt text: describe it for readers who cannot see it, as in `![Peserta FGD di Bekasi](foto.jpg)`",
                ),
                start,
            );
            self.problems.push(problem);
        }
        self.problems
    }
}

impl<'a, R: Fn(&str) -> Result<Resolved, String>> Iterator for BodyEvents<'a, R> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            if self.stopped {
                return None;
            }
            let Some((event, range)) = self.parser.next() else {
                self.stopped = true;
                // Read whole: its ids are all found.
                if let (Some(finder), Some(anchors)) = (self.finder.take(), self.policy.anchors) {
                    anchors.offer(finder.into_ids());
                }
                continue;
            };
            match event {
                Event::Start(_) => self.depth += 1,
                Event::End(_) => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            self.read += 1;
            let too_much = if self.read > MAX_EVENTS {
                Some((
                    "markdown.too-large",
                    format!(
                        "the text is divided into more than {MAX_EVENTS} pieces (paragraphs, table cells, links, HTML tags, runs of text) by here, more than one page can show; split it into several pages"
                    ),
                ))
            } else if self.depth > MAX_NESTING {
                Some((
                    "markdown.too-deep",
                    format!(
                        "lists, quotes or other blocks are nested more than {MAX_NESTING} levels deep here; flatten the text"
                    ),
                ))
            } else {
                None
            };
            // Past either limit, the rest of the body is not read.
            if let Some((code, message)) = too_much {
                let problem = self.at(Diagnostic::error(code, self.source, message), range.start);
                self.problems.push(problem);
                self.stopped = true;
                continue;
            }
            if let Some(finder) = &mut self.finder {
                finder.see(&event);
            }
            let Some(event) = self.transform(event, range.start) else {
                continue;
            };
            match (&mut self.heading, event) {
                (None, event @ Event::Start(Tag::Heading { .. })) => {
                    self.heading = Some((range.start, vec![event]));
                    self.heading_text.clear();
                }
                (Some((start, held)), event @ Event::End(TagEnd::Heading(_))) => {
                    held.push(event);
                    let (start, held) = (*start, std::mem::take(held));
                    self.heading = None;
                    self.end_heading(held, start);
                }
                (Some((_, held)), event) => {
                    if let Event::Text(text) | Event::Code(text) = &event {
                        self.heading_text.push_str(text);
                    }
                    held.push(event);
                }
                (None, event) => return Some(event),
            }
        }
    }
}
