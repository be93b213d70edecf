//! Front matter as `load` reads a content file: bytes to text, split at
//! the `---` lines, then YAML parsed and validated. Any input must give a
//! page or diagnostics, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use warta::load::{front_matter, summary, yaml};
use warta::model::Section;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = yaml::decode_utf8(bytes) else {
        return;
    };
    let Ok(split) = front_matter::split(&text) else {
        return;
    };
    // As `read_page` does.
    let _ = summary::first_paragraph(split.body);
    // News has the most checks; one other section, picked by the input's
    // length, covers the rest without parsing the YAML five times.
    let other = Section::ALL[1 + text.len() % (Section::ALL.len() - 1)];
    for (section, path) in [
        (Section::News, "content/news/x.id.md"),
        (other, "content/pages/x.en.md"),
    ] {
        let _ = front_matter::parse(split.yaml, Path::new(path), section, 2);
    }
});
