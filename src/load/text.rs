//! Text of titles and bodies as pages show it.

/// Controls the HTML standard forbids in a page's text: C0 controls
/// other than tab, line feed, form feed and carriage return, DEL and the
/// C1 controls.
fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\u{C}' | '\r')
}

/// Whether a text may hold one of those controls, by its bytes: a C0
/// control or DEL is one byte, a C1 control starts with 0xC2. A byte scan
/// over blocks without branches is many times faster than decoding every
/// character of every body (the compiler makes it vector instructions).
fn may_hold_forbidden_control(text: &str) -> bool {
    let suspect = |b: u8| {
        (b < 0x20 && b != b'\t' && b != b'\n' && b != 0x0C && b != b'\r')
            | (b == 0x7F)
            | (b == 0xC2)
    };
    text.as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | suspect(b)))
}

/// A body as pages show it: NUL and the other controls HTML forbids
/// become U+FFFD, as CommonMark asks of NUL (a control in a page is
/// invalid HTML, and NUL can cut strings short).
pub fn body_text(body: &str) -> String {
    if may_hold_forbidden_control(body) && body.chars().any(is_forbidden_control) {
        body.chars()
            .map(|c| {
                if is_forbidden_control(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect()
    } else {
        body.to_string()
    }
}

/// Characters that show nothing: every default-ignorable code point of
/// Unicode (zero-width spaces and joiners, the soft hyphen, variation
/// selectors, bidi controls, tags, the byte order mark, which also
/// stands for the zero-width no-break space), the Hangul fillers and the
/// blank Braille pattern. A title of only these is empty to a reader.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

pub fn has_visible_text(text: &str) -> bool {
    text.chars().any(|c| !is_invisible(c) && !c.is_control())
}

/// Bidi embeddings, overrides and isolates: left in a title, one that is
/// never closed turns what follows it around (the ` | Site` after the
/// title in `<title>`, a list's next words). The marks (U+200E, U+200F,
/// U+061C) affect no text after them and stay.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A title as pages show it: without the byte order marks a copy from a
/// word processor can bring along, without bidi embeddings, overrides
/// and isolates, and with NUL and the other controls HTML forbids shown
/// as U+FFFD (as in bodies); the rest stays as written, and is escaped
/// where it is shown.
pub fn without_invisible_marks(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\u{FEFF}' && !is_bidi_control(c))
        .map(|c| {
            if is_forbidden_control(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_looking_titles_have_no_visible_text() {
        for c in [
            '\u{AD}',
            '\u{2800}',
            '\u{3164}',
            '\u{115F}',
            '\u{1160}',
            '\u{180E}',
            '\u{FE0F}',
            '\u{34F}',
            '\u{E0020}',
        ] {
            assert!(!has_visible_text(&format!("{c}{c} ")), "U+{:04X}", c as u32);
        }
        assert!(has_visible_text("a\u{AD}"));
    }

    #[test]
    fn bidi_controls_and_forbidden_controls_are_taken_out() {
        assert_eq!(without_invisible_marks("\u{202E}abc\u{2066}d"), "abcd");
        assert_eq!(
            without_invisible_marks("a\u{1}\u{1B}b\u{200F}"),
            "a\u{FFFD}\u{FFFD}b\u{200F}"
        );
        assert_eq!(
            body_text("a\u{1}b\u{1B}\t\n\r\0\u{7F}\u{85}"),
            "a\u{FFFD}b\u{FFFD}\t\n\r\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        // Past the first block of the byte scan, and C1 alone.
        let long = format!("{}\u{85}", "teks ".repeat(40));
        assert_eq!(body_text(&long), format!("{}\u{FFFD}", "teks ".repeat(40)));
        // 0xC2 starts other characters too, which stay.
        assert_eq!(body_text("20\u{A0}°C\n"), "20\u{A0}°C\n");
    }
}
