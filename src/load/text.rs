//! Text of titles and bodies as pages show it.

/// A body as pages show it: NUL becomes U+FFFD, as CommonMark asks (a
/// NUL byte in a page is invalid HTML and can cut strings short).
pub fn body_text(body: &str) -> String {
    if body.contains('\0') {
        body.replace('\0', "\u{FFFD}")
    } else {
        body.to_string()
    }
}

/// Characters that show nothing: a title of only these is empty to a
/// reader. The byte order mark also stands for the zero-width no-break
/// space.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

pub fn has_visible_text(text: &str) -> bool {
    text.chars().any(|c| !is_invisible(c) && !c.is_control())
}

/// A title without the byte order marks a copy from a word processor can
/// bring along, and with NUL shown as U+FFFD (as in bodies); the rest
/// stays as written, and is escaped where it is shown.
pub fn without_invisible_marks(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\u{FEFF}')
        .map(|c| if c == '\0' { '\u{FFFD}' } else { c })
        .collect()
}
