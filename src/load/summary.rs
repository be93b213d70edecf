//! The summary of a page for lists, feeds and `<meta name="description">`:
//! front matter `summary`, else the plain text of the first paragraph.
//! Computed once, when the file is read.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions of DESIGN.md, the same for summaries and for
/// rendering, so that both read a body alike.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The plain text of the first paragraph, for a summary when front matter
/// has none. Stops parsing as soon as the paragraph ends.
pub fn first_paragraph(body: &str) -> Option<String> {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut inside = false;
    for event in Parser::new_ext(body, markdown_options()) {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Start(_) if !inside => depth += 1,
            Event::End(_) if !inside => depth = depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    // Control characters (a NUL from a broken editor) would reach the
    // page's description and every list raw.
    let text: String = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control() && *c != '\u{FEFF}')
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_is_plain_text() {
        assert_eq!(
            first_paragraph("## H\n\nThe *first* one\ncontinues.\n\nSecond.").as_deref(),
            Some("The first one continues.")
        );
        assert_eq!(first_paragraph("> quoted\n\nreal").as_deref(), Some("real"));
        assert_eq!(first_paragraph(""), None);
    }
}
