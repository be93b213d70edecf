//! Datelines (`BEKASI (15 Juli 2020) - `) and the dates written in them
//! or in the text, in Indonesian and English.

use jiff::civil::Date;

/// The opening of a release's first paragraph: where, and often when.
#[derive(Debug, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// As a reader expects it: `Bekasi`, not `BEKASI`.
    pub place: String,
    pub date: Option<Date>,
    /// What stood in brackets when it was not a date (`ANTARA`), so that
    /// the editor is told why there is none.
    pub not_a_date: Option<&'a str>,
    /// The paragraph that follows the dash.
    pub rest: &'a str,
}

/// A dateline's dash, as typed or as a word processor turned it.
const DASHES: [char; 3] = ['-', '–', '—'];

/// `PLACE (date) - rest`, `PLACE, date - rest` or `PLACE - rest`.
///
/// A place in capitals is the newsroom's form. A capitalised word before a
/// dash is too common in prose (`Bansos - ...`), so `Jakarta` is taken
/// only when a date follows it.
pub fn parse(line: &str) -> Option<Dateline<'_>> {
    let place_end = line
        .find(|c: char| !(c.is_alphabetic() || c == ' ' || c == '.' || c == '\''))
        .unwrap_or(line.len());
    let place = line[..place_end].trim();
    let words = place.split_whitespace().count();
    let letters = || place.chars().filter(|c| c.is_alphabetic());
    if letters().count() < 3 || words > 3 || is_weekday(&place.to_lowercase()) {
        return None;
    }
    let in_capitals = letters().all(char::is_uppercase);
    let after = line[place_end..].trim_start();
    let (date, not_a_date, rest) = if let Some(inner) = after.strip_prefix('(') {
        let close = inner.find(')')?;
        let inside = inner[..close].trim();
        let date = parse_date(inside);
        let rest = after_dash(&inner[close + 1..])?;
        (date, date.is_none().then_some(inside), rest)
    } else if let Some(tail) = after.strip_prefix(',') {
        let dash = tail.find(DASHES)?;
        (
            Some(parse_date(&tail[..dash])?),
            None,
            after_dash(&tail[dash..])?,
        )
    } else {
        (None, None, after_dash(after)?)
    };
    if !in_capitals && date.is_none() {
        return None;
    }
    let place = if in_capitals {
        title_case(place)
    } else {
        place.to_string()
    };
    Some(Dateline {
        place,
        date,
        not_a_date,
        rest,
    })
}

/// The text after a leading dash that stands apart from the next word.
fn after_dash(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix(DASHES)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(rest.trim())
}

/// `BEKASI` → `Bekasi`, `KAB. BANDUNG BARAT` → `Kab. Bandung Barat`.
pub fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A date as press releases write it: `15 Juli 2020`, `July 23rd, 2020`,
/// `12th September 2020`, `Senin, 17/02/2020` (day first), `2020-07-15`.
/// Anything else, or an impossible date, is `None`.
pub fn parse_date(text: &str) -> Option<Date> {
    let (mut day, mut month, mut year) = (None, None, None);
    // Each part may be written once; a second one makes the text
    // something other than one date.
    fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
        slot.is_none().then(|| *slot = Some(value))
    }
    for token in text.split([' ', ',']).filter(|t| !t.is_empty()) {
        let token = token.trim_end_matches('.').to_lowercase();
        if is_weekday(&token) {
            continue;
        }
        if let Some((d, m, y)) = numeric_date(&token) {
            set(&mut day, d)?;
            set(&mut month, m)?;
            set(&mut year, y)?;
        } else if let Some(m) = month_number(&token) {
            set(&mut month, m)?;
        } else if token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) {
            set(&mut year, token.parse().ok()?)?;
        } else {
            let digits = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suffix| token.strip_suffix(suffix))
                .unwrap_or(&token);
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            set(&mut day, digits.parse().ok()?)?;
        }
    }
    Date::new(year?, month?, day?).ok()
}

/// `17/02/2020`, `17-02-2020`, `17.02.2020` (day first, as Indonesia
/// writes it) or `2020-02-17`.
fn numeric_date(token: &str) -> Option<(i8, i8, i16)> {
    let parts: Vec<&str> = token.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    match (a.len(), c.len()) {
        (4, 1..=2) => Some((c.parse().ok()?, b.parse().ok()?, a.parse().ok()?)),
        (1..=2, 4) if b.len() <= 2 => Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)),
        _ => None,
    }
}

/// Month names and their short forms in both languages, lowercase.
const MONTHS: [&[&str]; 12] = [
    &["januari", "january", "jan"],
    &["februari", "pebruari", "february", "feb", "peb"],
    &["maret", "march", "mar"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["agustus", "august", "aug", "agu", "ags", "agt"],
    &["september", "sep", "sept"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nov", "nop"],
    &["desember", "december", "des", "dec"],
];

fn month_number(word: &str) -> Option<i8> {
    let index = MONTHS.iter().position(|names| names.contains(&word))?;
    i8::try_from(index + 1).ok()
}

/// Whether a lowercase word names a day of the week.
pub fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 16] = [
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "jum'at",
        "sabtu",
        "minggu",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "ahad",
    ];
    WEEKDAYS.contains(&word)
}

/// A date written in the text as Indonesian news writes the day of an
/// event, `Senin (17/02/2020)` or `(Senin, 17/02/2020)`: the date and
/// the words it was read from. A date in brackets without its weekday is
/// too often some other date (a law's, a deadline) to be taken.
pub fn in_text(text: &str) -> Option<(Date, &str)> {
    // Each `(` and `)` is looked at once: a text of many brackets (a
    // pasted table, a run of emoticons) stays linear.
    let mut opens = text.match_indices('(').map(|(at, _)| at).peekable();
    let mut close = 0;
    while let Some(open) = opens.next() {
        if close <= open {
            let Some(length) = text[open..].find(')') else {
                break;
            };
            close = open + length;
        }
        // No date holds a `(` (`parse_date` takes no word with one), so
        // only the last `(` before a `)` can open one.
        if opens.peek().is_some_and(|&next| next < close) {
            continue;
        }
        let inside = &text[open + 1..close];
        let Some(date) = parse_date(inside) else {
            continue;
        };
        let before = text[..open].trim_end();
        // A weekday is at most nine letters: ten characters from the end
        // hold it and the space before it, without reading a long word.
        let tail_start = before.char_indices().rev().nth(9).map_or(0, |(at, _)| at);
        let tail = &before[tail_start..];
        let word = tail.rsplit(char::is_whitespace).next().unwrap_or_default();
        let whole_word = tail_start == 0 || word.len() < tail.len();
        let weekday_inside = inside
            .split([' ', ','])
            .any(|w| is_weekday(&w.to_lowercase()));
        if whole_word && is_weekday(&word.to_lowercase()) {
            return Some((date, &text[before.len() - word.len()..=close]));
        }
        if weekday_inside {
            return Some((date, &text[open..=close]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn read(line: &str) -> (String, Option<Date>, &str) {
        let d = parse(line).unwrap_or_else(|| panic!("no dateline in {line:?}"));
        (d.place, d.date, d.rest)
    }

    #[test]
    fn every_dateline_form_gives_place_date_and_paragraph() {
        let day = Some(date(2021, 3, 4));
        for line in [
            "SURABAYA (4 March 2021) - Text.",
            "SURABAYA (4 Maret 2021) - Text.",
            "SURABAYA (March 4th, 2021) - Text.",
            "SURABAYA (March 4th 2021) – Text.",
            "SURABAYA (4th March 2021) — Text.",
            "SURABAYA (4 Mar. 2021)- Text.",
            "SURABAYA (Kamis, 04/03/2021) - Text.",
            "SURABAYA, 4 Maret 2021 - Text.",
            "Surabaya (4 Maret 2021) - Text.",
        ] {
            assert_eq!(read(line), ("Surabaya".to_string(), day, "Text."), "{line}");
        }
        assert_eq!(
            read("KOTA BEKASI - Teks."),
            ("Kota Bekasi".into(), None, "Teks.")
        );
        let agency = parse("JAKARTA (ANTARA) - Teks.").unwrap();
        assert_eq!((agency.date, agency.not_a_date), (None, Some("ANTARA")));
    }

    #[test]
    fn headlines_and_prose_are_not_datelines() {
        for line in [
            "PSM Harus Siap - kata Menteri",
            "Bansos - program baru",
            "Senin (17/02/2020) - Teks",
            "COVID-19 masih ada",
            "JAKARTA (15 Juli 2020) Teks tanpa tanda pisah",
            "KEMENSOS GELAR BIMTEK DI SINI - teks",
        ] {
            assert!(parse(line).is_none(), "{line}");
        }
    }

    #[test]
    fn dates_in_both_languages_and_impossible_ones() {
        assert_eq!(parse_date("1st Agustus 2019"), Some(date(2019, 8, 1)));
        assert_eq!(parse_date("Dec 22nd, 2020"), Some(date(2020, 12, 22)));
        assert_eq!(parse_date("2020-07-15"), Some(date(2020, 7, 15)));
        assert_eq!(parse_date("17.02.2020"), Some(date(2020, 2, 17)));
        assert_eq!(parse_date("30 Februari 2020"), None);
        assert_eq!(parse_date("15 Juli"), None);
        assert_eq!(parse_date("15 Juli 2020 2021"), None);
        assert_eq!(parse_date("UU No. 14 2019"), None);
    }

    #[test]
    fn a_date_in_the_text_needs_its_weekday() {
        let text = "Dibuka di Jakarta, Senin (17/02/2020). Sesuai UU (14/02/2019).";
        assert_eq!(
            in_text(text),
            Some((date(2020, 2, 17), "Senin (17/02/2020)"))
        );
        assert_eq!(
            in_text("dibuka (Rabu, 4 Maret 2021) di Medan"),
            Some((date(2021, 3, 4), "(Rabu, 4 Maret 2021)"))
        );
        assert_eq!(in_text("sesuai aturan (14/02/2019) itu"), None);
        assert_eq!(
            in_text("((x) Rabu (4 Maret 2021) di"),
            Some((date(2021, 3, 4), "Rabu (4 Maret 2021)"))
        );
        assert_eq!(in_text("x ((x) Rabu ((4 Maret 2021) di"), None);
        assert_eq!(
            in_text("panjangsekali Wednesday (4 March 2021)"),
            Some((date(2021, 3, 4), "Wednesday (4 March 2021)"))
        );
        assert_eq!(in_text("xWednesday (4 March 2021)"), None);
        assert_eq!(in_text("yxWednesday (4 March 2021)"), None);
    }

    // Reproducers (fuzz/regressions/import/many-open-brackets and
    // many-dates-in-one-word): every `(` read on to the next `)`, and every
    // date read the whole word before it. Results at sizes that were slow
    // then; no test here times them.
    #[test]
    fn a_date_after_many_brackets_is_found() {
        let brackets = "(".repeat(20_000) + "Rabu, 4 Maret 2021)";
        assert_eq!(
            in_text(&brackets),
            Some((date(2021, 3, 4), "(Rabu, 4 Maret 2021)"))
        );
        assert_eq!(in_text(&"(04/03/2021)".repeat(10_000)), None);
    }
}
