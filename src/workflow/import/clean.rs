//! Lines of a release that are not its news, to drop: web-page debris,
//! share labels, the photo gallery, the publisher's sign-off. Also the
//! shapes of lines (bullets, numbered items) that the rest reads by.

use super::credits::is_initials_line;
use super::notes::Dropped;

/// Lines a news web page adds around every article, compared in
/// lowercase with no space before a colon.
const DEBRIS: [&str; 10] = [
    "alexametrics",
    "loading",
    "loading...",
    "loading…",
    "loading gif",
    "preload video",
    "a+ a-",
    "siaran pers",
    "press release",
    "rilis pers",
];

/// Widgets whose first words are always the same and the rest may vary.
const DEBRIS_STARTS: [&str; 2] = ["komentar (pilih salah satu", "aktifkan notifikasi browser"];

/// Buttons and links of the comment and notification widgets. Each is a
/// word a sentence could be, so they are dropped only at the very end of
/// the text, where the widgets sit.
const WIDGETS: [&str; 5] = ["top", "aktifkan", "tidak", "facebook", "disqus"];

/// The share label above a page's share buttons, in the site's languages
/// and in Arabic, one of the scripts its menus are shown in; lowercase.
const SHARE_LABELS: [&str; 9] = [
    "share",
    "share this",
    "share this article",
    "bagikan",
    "bagikan ke",
    "bagikan berita ini",
    "bagikan artikel ini",
    "شارك",
    "مشاركة",
];

/// The buttons that may follow a share label on its line.
const SHARE_BUTTONS: [&str; 10] = [
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "email",
    "e-mail",
    "line",
    "pinterest",
];

/// Words of the publisher's name, of which a sign-off line is made.
const PUBLISHER_WORDS: [&str; 22] = [
    "kementerian",
    "sosial",
    "kemensos",
    "kemsos",
    "republik",
    "indonesia",
    "ri",
    "biro",
    "hubungan",
    "masyarakat",
    "humas",
    "ministry",
    "of",
    "the",
    "social",
    "affairs",
    "republic",
    "public",
    "relations",
    "bureau",
    "dan",
    "and",
];

/// Of which a sign-off names at least one: `Masyarakat Indonesia` alone
/// is a phrase of the text, not the publisher.
const PUBLISHER_NAMES: [&str; 7] = [
    "kementerian",
    "kemensos",
    "kemsos",
    "ministry",
    "humas",
    "biro",
    "bureau",
];

fn comparable(line: &str) -> String {
    line.to_lowercase().replace(" :", ":")
}

/// A line that is always a web page's, wherever it stands.
pub fn is_debris(line: &str) -> bool {
    let line = comparable(line);
    DEBRIS.contains(&line.as_str())
        || DEBRIS_STARTS.iter().any(|s| line.starts_with(s))
        || is_share_label(&line)
}

/// `Share :`, `Bagikan:`, `شارك :` (a colon on either side, as right-to-left
/// text may be copied), alone or followed by the buttons' names.
fn is_share_label(line: &str) -> bool {
    let line = line.replace('：', ":");
    let line = line.trim_matches(|c: char| c == ':' || c.is_whitespace());
    SHARE_LABELS.iter().any(|label| {
        let Some(rest) = line.strip_prefix(label) else {
            return false;
        };
        if rest.is_empty() {
            return true;
        }
        rest.starts_with([' ', ':'])
            && rest
                .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '|'))
                .filter(|word| !word.is_empty())
                .all(|word| SHARE_BUTTONS.contains(&word))
    })
}

/// A button or link of a widget, bulleted or not.
pub fn is_widget(line: &str) -> bool {
    WIDGETS.contains(&comparable(strip_bullet(line)).as_str())
}

/// A photo's name in a page's gallery, often bulleted: a long number
/// (`16003147536359`) or an image file's name (`WhatsApp Image 2022-03-21
/// at 12.56.32`, `IMG_20220321_125632.jpg`). No sentence looks like one.
pub fn is_gallery_name(line: &str) -> bool {
    let name = strip_bullet(line).trim();
    let lower = name.to_lowercase();
    let is_number = name.len() >= 8 && name.bytes().all(|b| b.is_ascii_digit());
    let is_file = !name.contains(char::is_whitespace)
        && [".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic"]
            .iter()
            .any(|extension| lower.ends_with(extension));
    let is_camera_name = ["img", "dsc", "pxl", "vid"].iter().any(|prefix| {
        lower.strip_prefix(prefix).is_some_and(|rest| {
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            !name.contains(char::is_whitespace)
                && rest
                    .trim_start_matches(['_', '-'])
                    .starts_with(|c: char| c.is_ascii_digit())
        })
    });
    // `WhatsApp Image 2022-03-21 at 12.56.32 (1).jpeg`: the app's name
    // and a date.
    let is_chat_photo = lower.strip_prefix("whatsapp image ").is_some_and(|rest| {
        let date = rest.get(..10).unwrap_or_default();
        date.len() == 10
            && date.bytes().enumerate().all(|(at, b)| {
                if at == 4 || at == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    });
    is_number || is_file || is_camera_name || is_chat_photo
}

/// A line that only names the publisher, `Biro Hubungan Masyarakat` or
/// `Kementerian Sosial RI`: the sign-off of every release, which tells a
/// reader of the ministry's own site nothing.
pub fn is_signoff(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '-' | '/'))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let only_publisher = words.iter().all(|w| PUBLISHER_WORDS.contains(&w.as_str()));
    let names_it = words.iter().any(|w| PUBLISHER_NAMES.contains(&w.as_str()));
    only_publisher && names_it && (words.len() >= 2 || words[..] == ["kemensos"])
}

/// The text of a bulleted line (`• x`, `- x`, `* x`).
pub fn bullet(line: &str) -> Option<&str> {
    let rest = line
        .trim_start()
        .strip_prefix(['•', '·', '▪', '◦', '‣', '-', '*'])?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim())
        .filter(|text| !text.is_empty())
}

pub fn strip_bullet(line: &str) -> &str {
    bullet(line).unwrap_or(line)
}

/// The number and text of a numbered line (`1. x`, `2) x`).
pub fn numbered(line: &str) -> Option<(&str, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = line.get(digits..)?.strip_prefix(['.', ')'])?;
    let text = rest.trim();
    (matches!(digits, 1..=3) && rest.starts_with(char::is_whitespace) && !text.is_empty())
        .then(|| (&line[..digits], text))
}

/// What two lines are compared by when looking for a repeated headline:
/// the text without bullet, case or spacing differences.
pub fn key(line: &str) -> String {
    strip_bullet(line)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Takes out web-page debris and gallery names anywhere, and the comment
/// and notification widgets that close a page.
pub fn drop_debris(lines: &mut [Option<String>]) -> Dropped {
    let mut dropped = Dropped::default();
    for (number, slot) in lines.iter_mut().enumerate() {
        match slot.take() {
            Some(line) if is_debris(&line) => dropped.debris.push((number, line)),
            Some(line) if is_gallery_name(&line) => {
                dropped.gallery.push(strip_bullet(&line).to_string());
            }
            line => *slot = line,
        }
    }
    for (number, slot) in lines.iter_mut().enumerate().rev() {
        match slot.take() {
            None => {}
            Some(line) if is_widget(&line) => dropped.debris.push((number, line)),
            Some(line) if is_initials_line(&line) => dropped.initials.push(line),
            line => {
                *slot = line;
                break;
            }
        }
    }
    dropped
}

/// Takes out the publisher's sign-off where it opens or closes the text.
/// Run after the credits are taken: `Penulis :` followed by `Humas
/// Kemensos` is a credit, not a sign-off.
pub fn drop_signoffs(lines: &mut [Option<String>], dropped: &mut Dropped) {
    let filled: Vec<usize> = (0..lines.len()).filter(|&at| lines[at].is_some()).collect();
    let mut found = Vec::new();
    for from_end in [false, true] {
        let mut order: Box<dyn Iterator<Item = &usize>> = if from_end {
            Box::new(filled.iter().rev())
        } else {
            Box::new(filled.iter())
        };
        while let Some(&at) = order.next()
            && let Some(line) = lines[at].take_if(|line| is_signoff(line))
        {
            found.push((at, line));
        }
    }
    // Named in the order of the text.
    found.sort();
    dropped
        .signoffs
        .extend(found.into_iter().map(|(_, line)| line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_is_known_lines_only() {
        for line in [
            "alexametrics",
            "Loading...",
            "A+ A-",
            "Share :",
            "Share:",
            "preload video",
        ] {
            assert!(is_debris(line), "{line}");
        }
        assert!(is_debris("KOMENTAR (pilih salah satu di bawah ini)"));
        assert!(is_debris(
            "Aktifkan notifikasi browser anda untuk berita terbaru."
        ));
        assert!(!is_debris("Top") && is_widget("Top") && is_widget("• Disqus"));
        assert!(!is_debris("Loading barang bantuan dimulai pagi ini."));
    }

    #[test]
    fn share_labels_in_every_script_with_or_without_buttons() {
        for line in [
            "Share :",
            "Share:",
            "SHARE",
            "Bagikan :",
            "Bagikan ke: Facebook, Twitter, WhatsApp",
            "Share : Facebook Twitter Email",
            "شارك :",
            ": شارك",
            "مشاركة：",
        ] {
            assert!(is_debris(line), "{line}");
        }
        for line in [
            "Share the load, said the minister.",
            "Bagikan bantuan kepada warga",
            "Bagikan: sembako untuk warga",
        ] {
            assert!(!is_debris(line), "{line}");
        }
    }

    #[test]
    fn gallery_names_are_numbers_and_image_files() {
        for line in [
            "• 16110022334455",
            "123456789",
            "• WhatsApp Image 2022-03-21 at 12.56.32",
            "WhatsApp Image 2022-03-21 at 12.56.32 (1).jpeg",
            "  • IMG_20220321_125632.jpg",
            "IMG-20220321-WA0012",
            "DSC_0123",
            "foto-kegiatan.png",
        ] {
            assert!(is_gallery_name(line), "{line}");
        }
        for line in [
            "2021",
            "• 1234 orang",
            "WhatsApp Image kiriman warga",
            "Imigrasi 2022 dibuka",
            "DSCH adalah singkatan",
        ] {
            assert!(!is_gallery_name(line), "{line}");
        }
    }

    #[test]
    fn a_signoff_only_names_the_publisher() {
        for line in [
            "Biro Hubungan Masyarakat",
            "Kementerian Sosial RI",
            "KEMENTERIAN SOSIAL REPUBLIK INDONESIA",
            "Humas Kemensos",
            "Public Relations Bureau, Ministry of Social Affairs",
        ] {
            assert!(is_signoff(line), "{line}");
        }
        for line in [
            "Masyarakat Indonesia",
            "Kepala Biro Hubungan Masyarakat, Rina Sari",
            "Kementerian Sosial menyalurkan bantuan",
            "Humas",
            "",
        ] {
            assert!(!is_signoff(line), "{line}");
        }
    }

    #[test]
    fn lists_and_bullets() {
        assert_eq!(numbered("2. Kedua;"), Some(("2", "Kedua;")));
        assert_eq!(numbered("3) Ketiga"), Some(("3", "Ketiga")));
        assert_eq!(numbered("2020. Tahun"), None);
        assert_eq!(numbered("4.0 era"), None);
        assert_eq!(bullet("• Judul"), Some("Judul"));
        assert_eq!(bullet("-5 derajat"), None);
        assert_eq!(key("  •  Judul   Berita "), "judul berita");
    }
}
