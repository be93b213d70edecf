//! `warta import`: plain-text press releases into Markdown with front
//! matter.
//!
//! A release copied from a news web page or an email carries its headline,
//! dateline and credits as plain lines, mixed with the page's debris. This
//! module finds what it can and never guesses: what it cannot find is left
//! out of the front matter and said in `notes`, for the editor to add.
//! `directorate`, which news items need, is never guessed; reading files,
//! naming them and reporting are the command line's.

mod body;
mod clean;
mod credits;
mod dateline;
mod language;
mod markdown;
mod notes;

use jiff::civil::Date;

use body::Block;
use credits::Mark;
use dateline::NoDate;

pub use markdown::{file_stem, to_markdown};

/// What was found in one release.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedRelease {
    pub title: Option<String>,
    pub date: Option<Date>,
    /// The dateline's place as readers expect it: `Bekasi`, not `BEKASI`.
    pub place: Option<String>,
    /// `id` or `en`: detected from the text unless the caller forced it.
    pub lang: Option<String>,
    pub writer: Vec<String>,
    pub editor: Vec<String>,
    pub translator: Vec<String>,
    pub photographer: Vec<String>,
    /// Markdown: paragraphs separated by blank lines, numbered lists as
    /// Markdown lists, without the dateline's `BEKASI (15 July 2020) - `.
    pub body: String,
    /// What was not found or was dropped, in plain English, for the editor.
    pub notes: Vec<String>,
    /// Every line taken out of the text as written: web-page debris, a
    /// gallery's photo names, sign-offs, repeated headlines, teasers,
    /// reporter initials.
    pub dropped: Vec<String>,
}

/// The front matter fields the importer looks for, in the README's order.
pub const FIELDS: [&str; 7] = [
    "title",
    "date",
    "place",
    "writer",
    "editor",
    "translator",
    "photographer",
];

impl ImportedRelease {
    /// Nothing to make a page of: no headline and no text.
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.body.trim().is_empty()
    }

    /// The fields of `FIELDS` that were found.
    pub fn found_fields(&self) -> Vec<&'static str> {
        self.fields()
            .filter(|(_, found)| *found)
            .map(|(f, _)| f)
            .collect()
    }

    /// The fields of `FIELDS` that were not found, but `photographer`:
    /// most releases credit no photo, and none is missing then.
    pub fn missing_fields(&self) -> Vec<&'static str> {
        self.fields()
            .filter(|&(field, found)| !found && field != "photographer")
            .map(|(field, _)| field)
            .collect()
    }

    fn fields(&self) -> impl Iterator<Item = (&'static str, bool)> {
        let found = [
            self.title.is_some(),
            self.date.is_some(),
            self.place.is_some(),
            !self.writer.is_empty(),
            !self.editor.is_empty(),
            !self.translator.is_empty(),
            !self.photographer.is_empty(),
        ];
        FIELDS.into_iter().zip(found)
    }
}

/// Reads a plain-text release. `lang` (`Some("id")`) forces the language;
/// `None` detects it from the text.
pub fn parse_release(text: &str, lang: Option<&str>) -> ImportedRelease {
    let mut release = ImportedRelease::default();
    // Line by line; `None` is a blank line or one taken out. Every
    // non-blank line is a paragraph: releases copied from web pages have
    // one line per paragraph, with or without blank lines between.
    let mut lines: Vec<Option<String>> = normalize(text)
        .lines()
        .map(|line| Some(line.split_whitespace().collect::<Vec<_>>().join(" ")))
        .map(|line| line.filter(|l| !l.is_empty()))
        .collect();
    let mut dropped = clean::drop_debris(&mut lines);
    credits::take_credits(&mut lines, &mut release);
    clean::drop_signoffs(&mut lines, &mut dropped);

    let dateline_at = find_dateline(&lines);
    let head_end = dateline_at.unwrap_or(0);
    let mut head: Vec<String> = lines[..head_end]
        .iter_mut()
        .filter_map(Option::take)
        .collect();
    if dateline_at.is_none() {
        // Without a dateline only a first line shaped as a headline can be
        // told from the first paragraph.
        if let Some(first) = lines.iter_mut().find(|l| l.is_some())
            && first.as_deref().is_some_and(is_headline)
        {
            head.extend(first.take());
        }
    }
    let starts_with_dateline = dateline_at.is_some() && head.is_empty();
    if head.first().is_some_and(|line| is_headline(line)) {
        release.title = Some(head.remove(0));
    }
    if let Some(title) = &release.title {
        let title = clean::key(title);
        let (repeats, kept): (Vec<String>, Vec<String>) =
            head.into_iter().partition(|line| clean::key(line) == title);
        head = kept;
        dropped.title_repeats.extend(repeats);
        for line in lines.iter_mut() {
            if let Some(repeat) = line.take_if(|l| clean::key(l) == title) {
                dropped.title_repeats.push(repeat);
            }
        }
    }

    let mut blocks: Vec<Block> = Vec::new();
    let mut why_no_date = "no dateline".to_string();
    let mut invalid_date = false;
    if let Some(at) = dateline_at {
        let line = lines[at].take().unwrap_or_default();
        if let Some(found) = dateline::parse(&line) {
            why_no_date = match &found.no_date {
                Some(NoDate::NotADate(words)) => {
                    format!("the dateline's '({words})' is not a date")
                }
                Some(NoDate::Invalid { written, why }) => {
                    invalid_date = true;
                    format!("the dateline's date '{written}' is invalid: {why}")
                }
                None => "the dateline has no date".to_string(),
            };
            let copy = take_dateline_copies(&mut lines[at + 1..], &found);
            let first = found.rest;
            // A teaser that carries the dateline repeats the paragraph
            // that carries it again: only the paragraph stays.
            if copy.is_some_and(|copy| is_copy(first, &copy)) {
                dropped.teasers.push(first.to_string());
            } else if !first.is_empty() {
                blocks.push(Block::from_line(first));
            }
            release.place = Some(found.place);
            release.date = found.date;
        }
    }
    blocks.extend(lines.iter().flatten().map(|line| Block::from_line(line)));
    for (mark, written) in body::take_end_marks(&mut blocks) {
        match mark {
            Mark::Initials => dropped.initials.push(written),
            Mark::Reporter(name) => {
                if !release.writer.contains(&name) {
                    release.writer.push(name.clone());
                }
                dropped.reporters.push((written, name));
            }
        }
    }

    // Head lines left after the headline: a teaser that shortens a later
    // paragraph is dropped; anything else is the editor's text and kept.
    let (teasers, kept): (Vec<String>, Vec<String>) = head
        .into_iter()
        .partition(|line| blocks.iter().any(|b| body::repeats(line, b.text())));
    blocks.splice(0..0, kept.iter().map(|line| Block::from_line(line)));
    let body_text: Vec<&str> = blocks.iter().map(Block::text).collect();
    let body_text = body_text.join("\n");

    let notes = &mut release.notes;
    if release.title.is_none() {
        notes.push(if starts_with_dateline {
            "no title found: the text starts with its dateline".to_string()
        } else {
            "no title found".to_string()
        });
    }
    if release.place.is_none() {
        notes.push("no place found: no dateline such as 'JAKARTA (15 July 2020) - '".to_string());
    }
    if release.date.is_none() {
        match dateline::in_text(&body_text) {
            Some((date, words)) => {
                release.date = Some(date);
                notes.push(format!(
                    "{why_no_date}: took the date {date} from '{words}' in the text"
                ));
            }
            // An invalid date is the editor's typo to fix, not a date
            // that is missing.
            None if invalid_date => notes.push(why_no_date),
            None => notes.push("no date found".to_string()),
        }
    }
    notes.extend(notes::missing_credits(
        &release.writer,
        &release.editor,
        &release.translator,
    ));

    let title = release.title.as_deref().unwrap_or_default();
    let detected = language::detect(&format!("{title}\n{body_text}"));
    release.lang = match (lang, detected) {
        (Some(forced), Some(detected)) if forced != detected => {
            notes.push(format!(
                "the language was set to '{forced}', but the text reads as {}",
                language::name(detected)
            ));
            Some(forced.to_string())
        }
        (Some(forced), _) => Some(forced.to_string()),
        (None, Some(detected)) => Some(detected.to_string()),
        (None, None) => {
            notes.push("could not tell whether the text is Indonesian or English".to_string());
            None
        }
    };

    dropped.teasers.extend(teasers);
    release.dropped = dropped.lines();
    release.notes.extend(dropped.notes());
    release.body = body::render(&blocks);
    release
}

/// Takes the dateline off every later line that starts with the same
/// one (a page may show the first paragraph twice, as a teaser above
/// the text), and returns the first of those lines' paragraphs.
fn take_dateline_copies(
    lines: &mut [Option<String>],
    found: &dateline::Dateline,
) -> Option<String> {
    let mut first = None;
    for line in lines.iter_mut() {
        let Some(text) = line.as_deref() else {
            continue;
        };
        let Some(copy) = dateline::parse(text) else {
            continue;
        };
        if copy.place == found.place && copy.date == found.date && copy.no_date == found.no_date {
            let rest = copy.rest.to_string();
            *line = (!rest.is_empty()).then(|| rest.clone());
            first.get_or_insert(rest);
        }
    }
    first
}

/// A teaser is a sentence or two: a longer text is compared only whole,
/// since comparing word by word takes the product of the two lengths.
const MAX_TEASER_BYTES: usize = 2_000;

/// Whether `teaser` is the same text as `paragraph` or a shortened copy.
fn is_copy(teaser: &str, paragraph: &str) -> bool {
    clean::key(teaser) == clean::key(paragraph)
        || (teaser.len() <= MAX_TEASER_BYTES && body::repeats(teaser, paragraph))
}

/// LF line endings, and the invisible characters of web pages and word
/// processors (no-break and zero-width spaces, a byte-order mark, the
/// direction marks around right-to-left menu labels) made plain spaces or
/// removed, so that `2020)\u{a0}-` reads as `2020) -`.
fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}'..='\u{200f}'
                    | '\u{2060}'
                    | '\u{feff}'
                    | '\u{061c}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
            )
        })
        .map(|c| match c {
            '\r' => '\n',
            '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect()
}

/// How many different lines may stand before the dateline: a headline,
/// a teaser, a photo caption. A `WORD - ` further down is prose.
const MAX_HEAD_LINES: usize = 3;

fn find_dateline(lines: &[Option<String>]) -> Option<usize> {
    let mut seen: Vec<String> = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(line) = line else { continue };
        if dateline::parse(line).is_some() {
            return Some(at);
        }
        let key = clean::key(line);
        if !seen.contains(&key) {
            seen.push(key);
            if seen.len() > MAX_HEAD_LINES {
                return None;
            }
        }
    }
    None
}

/// A line shaped as a headline: short, and not a sentence ending in a
/// full stop.
fn is_headline(line: &str) -> bool {
    line.chars().count() <= 200
        && !line.ends_with(['.', ',', ';', ':'])
        && clean::numbered(line).is_none()
        && clean::bullet(line).is_none()
}

#[cfg(test)]
mod tests;
