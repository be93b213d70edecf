//! Datelines (`BEKASI (15 Juli 2020) - `) and the dates written in them
//! or in the text, in Indonesian and English.

use jiff::civil::Date;

/// The opening of a release's first paragraph: where, and often when.
#[derive(Debug, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// As a reader expects it: `Bekasi`, not `BEKASI`.
    pub place: String,
    pub date: Option<Date>,
    /// Why there is no date although something stood where it goes, so
    /// that the editor is told.
    pub no_date: Option<NoDate<'a>>,
    /// The paragraph that follows the dash.
    pub rest: &'a str,
}

/// What stood in a dateline where its date goes, when it gave none.
#[derive(Debug, PartialEq, Eq)]
pub enum NoDate<'a> {
    /// Not a date at all: `(ANTARA)`.
    NotADate(&'a str),
    /// A date that does not exist: `31 Februari 2020`, and why.
    Invalid { written: &'a str, why: String },
}

/// A dateline's dash, as typed or as a word processor turned it: hyphen,
/// figure dash, en dash, em dash, horizontal bar, minus sign.
const DASHES: [char; 6] = ['-', '‒', '–', '—', '―', '−'];

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
    let (reading, rest) = if let Some(inner) = after.strip_prefix('(') {
        let close = inner.find(')')?;
        let inside = inner[..close].trim();
        let reading = read_date(inside);
        let tail = inner[close + 1..].trim();
        // `JAKARTA (21 March 2022)` alone on its line, the text below it.
        let rest = if tail.is_empty() && reading != Err(DateError::NotADate) {
            tail
        } else {
            after_dash(tail, true)?
        };
        (Some((inside, reading)), rest)
    } else if let Some(tail) = after.strip_prefix(',') {
        let dash = tail.find(DASHES)?;
        let written = tail[..dash].trim();
        let reading = read_date(written);
        // After a comma only a date makes a dateline: `JAKARTA, kata dia - `
        // is prose.
        if reading == Err(DateError::NotADate) {
            return None;
        }
        (Some((written, reading)), after_dash(&tail[dash..], true)?)
    } else {
        (None, after_dash(after, false)?)
    };
    let (date, no_date) = match reading {
        None => (None, None),
        Some((_, Ok(date))) => (Some(date), None),
        Some((written, Err(DateError::NotADate))) => (None, Some(NoDate::NotADate(written))),
        Some((written, Err(DateError::Invalid(why)))) => {
            (None, Some(NoDate::Invalid { written, why }))
        }
    };
    // A date that does not exist still shows the writer meant a dateline.
    let dated = date.is_some() || matches!(no_date, Some(NoDate::Invalid { .. }));
    if !in_capitals && !dated {
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
        no_date,
        rest,
    })
}

/// The text after a leading dash (or `--`). Where no date stands before
/// it, the dash must stand apart from the next word, as in `BEKASI - `,
/// so that `KOTA-KOTA` is not read as a dateline; after a date
/// `(21 March 2022)—The` is as plain as with spaces.
fn after_dash(text: &str, after_date: bool) -> Option<&str> {
    let text = text.trim_start();
    let rest = text
        .strip_prefix("--")
        .or_else(|| text.strip_prefix(DASHES))?;
    (after_date || rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(rest.trim())
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

/// Why a text gave no date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not written as a date.
    NotADate,
    /// Written as a date that does not exist, and why: `31 Februari 2020`.
    Invalid(String),
}

/// A date as press releases write it: `15 Juli 2020`, `July 23rd, 2020`,
/// `March 21, 2022`, `12th September 2020`, `December 5th 2019`,
/// `Senin, 17/02/2020` (day first), `2020-07-15`. Anything else, or an
/// impossible date, is `None`.
pub fn parse_date(text: &str) -> Option<Date> {
    read_date(text).ok()
}

/// `parse_date`, telling a text that is no date from a date that does
/// not exist.
pub fn read_date(text: &str) -> Result<Date, DateError> {
    let (mut day, mut month, mut year) = (None, None, None);
    // Each part may be written once; a second one makes the text
    // something other than one date.
    fn set<T>(slot: &mut Option<T>, value: T) -> Result<(), DateError> {
        match slot {
            Some(_) => Err(DateError::NotADate),
            None => {
                *slot = Some(value);
                Ok(())
            }
        }
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
            let number = token.parse().map_err(|_| DateError::NotADate)?;
            set(&mut year, number)?;
        } else {
            let digits = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suffix| token.strip_suffix(suffix))
                .unwrap_or(&token);
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(DateError::NotADate);
            }
            let number = digits.parse().map_err(|_| DateError::NotADate)?;
            set(&mut day, number)?;
        }
    }
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(DateError::NotADate);
    };
    Date::new(year, month, day).map_err(|_| DateError::Invalid(why_invalid(year, month, day)))
}

/// `February 2020 has 29 days`: what is wrong with a date that does not
/// exist, for the editor who typed it.
fn why_invalid(year: i16, month: i8, day: i8) -> String {
    match Date::new(year, month, 1) {
        Err(_) => format!("there is no month {month}"),
        Ok(_) if day < 1 => format!("there is no day {day}"),
        Ok(first) => format!(
            "{} {year} has {} days",
            first.strftime("%B"),
            first.days_in_month()
        ),
    }
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
        // After a date the dash may touch the text, be doubled, or end
        // the line; the date may end it alone.
        for line in [
            "SURABAYA (4 March 2021)—Text.",
            "SURABAYA (4 March 2021) -- Text.",
        ] {
            assert_eq!(read(line), ("Surabaya".to_string(), day, "Text."), "{line}");
        }
        for line in ["SURABAYA (4 March 2021) -", "SURABAYA (4 March 2021)"] {
            assert_eq!(read(line), ("Surabaya".to_string(), day, ""), "{line}");
        }
        let typo = parse("SURABAYA (31 Februari 2020) - Text.").unwrap();
        assert_eq!(
            (typo.date, typo.no_date, typo.rest),
            (
                None,
                Some(NoDate::Invalid {
                    written: "31 Februari 2020",
                    why: "February 2020 has 29 days".into()
                }),
                "Text."
            )
        );
        assert_eq!(
            read("KOTA BEKASI - Teks."),
            ("Kota Bekasi".into(), None, "Teks.")
        );
        let agency = parse("JAKARTA (ANTARA) - Teks.").unwrap();
        assert_eq!(
            (agency.date, agency.no_date),
            (None, Some(NoDate::NotADate("ANTARA")))
        );
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
            "PSM (Pekerja Sosial Masyarakat)",
            "JAKARTA, kata Menteri - teks",
            "BEKASI -teks tanpa spasi",
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
        assert_eq!(
            read_date("31 Februari 2020"),
            Err(DateError::Invalid("February 2020 has 29 days".into()))
        );
        assert_eq!(
            read_date("5/13/2020"),
            Err(DateError::Invalid("there is no month 13".into()))
        );
        assert_eq!(
            read_date("0 Mei 2020"),
            Err(DateError::Invalid("there is no day 0".into()))
        );
        assert_eq!(read_date("ANTARA"), Err(DateError::NotADate));
        assert_eq!(read_date("Februari 2020"), Err(DateError::NotADate));
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
